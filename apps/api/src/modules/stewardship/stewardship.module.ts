import { Module } from '@nestjs/common';
import { AuditModule } from '../audit/audit.module';
import { DataSubjectsController } from './data-subjects.controller';
import { DataSubjectsRepository } from './data-subjects.repository';
import { DataSubjectsService } from './data-subjects.service';
import { PseudonymizationService } from './pseudonymization.service';
import { RetentionController } from './retention.controller';
import { RetentionService } from './retention.service';
import { StewardshipRepository } from './stewardship.repository';

/**
 * Data stewardship: retention terms, pseudonymization past them, legal holds, and the requests
 * people make about their data. It rewrites other modules' rows only through the owner's
 * functions of its migration, which keep every id, code and count those modules' reports read.
 */
@Module({
  imports: [AuditModule],
  controllers: [RetentionController, DataSubjectsController],
  providers: [
    StewardshipRepository,
    DataSubjectsRepository,
    PseudonymizationService,
    RetentionService,
    DataSubjectsService,
  ],
  exports: [PseudonymizationService],
})
export class StewardshipModule {}
