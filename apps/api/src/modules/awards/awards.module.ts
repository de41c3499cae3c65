import { Module } from '@nestjs/common';
import { AuditModule } from '../audit/audit.module';
import { AwardsController } from './awards.controller';
import { AwardsRepository } from './awards.repository';
import { AwardsService } from './awards.service';

/** Award candidates (Telework Top Runner…): evidence, marks, nominations and the xlsx list. */
@Module({
  imports: [AuditModule],
  controllers: [AwardsController],
  providers: [AwardsRepository, AwardsService],
  exports: [AwardsService],
})
export class AwardsModule {}
