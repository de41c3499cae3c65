import { Module } from '@nestjs/common';
import { AuditModule } from '../audit/audit.module';
import { ExpertsController } from './experts.controller';
import { ExpertsRepository } from './experts.repository';
import { ExpertsService } from './experts.service';

@Module({
  imports: [AuditModule],
  controllers: [ExpertsController],
  providers: [ExpertsRepository, ExpertsService],
  exports: [ExpertsService],
})
export class ExpertsModule {}
