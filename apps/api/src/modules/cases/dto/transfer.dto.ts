import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsInt, IsOptional, IsString, Length, Matches, Min } from 'class-validator';

const trim = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value);

export class TransferDto {
  @ApiProperty({ example: 'kanto', description: 'The desk that should own the case' })
  @Matches(/^[a-z][a-z0-9_]{1,31}$/, { message: 'must be a desk id' })
  deskId!: string;

  @ApiProperty({ example: '来訪での支援を希望されたため' })
  @Transform(trim)
  @IsString()
  @Length(1, 2000)
  reason!: string;

  @ApiPropertyOptional({ description: 'The case version you saw' })
  @IsOptional()
  @IsInt()
  @Min(1)
  version?: number;
}

export class BounceTransferDto {
  @ApiProperty({ example: '管轄外のため' })
  @Transform(trim)
  @IsString()
  @Length(1, 2000)
  reason!: string;
}
