import { Module } from '@nestjs/common';
import { AuditModule } from '../audit/audit.module';
import { CorporateRegistryModule } from '../corporate-registry/corporate-registry.module';
import { ContactsRepository } from './contacts.repository';
import { ContactsService } from './contacts.service';
import { OrganizationsController } from './organizations.controller';
import { OrganizationsRepository } from './organizations.repository';
import { OrganizationsService } from './organizations.service';
import { RegistryCheckService } from './registry-check.service';
import { SmeReclassificationService } from './sme-reclassification.service';

@Module({
  imports: [AuditModule, CorporateRegistryModule],
  controllers: [OrganizationsController],
  providers: [
    OrganizationsRepository,
    OrganizationsService,
    ContactsRepository,
    ContactsService,
    SmeReclassificationService,
    RegistryCheckService,
  ],
  exports: [OrganizationsService, ContactsService, SmeReclassificationService],
})
export class OrganizationsModule {}
