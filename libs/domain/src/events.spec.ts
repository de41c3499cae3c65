import {
  admitRegistration,
  autoMapAttendeeHeaders,
  isOpenForPublicRegistration,
  mayManageEvent,
  parseAttendeeRecord,
  prefectureOfAddress,
  publicCancellation,
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

describe('public registration and desk scoping', () => {
  const now = new Date('2027-01-10T00:00:00Z');
  const later = new Date('2027-01-15T05:00:00Z');
  const earlier = new Date('2027-01-09T05:00:00Z');

  it('opens the public page only for a published event that has not started', () => {
    expect(isOpenForPublicRegistration({ published: true, startsAt: later }, now)).toBe(true);
    expect(isOpenForPublicRegistration({ published: false, startsAt: later }, now)).toBe(false);
    expect(isOpenForPublicRegistration({ published: true, startsAt: earlier }, now)).toBe(false);
    expect(isOpenForPublicRegistration({ published: true, startsAt: now }, now)).toBe(false);
  });

  it('lets a link cancel until the start, and only once', () => {
    expect(publicCancellation({ status: 'registered' }, { startsAt: later }, now)).toBe(
      'cancellable',
    );
    expect(publicCancellation({ status: 'waitlisted' }, { startsAt: later }, now)).toBe(
      'cancellable',
    );
    expect(publicCancellation({ status: 'cancelled' }, { startsAt: later }, now)).toBe(
      'already_cancelled',
    );
    expect(publicCancellation({ status: 'registered' }, { startsAt: earlier }, now)).toBe(
      'expired',
    );
  });

  it('lets national staff manage every event and desk staff only their own desk’s', () => {
    const kanto = { organizerKind: 'regional_desk', organizerDeskId: 'kanto' };
    const national = { organizerKind: 'mic', organizerDeskId: null };
    for (const role of ['operator', 'manager', 'admin']) {
      expect(mayManageEvent({ role, deskId: null }, kanto)).toBe(true);
      expect(mayManageEvent({ role, deskId: 'kinki' }, national)).toBe(true);
    }
    expect(mayManageEvent({ role: 'desk_staff', deskId: 'kanto' }, kanto)).toBe(true);
    expect(mayManageEvent({ role: 'desk_staff', deskId: 'kinki' }, kanto)).toBe(false);
    expect(mayManageEvent({ role: 'desk_staff', deskId: 'kanto' }, national)).toBe(false);
    expect(mayManageEvent({ role: 'desk_staff', deskId: null }, kanto)).toBe(false);
  });
});
