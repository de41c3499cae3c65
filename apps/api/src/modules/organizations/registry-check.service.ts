import { compareWithRegistry } from '@madoguchi/domain';
import { Injectable } from '@nestjs/common';
import { CorporateRegistryService } from '../corporate-registry/corporate-registry.service';
import type { OrganizationRegistryCheckDto } from './dto/registry-check.dto';
import { OrganizationsService } from './organizations.service';

const UNFLAGGED = { nameDiffers: false, addressDiffers: false, closed: false, flagged: false };

/**
 * Compares an organization with the corporate-number registry each time it is asked, so the
 * flag follows the latest imported difference file without touching the organization.
 */
@Injectable()
export class RegistryCheckService {
  constructor(
    private readonly organizations: OrganizationsService,
    private readonly registry: CorporateRegistryService,
  ) {}

  async check(organizationId: string): Promise<OrganizationRegistryCheckDto> {
    const organization = await this.organizations.find(organizationId);
    if (!organization.corporateNumber) {
      return { status: 'no_corporate_number', ...UNFLAGGED, registered: null };
    }
    const registered = await this.registry.find(organization.corporateNumber);
    if (!registered) {
      return { status: 'not_in_registry', ...UNFLAGGED, registered: null };
    }
    const differences = compareWithRegistry(organization, registered);
    return {
      status: 'checked',
      ...differences,
      flagged: differences.nameDiffers || differences.addressDiffers || differences.closed,
      registered,
    };
  }
}
