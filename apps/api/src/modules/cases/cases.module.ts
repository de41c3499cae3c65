import { Module } from '@nestjs/common';
import { AuditModule } from '../audit/audit.module';
import { OrganizationsModule } from '../organizations/organizations.module';
import { CaseListService } from './case-list.service';
import { CasesController } from './cases.controller';
import { CasesService } from './cases.service';
import { CatalogueController } from './catalogue.controller';
import { ReferralsService } from './referrals.service';
import { SavedViewsService } from './saved-views.service';

@Module({
  imports: [AuditModule, OrganizationsModule],
  controllers: [CasesController, CatalogueController],
  providers: [CasesService, CaseListService, ReferralsService, SavedViewsService],
  exports: [CasesService],
})
export class CasesModule {}
