import { Module } from '@nestjs/common';
import { AuditModule } from '../audit/audit.module';
import { OrganizationsModule } from '../organizations/organizations.module';
import { DesksModule } from '../desks/desks.module';
import { NotificationsModule } from '../notifications/notifications.module';
import { RoutingModule } from '../routing/routing.module';
import { TransfersController } from './transfers.controller';
import { TransfersService } from './transfers.service';
import { BulkController } from './bulk.controller';
import { CaseBulkService } from './case-bulk.service';
import { CaseTimelineService } from './case-timeline.service';
import { SlaBreachScanService } from './sla-breach-scan.service';
import { CaseListService } from './case-list.service';
import { CasesController } from './cases.controller';
import { CasesRepository } from './cases.repository';
import { CasesService } from './cases.service';
import { CatalogueController } from './catalogue.controller';
import { ReferralsService } from './referrals.service';
import { SavedViewsController } from './saved-views.controller';
import { SavedViewsRepository } from './saved-views.repository';
import { SavedViewsService } from './saved-views.service';

@Module({
  imports: [AuditModule, OrganizationsModule, RoutingModule, DesksModule, NotificationsModule],
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
    CaseListService,
    ReferralsService,
    SavedViewsRepository,
    SavedViewsService,
    TransfersService,
    CaseBulkService,
    CaseTimelineService,
    SlaBreachScanService,
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
