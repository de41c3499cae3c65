import {
  admitRegistration,
  autoMapAttendeeHeaders,
  parseAttendeeRecord,
  prefectureOfAddress,
  seatsToPromote,
} from './events';

describe('event registrations', () => {
  it('admits within capacity and waits beyond it; no capacity means no limit', () => {
    expect(admitRegistration(5, 4)).toBe('registered');
    expect(admitRegistration(5, 5)).toBe('waitlisted');
    expect(admitRegistration(null, 10_000)).toBe('registered');
  });

  it('promotes as many waiting registrations as there are free seats', () => {
    expect(seatsToPromote(5, 4, 3)).toBe(1);
    expect(seatsToPromote(5, 5, 3)).toBe(0);
    expect(seatsToPromote(10, 2, 3)).toBe(3);
    expect(seatsToPromote(null, 2, 3)).toBe(3);
    expect(seatsToPromote(3, 5, 3)).toBe(0);
  });
});

describe('attendee lists', () => {
  it('maps Japanese headers whatever their width, spacing or BOM', () => {
    expect(
      autoMapAttendeeHeaders([
        '\uFEFF会社名',
        '氏名',
        'フリガナ',
        '電話番号',
        'メールアドレス',
        '従業員数',
        '所在地',
        '備考',
      ]),
    ).toEqual({
      organizationName: 0,
      name: 1,
      nameKana: 2,
      phone: 3,
      email: 4,
      employees: 5,
      address: 6,
    });
    expect(autoMapAttendeeHeaders(['ﾌﾘｶﾞﾅ', ' E-mail ', '※ 氏名'])).toEqual({
      nameKana: 0,
      email: 1,
      name: 2,
    });
  });

  const mapping = autoMapAttendeeHeaders([
    '会社名',
    '氏名',
    'フリガナ',
    '電話番号',
    'メールアドレス',
    '従業員数',
    '所在地',
    '法人番号',
  ]);

  it('reads a good row, normalising width, phone and prefecture', () => {
    const parsed = parseAttendeeRecord(
      [
        '株式会社　テスト商事',
        '山田　太郎',
        'ヤマダ タロウ',
        '０３－１２３４－５６７８',
        'Taro@Example.JP',
        '1,200',
        '東京都千代田区1-1',
        '7123456789012',
      ],
      mapping,
    );
    expect(parsed).toEqual({
      ok: true,
      row: {
        organizationName: '株式会社 テスト商事',
        corporateNumber: '7123456789012',
        name: '山田 太郎',
        nameKana: 'ヤマダ タロウ',
        phone: '03-1234-5678',
        phoneE164: '+81312345678',
        email: 'taro@example.jp',
        employees: 1200,
        address: '東京都千代田区1-1',
        prefectureCode: '13',
      },
    });
  });

  it('names every problem of a bad row', () => {
    expect(parseAttendeeRecord(['', '', '', '', '', 'many', '', '123'], mapping)).toEqual({
      ok: false,
      reasons: [
        'organization_name_missing',
        'name_missing',
        'contact_missing',
        'corporate_number_invalid',
        'employees_invalid',
      ],
    });
    expect(parseAttendeeRecord(['A社', '佐藤', '', '12', 'not-mail', '', '', ''], mapping)).toEqual(
      { ok: false, reasons: ['email_invalid', 'phone_invalid'] },
    );
  });

  it('finds the prefecture at the start of an address', () => {
    expect(prefectureOfAddress('京都府京都市')).toBe('26');
    expect(prefectureOfAddress('東京都港区')).toBe('13');
    expect(prefectureOfAddress('大阪市北区')).toBe('27');
    expect(prefectureOfAddress('北海道札幌市')).toBe('01');
    expect(prefectureOfAddress('千代田区')).toBeNull();
  });
});
