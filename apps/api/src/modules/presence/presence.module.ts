import { Module } from '@nestjs/common';
import { CasesModule } from '../cases/cases.module';
import { PresenceController } from './presence.controller';
import { PresenceService } from './presence.service';

@Module({
  imports: [CasesModule],
  controllers: [PresenceController],
  providers: [PresenceService],
})
export class PresenceModule {}
