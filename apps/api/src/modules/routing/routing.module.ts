import { Module } from '@nestjs/common';
import { AuditModule } from '../audit/audit.module';
import { DesksModule } from '../desks/desks.module';
import { UsersModule } from '../users/users.module';
import { RoutingController } from './routing.controller';
import { RoutingRepository } from './routing.repository';
import { RoutingService } from './routing.service';
import { SlaService } from './sla.service';

/** Which desk owns a case and by when it must be answered: used by intake and transfers. */
@Module({
  imports: [AuditModule, DesksModule, UsersModule],
  controllers: [RoutingController],
  providers: [RoutingRepository, RoutingService, SlaService],
  exports: [RoutingService, SlaService],
})
export class RoutingModule {}
