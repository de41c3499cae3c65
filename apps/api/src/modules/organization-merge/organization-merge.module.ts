import { Module } from '@nestjs/common';
import { AuditModule } from '../audit/audit.module';
import { AwardsModule } from '../awards/awards.module';
import { CasesModule } from '../cases/cases.module';
import { EventsModule } from '../events/events.module';
import { OrganizationsModule } from '../organizations/organizations.module';
import { SessionsModule } from '../sessions/sessions.module';
import { OrganizationMergeController } from './organization-merge.controller';
import { OrganizationMergeService } from './organization-merge.service';

/**
 * Merging touches organizations, cases, sessions, event registrations and award marks, so it sits
 * above them.
 */
@Module({
  imports: [
    AuditModule,
    OrganizationsModule,
    CasesModule,
    SessionsModule,
    EventsModule,
    AwardsModule,
  ],
  controllers: [OrganizationMergeController],
  providers: [OrganizationMergeService],
})
export class OrganizationMergeModule {}
