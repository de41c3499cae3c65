import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, Matches, MaxLength } from 'class-validator';
import { OrganizationDto } from './organization.dto';

export class DuplicateQueryDto {
  @ApiPropertyOptional({ example: '(株)テレワーク商事' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  name?: string;

  @ApiPropertyOptional({ example: '03-1234-5678' })
  @IsOptional()
  @IsString()
  @MaxLength(30)
  phone?: string;

  @ApiPropertyOptional({ example: 'tanaka@telework-shoji.co.jp' })
  @IsOptional()
  @IsString()
  @MaxLength(254)
  email?: string;

  @ApiPropertyOptional({
    example: '13',
    description: 'A name matches only in this prefecture (or where the prefecture is unknown)',
  })
  @IsOptional()
  @Matches(/^(0[1-9]|[1-3][0-9]|4[0-7])$/, { message: 'must be a prefecture code 01–47' })
  prefectureCode?: string;

  @ApiPropertyOptional({ example: '7123456789012' })
  @IsOptional()
  @Matches(/^\d{13}$/, { message: 'must be 13 digits' })
  corporateNumber?: string;
}

export class DuplicateCandidateDto {
  @ApiProperty({ type: OrganizationDto })
  organization!: OrganizationDto;

  @ApiProperty({
    type: [String],
    enum: ['corporate_number', 'name', 'phone', 'email_domain'],
    description: 'What matched',
  })
  reasons!: string[];
}

export const DUPLICATE_MATCHES = ['corporate_number', 'name', 'phone', 'email_domain'] as const;
export type DuplicateMatch = (typeof DUPLICATE_MATCHES)[number];

/** One existing organization a new one may duplicate (only what finding it needs, no contacts). */
export class PossibleDuplicateDto {
  @ApiProperty({ format: 'uuid' })
  id!: string;

  @ApiProperty()
  name!: string;

  @ApiProperty({ type: String, nullable: true })
  prefectureCode!: string | null;

  @ApiProperty({ type: String, nullable: true })
  corporateNumber!: string | null;

  @ApiProperty({ enum: DUPLICATE_MATCHES, isArray: true })
  matchedOn!: DuplicateMatch[];
}

/** `details` of a 409 ORGANIZATION_POSSIBLE_DUPLICATE. */
export class PossibleDuplicateDetailsDto {
  @ApiProperty({ type: [PossibleDuplicateDto] })
  candidates!: PossibleDuplicateDto[];
}

export class DuplicateListDto {
  @ApiProperty({ type: [DuplicateCandidateDto] })
  items!: DuplicateCandidateDto[];
}
