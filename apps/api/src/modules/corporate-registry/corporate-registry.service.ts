import { Injectable } from '@nestjs/common';
import {
  CorporateRegistryRepository,
  type RegistryEntryRow,
} from './corporate-registry.repository';
import type { RegistryEntryDto } from './dto/registry-entry.dto';

// Process 99: the NTA withdrew the record (e.g. a number assigned in error).
const DELETED = '99';

const toDto = (r: RegistryEntryRow): RegistryEntryDto => ({
  corporateNumber: r.corporate_number,
  name: r.name,
  nameKana: r.name_kana,
  kind: r.kind,
  address:
    [r.prefecture_name, r.city_name, r.street_number].filter(Boolean).join('') ||
    (r.address_outside ?? ''),
  prefectureName: r.prefecture_name,
  prefectureCode: r.prefecture_code,
  cityName: r.city_name,
  streetNumber: r.street_number,
  postCode: r.post_code,
  closed: r.close_date !== null,
  closeDate: r.close_date,
  closeCause: r.close_cause,
  successorCorporateNumber: r.successor_corporate_number,
  changeDate: r.change_date,
  updateDate: r.update_date,
  process: r.process,
});

/** Looks corporations up in the imported registry; other modules ask here, never the table. */
@Injectable()
export class CorporateRegistryService {
  constructor(private readonly repository: CorporateRegistryRepository) {}

  /** The registered corporation, or null when the registry does not know (or withdrew) it. */
  async find(corporateNumber: string): Promise<RegistryEntryDto | null> {
    const row = await this.repository.find(corporateNumber);
    return row && row.process !== DELETED ? toDto(row) : null;
  }
}
