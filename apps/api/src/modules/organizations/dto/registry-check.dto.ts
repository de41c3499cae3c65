import { ApiProperty } from '@nestjs/swagger';
import { RegistryEntryDto } from '../../corporate-registry/dto/registry-entry.dto';

export const REGISTRY_CHECK_STATUSES = [
  'no_corporate_number',
  'not_in_registry',
  'checked',
] as const;

/** An organization compared with the corporate-number registry, on read. */
export class OrganizationRegistryCheckDto {
  @ApiProperty({
    enum: REGISTRY_CHECK_STATUSES,
    description:
      '`no_corporate_number`: nothing to look up (e.g. a sole proprietor); `not_in_registry`: the imported registry does not know the number',
  })
  status!: (typeof REGISTRY_CHECK_STATUSES)[number];

  @ApiProperty({ description: 'The registered name is another than the one on the organization' })
  nameDiffers!: boolean;

  @ApiProperty({
    description:
      "The registered prefecture, city or street number is another than the organization's (a building or floor after it is not compared)",
  })
  addressDiffers!: boolean;

  @ApiProperty({ description: 'The registry records the corporation as closed' })
  closed!: boolean;

  @ApiProperty({ description: 'Any of the three: the organization page flags it' })
  flagged!: boolean;

  @ApiProperty({ type: RegistryEntryDto, nullable: true })
  registered!: RegistryEntryDto | null;
}
