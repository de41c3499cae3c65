import { Module } from '@nestjs/common';
import { CasesModule } from '../cases/cases.module';
import { PresenceController } from './presence.controller';
import { PresenceRepository } from './presence.repository';
import { PresenceService } from './presence.service';

@Module({
  imports: [CasesModule],
  controllers: [PresenceController],
  providers: [PresenceRepository, PresenceService],
})
export class PresenceModule {}
