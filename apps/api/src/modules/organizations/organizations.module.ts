import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AuditModule } from '../audit/audit.module';
import { CorporateRegistryModule } from '../corporate-registry/corporate-registry.module';
import { ContactsRepository } from './contacts.repository';
import { ContactsService } from './contacts.service';
import { OrganizationEntity } from './organization.entity';
import { OrganizationsController } from './organizations.controller';
import { OrganizationsService } from './organizations.service';
import { RegistryCheckService } from './registry-check.service';
import { SmeReclassificationService } from './sme-reclassification.service';

@Module({
  imports: [TypeOrmModule.forFeature([OrganizationEntity]), AuditModule, CorporateRegistryModule],
  controllers: [OrganizationsController],
  providers: [
    OrganizationsService,
    ContactsRepository,
    ContactsService,
    SmeReclassificationService,
    RegistryCheckService,
  ],
  exports: [OrganizationsService, ContactsService, SmeReclassificationService],
})
export class OrganizationsModule {}
