import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AuditModule } from '../audit/audit.module';
import { ContactsRepository } from './contacts.repository';
import { ContactsService } from './contacts.service';
import { OrganizationEntity } from './organization.entity';
import { OrganizationsController } from './organizations.controller';
import { OrganizationsService } from './organizations.service';
import { SmeReclassificationService } from './sme-reclassification.service';

@Module({
  imports: [TypeOrmModule.forFeature([OrganizationEntity]), AuditModule],
  controllers: [OrganizationsController],
  providers: [
    OrganizationsService,
    ContactsRepository,
    ContactsService,
    SmeReclassificationService,
  ],
  exports: [OrganizationsService, ContactsService, SmeReclassificationService],
})
export class OrganizationsModule {}
