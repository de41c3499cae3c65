import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsIn, IsString, IsUUID, Length } from 'class-validator';

const trim = ({ value }: { value: unknown }): unknown =>
  typeof value === 'string' ? value.trim() : value;

export class PlaceLegalHoldDto {
  @ApiProperty({ enum: ['case', 'organization'] })
  @IsIn(['case', 'organization'])
  targetType!: 'case' | 'organization';

  @ApiProperty({ format: 'uuid' })
  @IsUUID()
  targetId!: string;

  @ApiProperty({ maxLength: 2000, example: '訴訟対応のため保全' })
  @Transform(trim)
  @IsString()
  @Length(1, 2000)
  reason!: string;
}

export class ReleaseLegalHoldDto {
  @ApiProperty({ maxLength: 2000 })
  @Transform(trim)
  @IsString()
  @Length(1, 2000)
  reason!: string;
}

export class LegalHoldDto {
  @ApiProperty({ format: 'uuid' })
  id!: string;

  @ApiProperty({ enum: ['case', 'organization'] })
  targetType!: 'case' | 'organization';

  @ApiProperty({ format: 'uuid' })
  targetId!: string;

  @ApiProperty()
  reason!: string;

  @ApiProperty({ format: 'date-time' })
  setAt!: string;

  @ApiProperty({ format: 'uuid', nullable: true, type: String })
  setBy!: string | null;

  @ApiProperty({ nullable: true, type: String, description: 'Display name of who placed it' })
  setByName!: string | null;

  @ApiProperty({ format: 'date-time', nullable: true, type: String })
  releasedAt!: string | null;

  @ApiProperty({ nullable: true, type: String, description: 'Display name of who released it' })
  releasedByName!: string | null;

  @ApiPropertyOptional({ nullable: true, type: String })
  releaseReason!: string | null;
}

export class LegalHoldListDto {
  @ApiProperty({ type: [LegalHoldDto] })
  items!: LegalHoldDto[];
}
