import { Global, Module } from '@nestjs/common';
import { SessionAllowanceSource } from '../organizations/session-allowance';
import { AllowanceRepository } from './allowance.repository';

/**
 * Provides the allowance the organizations module shows (SessionAllowanceSource) from the
 * sessions module's tables. Global because organizations sits below sessions and may not import
 * it; the sessions module imports this, so any app with sessions has it.
 */
@Global()
@Module({
  providers: [
    AllowanceRepository,
    { provide: SessionAllowanceSource, useExisting: AllowanceRepository },
  ],
  exports: [AllowanceRepository, SessionAllowanceSource],
})
export class SessionAllowanceModule {}
