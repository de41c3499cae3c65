import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AuditModule } from '../audit/audit.module';
import { ContactsService } from './contacts.service';
import { OrganizationEntity } from './organization.entity';
import { OrganizationsController } from './organizations.controller';
import { OrganizationsService } from './organizations.service';

@Module({
  imports: [TypeOrmModule.forFeature([OrganizationEntity]), AuditModule],
  controllers: [OrganizationsController],
  providers: [OrganizationsService, ContactsService],
  exports: [OrganizationsService, ContactsService],
})
export class OrganizationsModule {}
