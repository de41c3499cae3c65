import {
  type ContactCaseLink,
  type ContactViewer,
  mayAccessContact,
  seesEveryContact,
} from './contact-visibility';

const viewer = (
  role: ContactViewer['role'],
  deskId: string | null,
  userId = 'u1',
): ContactViewer => ({ role, deskId, userId });

const heldByKanto: ContactCaseLink = { deskId: 'kanto', transferToDeskId: null, expertUserIds: [] };

describe(mayAccessContact.name, () => {
  it.each([
    ['operator', 'national'],
    ['manager', 'national'],
    ['manager', 'kinki'],
    ['admin', 'national'],
    ['desk_staff', 'national'],
  ] as const)('lets the %s of %s see every contact, even one on no case', (role, desk) => {
    expect(mayAccessContact(viewer(role, desk), [])).toBe(true);
    expect(seesEveryContact(viewer(role, desk))).toBe(true);
  });

  it('shows a regional desk the contacts of the cases it holds', () => {
    expect(mayAccessContact(viewer('desk_staff', 'kanto'), [heldByKanto])).toBe(true);
    expect(mayAccessContact(viewer('desk_staff', 'kinki'), [heldByKanto])).toBe(false);
    expect(seesEveryContact(viewer('desk_staff', 'kanto'))).toBe(false);
  });

  it('shows a regional desk the contact of a case being offered to it', () => {
    const offered = { ...heldByKanto, transferToDeskId: 'tohoku' };
    expect(mayAccessContact(viewer('desk_staff', 'tohoku'), [offered])).toBe(true);
    expect(mayAccessContact(viewer('desk_staff', 'kanto'), [offered])).toBe(true);
    expect(mayAccessContact(viewer('desk_staff', 'kinki'), [offered])).toBe(false);
  });

  it('is enough that one of the contact’s cases qualifies', () => {
    const elsewhere = { ...heldByKanto, deskId: 'kyushu' };
    expect(mayAccessContact(viewer('desk_staff', 'kanto'), [elsewhere, heldByKanto])).toBe(true);
  });

  it('hides a contact on no case from every regional desk and expert', () => {
    expect(mayAccessContact(viewer('desk_staff', 'kanto'), [])).toBe(false);
    expect(mayAccessContact(viewer('expert', null), [])).toBe(false);
  });

  it('shows an expert only the contacts of cases with its own live session', () => {
    const withSession = { ...heldByKanto, expertUserIds: ['e1'] };
    expect(mayAccessContact(viewer('expert', null, 'e1'), [withSession])).toBe(true);
    expect(mayAccessContact(viewer('expert', null, 'e2'), [withSession])).toBe(false);
  });

  it('never matches a desk-less desk_staff to a case', () => {
    expect(mayAccessContact(viewer('desk_staff', null), [heldByKanto])).toBe(false);
  });
});
