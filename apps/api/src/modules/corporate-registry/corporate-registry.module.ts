import { Module } from '@nestjs/common';
import { CorporateRegistryController } from './corporate-registry.controller';
import { CorporateRegistryRepository } from './corporate-registry.repository';
import { CorporateRegistryService } from './corporate-registry.service';
import { RegistryImportService } from './registry-import.service';

/** The National Tax Agency's corporate-number data: its import and the lookup by number. */
@Module({
  controllers: [CorporateRegistryController],
  providers: [CorporateRegistryRepository, CorporateRegistryService, RegistryImportService],
  exports: [CorporateRegistryService, RegistryImportService],
})
export class CorporateRegistryModule {}
