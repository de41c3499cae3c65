import { Module } from '@nestjs/common';
import { AuditModule } from '../audit/audit.module';
import { PartnerPlansController } from './partner-plans.controller';
import { PartnerPlansRepository } from './partner-plans.repository';
import { PartnerPlansService } from './partner-plans.service';

/**
 * The cooperation plans' activities per fiscal year and party, linked to the events and case
 * referrals that count towards them (read-only reads of both; it writes only its own tables).
 */
@Module({
  imports: [AuditModule],
  controllers: [PartnerPlansController],
  providers: [PartnerPlansRepository, PartnerPlansService],
  exports: [PartnerPlansService],
})
export class PartnerPlansModule {}
