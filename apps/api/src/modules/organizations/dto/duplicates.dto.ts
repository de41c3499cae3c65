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

export class DuplicateListDto {
  @ApiProperty({ type: [DuplicateCandidateDto] })
  items!: DuplicateCandidateDto[];
}
