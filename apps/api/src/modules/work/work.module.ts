import { Module } from '@nestjs/common';
import { CasesModule } from '../cases/cases.module';
import { FollowUpsModule } from '../follow-ups/follow-ups.module';
import { SessionsModule } from '../sessions/sessions.module';
import { WorkController } from './work.controller';
import { WorkService } from './work.service';

/** The home page's counts; it owns no table and asks the modules that own the rows. */
@Module({
  imports: [CasesModule, FollowUpsModule, SessionsModule],
  controllers: [WorkController],
  providers: [WorkService],
})
export class WorkModule {}
