import { Controller, Get, Param } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { isValidCorporateNumber, normalizeCorporateNumber } from '@madoguchi/domain';
import { SignedIn } from '../../common/auth/policy';
import { AppError, validationError } from '../../common/errors/app-error';
import { CorporateRegistryService } from './corporate-registry.service';
import { RegistryEntryDto } from './dto/registry-entry.dto';

@ApiTags('corporate-registry')
@Controller('corporate-registry')
export class CorporateRegistryController {
  constructor(private readonly registry: CorporateRegistryService) {}

  @Get(':number')
  @SignedIn()
  @ApiOperation({
    operationId: 'corporateRegistryFind',
    summary: "A corporate number in the National Tax Agency's registry (as last imported)",
    description:
      'One primary-key lookup. 400 naming `number` when it is not 13 digits with a valid check digit; 404 when the registry does not know it.',
  })
  @ApiOkResponse({ type: RegistryEntryDto })
  async find(@Param('number') number: string): Promise<RegistryEntryDto> {
    const normalized = normalizeCorporateNumber(number);
    if (!normalized || !isValidCorporateNumber(normalized)) {
      throw validationError(
        'number',
        'must be a 13-digit corporate number with a valid check digit',
      );
    }
    const entry = await this.registry.find(normalized);
    if (!entry) {
      throw new AppError('NOT_FOUND', 'The registry has no such corporate number.');
    }
    return entry;
  }
}
