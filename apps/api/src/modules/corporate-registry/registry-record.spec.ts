import { registryRecord } from '../../../bench/registry-rows';
import { parseRegistryRecord, REGISTRY_COLUMNS } from './registry-record';

describe(parseRegistryRecord.name, () => {
  it('reads the published layout, blanks as null', () => {
    const parsed = parseRegistryRecord(
      registryRecord(7, { closeDate: '', furigana: 'ミドリ', hihyoji: '1', correct: '1' }),
    );
    expect(parsed).toEqual({
      ok: true,
      record: expect.objectContaining({
        sequenceNumber: '8',
        process: '01',
        correct: true,
        updateDate: '2025-04-01',
        nameKana: 'ミドリ',
        closeDate: null,
        successorCorporateNumber: null,
        hidden: true,
      }),
    });
  });

  it.each([
    ['a short record', registryRecord(1).slice(0, 29), 'expected 30 columns, found 29'],
    [
      'a bad check digit',
      registryRecord(1, { corporateNumber: '1234567890123' }),
      'corporateNumber "1234567890123" fails the check digit',
    ],
    ['no update date', registryRecord(1, { updateDate: '' }), 'updateDate is not a date'],
    [
      'an impossible date',
      registryRecord(1, { closeDate: '2025-02-30' }),
      'closeDate is not a date',
    ],
    ['no name', registryRecord(1, { name: ' ' }), 'name is empty'],
  ])('refuses %s with the reason', (_label, fields, reason) => {
    expect(parseRegistryRecord(fields)).toEqual({ ok: false, reason });
  });

  it('drops a successor number that fails its check digit, keeping the record', () => {
    const parsed = parseRegistryRecord(
      registryRecord(1, { successorCorporateNumber: '1111111111111' }),
    );
    expect(parsed.ok && parsed.record.successorCorporateNumber).toBeNull();
  });

  it('knows thirty columns', () => {
    expect(REGISTRY_COLUMNS).toHaveLength(30);
  });
});
