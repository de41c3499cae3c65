import { Module } from '@nestjs/common';
import { AuditModule } from '../audit/audit.module';
import { CasesModule } from '../cases/cases.module';
import { OrganizationsModule } from '../organizations/organizations.module';
import { SessionsModule } from '../sessions/sessions.module';
import { OrganizationMergeController } from './organization-merge.controller';
import { OrganizationMergeService } from './organization-merge.service';

/** Merging touches organizations, cases and sessions, so it sits above all three. */
@Module({
  imports: [AuditModule, OrganizationsModule, CasesModule, SessionsModule],
  controllers: [OrganizationMergeController],
  providers: [OrganizationMergeService],
})
export class OrganizationMergeModule {}
