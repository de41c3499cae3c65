import { ApiProperty } from '@nestjs/swagger';

/** A corporation as the National Tax Agency's registry last published it. */
export class RegistryEntryDto {
  @ApiProperty({ example: '7000012050002' })
  corporateNumber!: string;

  @ApiProperty({ example: '株式会社テレワーク商事' })
  name!: string;

  @ApiProperty({ type: String, nullable: true, example: 'テレワークショウジ' })
  nameKana!: string | null;

  @ApiProperty({
    type: String,
    nullable: true,
    example: '301',
    description:
      'Kind of legal person: 101 national body, 201 local government, 301 kabushiki kaisha, 302 yugen, 303 gomei, 304 goshi, 305 godo, 399 other company, 401 foreign, 499 other',
  })
  kind!: string | null;

  @ApiProperty({
    example: '東京都千代田区霞が関３丁目１－１',
    description:
      'Prefecture, city and street as published, joined; the foreign address for a corporation abroad',
  })
  address!: string;

  @ApiProperty({ type: String, nullable: true, example: '東京都' })
  prefectureName!: string | null;

  @ApiProperty({ type: String, nullable: true, example: '13', description: 'JIS X 0401' })
  prefectureCode!: string | null;

  @ApiProperty({ type: String, nullable: true, example: '千代田区' })
  cityName!: string | null;

  @ApiProperty({ type: String, nullable: true, example: '霞が関３丁目１－１' })
  streetNumber!: string | null;

  @ApiProperty({ type: String, nullable: true, example: '1000013' })
  postCode!: string | null;

  @ApiProperty({
    description: 'The registry records a close date (closed, merged away or liquidated)',
  })
  closed!: boolean;

  @ApiProperty({ type: String, nullable: true, format: 'date' })
  closeDate!: string | null;

  @ApiProperty({
    type: String,
    nullable: true,
    example: '01',
    description: '01 liquidation completed, 11 merger, 21 registry officer closed it, 31 other',
  })
  closeCause!: string | null;

  @ApiProperty({ type: String, nullable: true, description: 'Who took over after a merger' })
  successorCorporateNumber!: string | null;

  @ApiProperty({
    type: String,
    nullable: true,
    format: 'date',
    description: 'When the name, address or status last changed',
  })
  changeDate!: string | null;

  @ApiProperty({ format: 'date', description: 'When the NTA last published a record for it' })
  updateDate!: string;

  @ApiProperty({
    example: '01',
    description:
      'Process of the latest record: 01 new, 11 name change, 12 address change, 21 closed, 22 closure cancelled, 71 merged away, …',
  })
  process!: string;
}
