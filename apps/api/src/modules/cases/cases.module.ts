import { Module } from '@nestjs/common';
import { AuditModule } from '../audit/audit.module';
import { OrganizationsModule } from '../organizations/organizations.module';
import { DesksModule } from '../desks/desks.module';
import { NotificationsModule } from '../notifications/notifications.module';
import { RoutingModule } from '../routing/routing.module';
import { UsersModule } from '../users/users.module';
import { TransfersController } from './transfers.controller';
import { TransfersRepository } from './transfers.repository';
import { TransfersService } from './transfers.service';
import { BulkController } from './bulk.controller';
import { CaseBulkService } from './case-bulk.service';
import { CaseEventsRepository } from './case-events.repository';
import { CaseTimelineService } from './case-timeline.service';
import { SearchIndexRepository } from './search-index.repository';
import { SearchIndexMaintenanceService } from './search-index-maintenance.service';
import { SlaBreachScanService } from './sla-breach-scan.service';
import { SlaBreachesRepository } from './sla-breaches.repository';
import { CaseListRepository } from './case-list.repository';
import { CaseListService } from './case-list.service';
import { CasesController } from './cases.controller';
import { CasesRepository } from './cases.repository';
import { CasesService } from './cases.service';
import { CatalogueController } from './catalogue.controller';
import { OpenCaseLoadModule } from './open-case-load.repository';
import { ReferralsRepository } from './referrals.repository';
import { ReferralsService } from './referrals.service';
import { SavedViewsController } from './saved-views.controller';
import { SavedViewsRepository } from './saved-views.repository';
import { SavedViewsService } from './saved-views.service';

@Module({
  imports: [
    AuditModule,
    OrganizationsModule,
    RoutingModule,
    DesksModule,
    NotificationsModule,
    OpenCaseLoadModule,
    UsersModule,
  ],
  controllers: [
    BulkController,
    CasesController,
    CatalogueController,
    SavedViewsController,
    TransfersController,
  ],
  providers: [
    CasesRepository,
    CasesService,
    CaseListRepository,
    CaseListService,
    ReferralsRepository,
    ReferralsService,
    SavedViewsRepository,
    SavedViewsService,
    TransfersRepository,
    TransfersService,
    CaseBulkService,
    CaseEventsRepository,
    CaseTimelineService,
    SlaBreachScanService,
    SlaBreachesRepository,
    SearchIndexRepository,
    SearchIndexMaintenanceService,
  ],
  exports: [
    CasesService,
    CaseListService,
    SavedViewsService,
    CaseTimelineService,
    SlaBreachScanService,
  ],
})
export class CasesModule {}
