import { ApiProperty, OmitType } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsObject, IsString, Length, ValidateNested } from 'class-validator';
import { CaseQueryDto } from './case.dto';

/** A saved view stores list filters only: paging is the viewer's business, not the view's. */
export class SavedViewQueryDto extends OmitType(CaseQueryDto, [
  'limit',
  'cursor',
  'sort',
] as const) {}

export class CreateSavedViewDto {
  @ApiProperty({ example: '東京の未割当メール' })
  @IsString()
  @Length(1, 100)
  name!: string;

  @ApiProperty({ type: SavedViewQueryDto })
  @IsObject()
  @ValidateNested()
  @Type(() => SavedViewQueryDto)
  query!: SavedViewQueryDto;
}

export class SavedViewDto {
  @ApiProperty({ format: 'uuid' })
  id!: string;

  @ApiProperty()
  name!: string;

  @ApiProperty({ type: SavedViewQueryDto })
  query!: SavedViewQueryDto;

  @ApiProperty({ format: 'date-time' })
  createdAt!: string;
}

export class SavedViewListDto {
  @ApiProperty({ type: [SavedViewDto] })
  items!: SavedViewDto[];
}
