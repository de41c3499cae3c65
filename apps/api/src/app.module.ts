import { type DynamicModule, Global, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { LoggerModule } from 'nestjs-pino';
import type { DestinationStream } from 'pino';
import { Clock, SystemClock } from './common/clock/clock';
import { CredentialCache } from './common/auth/credential-cache';
import { Draining } from './common/lifecycle/draining';
import { StaffLoad } from './common/lifecycle/staff-load';
import { loggerOptions } from './common/logging/logger.options';
import { SETTINGS, type Settings } from './config/settings';
import { ExportGate } from './database/export-gate';
import { ReportReader } from './database/report-reader';
import { dataSourceOptions } from './database/data-source-options';
import { ApiTokensModule } from './modules/api-tokens/api-tokens.module';
import { AuditModule } from './modules/audit/audit.module';
import { AwardsModule } from './modules/awards/awards.module';
import { AuthModule } from './modules/auth/auth.module';
import { HealthModule } from './modules/health/health.module';
import { CasesModule } from './modules/cases/cases.module';
import { CorporateRegistryModule } from './modules/corporate-registry/corporate-registry.module';
import { ExpertsModule } from './modules/experts/experts.module';
import { DesksModule } from './modules/desks/desks.module';
import { FollowUpsModule } from './modules/follow-ups/follow-ups.module';
import { MetricsModule } from './modules/metrics/metrics.module';
import { JobsModule } from './modules/jobs/jobs.module';
import { MailModule } from './modules/mail/mail.module';
import { NotificationsModule } from './modules/notifications/notifications.module';
import { PresenceModule } from './modules/presence/presence.module';
import { PublicInquiriesModule } from './modules/public-inquiries/public-inquiries.module';
import { SurveysModule } from './modules/surveys/surveys.module';
import { EventsModule } from './modules/events/events.module';
import { PartnerPlansModule } from './modules/partner-plans/partner-plans.module';
import { ReportsModule } from './modules/reports/reports.module';
import { RoutingModule } from './modules/routing/routing.module';
import { OrganizationMergeModule } from './modules/organization-merge/organization-merge.module';
import { OrganizationsModule } from './modules/organizations/organizations.module';
import { SessionsModule } from './modules/sessions/sessions.module';
import { StewardshipModule } from './modules/stewardship/stewardship.module';
import { UsersModule } from './modules/users/users.module';
import { WorkModule } from './modules/work/work.module';

@Global()
@Module({})
class CoreModule {
  static forRoot(settings: Settings, clock: Clock): DynamicModule {
    return {
      module: CoreModule,
      providers: [
        { provide: SETTINGS, useValue: settings },
        { provide: Clock, useValue: clock },
        Draining,
        StaffLoad,
        ReportReader,
        ExportGate,
        // A value, not a class to construct: its clock is a parameter for the unit tests.
        { provide: CredentialCache, useValue: new CredentialCache() },
      ],
      exports: [SETTINGS, Clock, Draining, StaffLoad, ReportReader, ExportGate, CredentialCache],
    };
  }
}

/** What only the embedding process decides (the e2e tests read the log lines back). */
export interface AppOptions {
  logDestination?: DestinationStream;
  /** The time the services decide by; the tests pass one they can step forward. */
  clock?: Clock;
}

@Module({})
export class AppModule {
  static forRoot(settings: Settings, options: AppOptions = {}): DynamicModule {
    return {
      module: AppModule,
      imports: [
        CoreModule.forRoot(settings, options.clock ?? new SystemClock()),
        LoggerModule.forRoot(loggerOptions(settings, options.logDestination)),
        TypeOrmModule.forRoot({
          ...dataSourceOptions(settings),
          autoLoadEntities: true,
          // Fail fast at boot instead of retrying for minutes: the operator sees why at once.
          retryAttempts: 0,
        }),
        HealthModule,
        AuditModule,
        ApiTokensModule,
        AuthModule,
        UsersModule,
        DesksModule,
        RoutingModule,
        CorporateRegistryModule,
        OrganizationsModule,
        CasesModule,
        MailModule,
        ExpertsModule,
        SessionsModule,
        OrganizationMergeModule,
        FollowUpsModule,
        NotificationsModule,
        JobsModule,
        PresenceModule,
        ReportsModule,
        PublicInquiriesModule,
        SurveysModule,
        EventsModule,
        PartnerPlansModule,
        WorkModule,
        StewardshipModule,
        MetricsModule,
        AwardsModule,
      ],
    };
  }
}
