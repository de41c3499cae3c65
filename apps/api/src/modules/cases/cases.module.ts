import { Module } from '@nestjs/common';
import { AuditModule } from '../audit/audit.module';
import { OrganizationsModule } from '../organizations/organizations.module';
import { CaseListService } from './case-list.service';
import { CasesController } from './cases.controller';
import { CasesService } from './cases.service';
import { ReferralsService } from './referrals.service';

@Module({
  imports: [AuditModule, OrganizationsModule],
  controllers: [CasesController],
  providers: [CasesService, CaseListService, ReferralsService],
  exports: [CasesService],
})
export class CasesModule {}
