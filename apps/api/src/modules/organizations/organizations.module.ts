import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AuditModule } from '../audit/audit.module';
import { ContactsService } from './contacts.service';
import { OrganizationEntity } from './organization.entity';
import { OrganizationMergeController } from './organization-merge.controller';
import { OrganizationMergeService } from './organization-merge.service';
import { OrganizationsController } from './organizations.controller';
import { OrganizationsService } from './organizations.service';
import { SmeReclassificationService } from './sme-reclassification.service';

@Module({
  imports: [TypeOrmModule.forFeature([OrganizationEntity]), AuditModule],
  controllers: [OrganizationsController, OrganizationMergeController],
  providers: [
    OrganizationsService,
    ContactsService,
    OrganizationMergeService,
    SmeReclassificationService,
  ],
  exports: [OrganizationsService, ContactsService, SmeReclassificationService],
})
export class OrganizationsModule {}
