import { type ContactCaseLink, mayAccessContact } from '@madoguchi/domain';
import type { Principal } from '../src/common/auth/principal';
import { contactVisibility } from '../src/modules/organizations/contact-visibility';
import { makeExpert, nextFreeStart, type TestExpert } from './support/experts';
import { type SignedIn, signIn, signInAs } from './support/sessions';
import { type TestApp, createTestApp } from './support/test-app';

/**
 * APPI (issue #15 §5): a contact person's personal data goes only to those whose task needs it —
 * the national center, managers, admins, a desk that holds or is being offered a case with that
 * contact, and an expert with a (not cancelled) session on such a case. Everyone else still
 * finds the organization, without its contacts, and gets 404 for the contact itself.
 */
const CONTACT = {
  name: '秘密 太郎',
  nameKana: 'ヒミツ タロウ',
  title: '総務課長',
  phone: '090-3141-5926',
  email: 'himitsu@hitoku.example.jp',
};
// The other contact of the same organization is on no case at all.
const BYSTANDER = { name: '傍観 花子', phone: '080-2718-2818', email: 'bouk@hitoku.example.jp' };
// Any of these in a response body means the contact leaked.
const PERSONAL = [
  CONTACT.name,
  CONTACT.nameKana,
  CONTACT.title,
  CONTACT.phone,
  '+819031415926',
  CONTACT.email,
  BYSTANDER.name,
  BYSTANDER.phone,
  BYSTANDER.email,
];

const leaks = (body: unknown): string[] => {
  const text = typeof body === 'string' ? body : JSON.stringify(body);
  return PERSONAL.filter((p) => text.includes(p));
};

describe('contact privacy', () => {
  let t: TestApp;
  let operator: SignedIn;
  let kanto: SignedIn;
  let kinki: SignedIn;
  let tohoku: SignedIn;
  let nationalManager: SignedIn;
  let kinkiManager: SignedIn;
  let admin: SignedIn;
  let expertOn: SignedIn;
  let expertOff: SignedIn;
  let expertCancelled: SignedIn;
  let caseId: string;
  let organizationId: string;
  let contactId: string;
  let bystanderId: string;

  const version = async (id: string): Promise<number> =>
    (await t.db.query<{ version: number }[]>(`SELECT version FROM contact WHERE id = $1`, [id]))[0]!
      .version;

  const book = async (expert: TestExpert) =>
    (
      await operator
        .post(`/api/cases/${caseId}/sessions`, {
          expertId: expert.id,
          kind: 'assessment',
          scheduledStart: nextFreeStart().toISOString(),
          durationMinutes: 60,
          mode: 'online',
        })
        .expect(201)
    ).body as { id: string };

  beforeAll(async () => {
    t = await createTestApp();
    operator = await signInAs(t, 'operator');
    kanto = await signInAs(t, 'desk_staff', 'kanto');
    kinki = await signInAs(t, 'desk_staff', 'kinki');
    tohoku = await signInAs(t, 'desk_staff', 'tohoku');
    nationalManager = await signInAs(t, 'manager', 'national');
    kinkiManager = await signInAs(t, 'manager', 'kinki');
    admin = await signInAs(t, 'admin', 'national');
    const on = await makeExpert(t);
    const off = await makeExpert(t);
    const cancelled = await makeExpert(t);
    expertOn = await signIn(t, on.user);
    expertOff = await signIn(t, off.user);
    expertCancelled = await signIn(t, cancelled.user);

    const created = await operator
      .post('/api/cases', {
        channel: 'phone',
        deskId: 'kanto',
        organization: { name: '秘匿商事株式会社', prefectureCode: '13' },
        contact: CONTACT,
        topics: ['ICT.SEC'],
        subject: '個人情報の見え方',
      })
      .expect(201);
    caseId = created.body.id;
    organizationId = created.body.organization.id;
    contactId = created.body.contact.id;
    bystanderId = (
      await operator.post(`/api/organizations/${organizationId}/contacts`, BYSTANDER).expect(201)
    ).body.id;

    await book(on);
    const toCancel = await book(cancelled);
    await operator.post(`/api/sessions/${toCancel.id}/cancel`, { reason: '先方都合' }).expect(200);
    // Kanto offers the case to Tohoku; until Tohoku answers, both hold a claim on it.
    await kanto
      .post(`/api/cases/${caseId}/transfer`, { deskId: 'tohoku', reason: '来訪希望のため' })
      .expect(200);
  });
  afterAll(() => t.close());

  describe('a regional desk with no case involving the contact (Kinki)', () => {
    it('gets the organization, and its contact list empty with a marker', async () => {
      const organization = await kinki.get(`/api/organizations/${organizationId}`).expect(200);
      expect(organization.body.name).toBe('秘匿商事株式会社');
      expect(leaks(organization.body)).toEqual([]);
      const contacts = await kinki.get(`/api/organizations/${organizationId}/contacts`).expect(200);
      expect(contacts.body).toEqual({ items: [], nextCursor: null, contactsHidden: true });
    });

    it('gets 404 for the contact itself, on read and on edit, and nothing changes', async () => {
      for (const id of [contactId, bystanderId]) {
        const read = await kinki.get(`/api/contacts/${id}`).expect(404);
        expect(read.body.code).toBe('NOT_FOUND');
        await kinki.patch(`/api/contacts/${id}`, { title: '改ざん', version: 1 }).expect(404);
      }
      const [row] = await t.db.query(`SELECT title FROM contact WHERE id = $1`, [contactId]);
      expect(row.title).toBe(CONTACT.title);
    });

    it('finds the organization by the contact’s phone or email, without the contact', async () => {
      for (const q of [CONTACT.phone, '09031415926', CONTACT.email, 'HIMITSU@hitoku.example.jp']) {
        const found = await kinki.get(`/api/organizations?q=${encodeURIComponent(q)}`).expect(200);
        expect({ q, ids: found.body.items.map((o: { id: string }) => o.id) }).toEqual({
          q,
          ids: [organizationId],
        });
        expect(leaks(found.body)).toEqual([]);
      }
    });

    it('finds no contact by its whole address in the search box, only the organization', async () => {
      for (const email of [CONTACT.email, BYSTANDER.email.toUpperCase()]) {
        const hits = await kinki
          .get(`/api/contacts?email=${encodeURIComponent(email)}`)
          .expect(200);
        expect(hits.body).toEqual({ items: [] });
      }
    });

    it('sees no contact in the typeahead, the duplicate warning or the case export', async () => {
      const typeahead = await kinki
        .get(`/api/organizations?q=${encodeURIComponent('秘匿')}&limit=8`)
        .expect(200);
      expect(typeahead.body.items.map((o: { id: string }) => o.id)).toEqual([organizationId]);
      expect(leaks(typeahead.body)).toEqual([]);
      const duplicates = await kinki
        .get(
          `/api/organizations/duplicates?phone=${CONTACT.phone}&email=${encodeURIComponent('x@hitoku.example.jp')}`,
        )
        .expect(200);
      expect(
        duplicates.body.items.map((d: { organization: { id: string } }) => d.organization.id),
      ).toEqual([organizationId]);
      expect(leaks(duplicates.body)).toEqual([]);
      // The export has no contact columns, for anyone: not even the desk holding the case.
      for (const who of [kinki, kanto, operator]) {
        const csv = await who.get('/api/cases/export').expect(200);
        expect(leaks(csv.text)).toEqual([]);
      }
      expect((await kanto.get('/api/cases/export').expect(200)).text).toContain('個人情報の見え方');
      // Nor has the managers' raw export (reports), which carries every case of the year.
      const raw = await nationalManager
        .get('/api/reports/export?format=csv')
        .buffer(true)
        .parse((response, done) => {
          const chunks: Buffer[] = [];
          response.on('data', (c: Buffer) => chunks.push(c));
          response.on('end', () => done(null, Buffer.concat(chunks).toString('utf8')));
        })
        .expect(200);
      expect(raw.body).toContain('個人情報の見え方');
      expect(leaks(raw.body)).toEqual([]);
    });

    it('cannot pull the contact into a case of its own by id', async () => {
      const res = await kinki
        .post('/api/cases', {
          channel: 'phone',
          organization: { id: organizationId },
          contact: { id: contactId },
          topics: ['ICT.SEC'],
          subject: '再相談',
        })
        .expect(400);
      expect(res.body.details).toEqual([expect.objectContaining({ field: 'contact.id' })]);
    });

    it('is not audited as having viewed the contact', async () => {
      const views = await t.db.query(
        `SELECT count(*)::int AS n FROM audit_event WHERE actor_id = $1 AND action = 'contact.viewed'`,
        [kinki.user.id],
      );
      expect(views[0].n).toBe(0);
    });
  });

  describe('those whose task needs the contact', () => {
    const allowed = (): [string, SignedIn][] => [
      ['national operator', operator],
      ['national manager', nationalManager],
      ['regional manager', kinkiManager],
      ['admin', admin],
      ['the desk holding the case', kanto],
      ['the desk being offered the case', tohoku],
      ['the expert with a session on the case', expertOn],
    ];

    it('read and edit the contact, and each view is audited', async () => {
      for (const [who, session] of allowed()) {
        const read = await session.get(`/api/contacts/${contactId}`);
        expect({ who, status: read.status, name: read.body.name }).toEqual({
          who,
          status: 200,
          name: CONTACT.name,
        });
        const edited = await session.patch(`/api/contacts/${contactId}`, {
          title: `${who}が確認`,
          version: await version(contactId),
        });
        expect({ who, status: edited.status, title: edited.body.title }).toEqual({
          who,
          status: 200,
          title: `${who}が確認`,
        });
        const [audit] = await t.db.query(
          `SELECT count(*)::int AS n FROM audit_event
            WHERE actor_id = $1 AND action = 'contact.viewed' AND entity_id = $2`,
          [session.user.id, contactId],
        );
        expect({ who, audited: audit.n }).toEqual({ who, audited: 1 });
      }
    });

    it('find the contacts they may see by a whole address in the search box', async () => {
      const hit = {
        id: contactId,
        organizationId,
        organizationName: '秘匿商事株式会社',
        name: CONTACT.name,
        email: CONTACT.email,
        active: true,
      };
      for (const who of [operator, kanto, tohoku, nationalManager, admin]) {
        const found = await who
          .get(`/api/contacts?email=${encodeURIComponent('Himitsu@Hitoku.example.jp')}`)
          .expect(200);
        expect(found.body.items).toEqual([expect.objectContaining(hit)]);
      }
      // Kanto holds a case of CONTACT, none of the bystander's: the bystander stays hidden.
      const bystander = await kanto
        .get(`/api/contacts?email=${encodeURIComponent(BYSTANDER.email)}`)
        .expect(200);
      expect(bystander.body.items).toEqual([]);
      const searched = await t.db.query(
        `SELECT count(*)::int AS n FROM audit_event WHERE actor_id = $1 AND action = 'contact.searched'`,
        [kanto.user.id],
      );
      expect(searched[0].n).toBe(1);
    });

    it('cannot probe addresses by a prefix in the search box', async () => {
      const res = await operator.get('/api/contacts?email=himitsu%40').expect(400);
      expect(res.body.details).toEqual([expect.objectContaining({ field: 'email' })]);
      await expertOn.get(`/api/contacts?email=${encodeURIComponent(CONTACT.email)}`).expect(403);
    });

    it('see the contact embedded in the case (those who may read the case)', async () => {
      // A regional manager reads only its own desk's cases, so this one is not there for it.
      await kinkiManager.get(`/api/cases/${caseId}`).expect(404);
      for (const [who, session] of allowed().filter(([, s]) => s !== kinkiManager)) {
        const res = await session.get(`/api/cases/${caseId}`).expect(200);
        expect({ who, contact: res.body.contact?.name }).toEqual({ who, contact: CONTACT.name });
      }
    });

    it('list only the contacts they may see; a desk is not shown a bystander', async () => {
      const names = async (s: SignedIn) =>
        (await s.get(`/api/organizations/${organizationId}/contacts`).expect(200)).body as {
          items: { name: string }[];
          contactsHidden: boolean;
        };
      for (const s of [operator, nationalManager, kinkiManager, admin]) {
        const list = await names(s);
        expect(list.items.map((c) => c.name)).toEqual([CONTACT.name, BYSTANDER.name]);
        expect(list.contactsHidden).toBe(false);
      }
      for (const s of [kanto, tohoku]) {
        const list = await names(s);
        expect(list.items.map((c) => c.name)).toEqual([CONTACT.name]);
        expect(list.contactsHidden).toBe(true);
      }
      await kanto.get(`/api/contacts/${bystanderId}`).expect(404);
      await expertOn.get(`/api/contacts/${bystanderId}`).expect(404);
    });
  });

  it('keeps experts without a live session on the case out', async () => {
    for (const expert of [expertOff, expertCancelled]) {
      await expert.get(`/api/contacts/${contactId}`).expect(404);
      await expert
        .patch(`/api/contacts/${contactId}`, { title: 'x', version: await version(contactId) })
        .expect(404);
    }
  });

  it('lets a contact be marked as no longer there: still listed, marked, audited', async () => {
    const v = await version(bystanderId);
    const left = await operator
      .patch(`/api/contacts/${bystanderId}`, { active: false, version: v })
      .expect(200);
    expect(left.body).toMatchObject({ active: false, leftAt: expect.any(String) });
    const list = await operator.get(`/api/organizations/${organizationId}/contacts`).expect(200);
    expect(
      list.body.items.map((c: { name: string; active: boolean }) => [c.name, c.active]),
    ).toEqual([
      [CONTACT.name, true],
      [BYSTANDER.name, false],
    ]);
    const [audit] = await t.db.query(
      `SELECT meta FROM audit_event WHERE action = 'contact.updated' AND entity_id = $1 ORDER BY id DESC LIMIT 1`,
      [bystanderId],
    );
    expect(audit.meta).toMatchObject({ fields: ['active'], active: { from: true, to: false } });
    const back = await operator
      .patch(`/api/contacts/${bystanderId}`, { active: true, version: v + 1 })
      .expect(200);
    expect(back.body).toMatchObject({ active: true, leftAt: null });
    await operator
      .patch(`/api/contacts/${bystanderId}`, { active: 'no', version: v + 2 })
      .expect(400);
  });

  /** The SQL rule and libs/domain's statement of it pick the same contacts, for everyone here. */
  const expectRuleAndSqlToAgree = async () => {
    const links = await t.db.query<{ id: string; cases: ContactCaseLink[] }[]>(
      `SELECT ct.id, coalesce(json_agg(json_build_object(
                'deskId', c.desk_id, 'transferToDeskId', c.transfer_to_desk_id,
                'expertUserIds', ARRAY(SELECT xp.user_id FROM expert_session xs
                                         JOIN expert_profile xp ON xp.id = xs.expert_id
                                        WHERE xs.case_id = c.id AND xs.status <> 'cancelled')))
                FILTER (WHERE c.id IS NOT NULL), '[]') AS cases
         FROM contact ct LEFT JOIN "case" c ON c.contact_id = ct.id GROUP BY ct.id ORDER BY ct.id`,
    );
    const sessions = [operator, kanto, kinki, tohoku, nationalManager, kinkiManager, admin];
    for (const { user } of [...sessions, expertOn, expertOff, expertCancelled]) {
      const principal = {
        userId: user.id,
        role: user.role,
        deskId: user.deskId,
      } as Principal;
      const params: unknown[] = [];
      const bySql = await t.db.query<{ id: string }[]>(
        `SELECT ct.id FROM contact ct WHERE ${contactVisibility(principal, params)} ORDER BY ct.id`,
        params,
      );
      const byRule = links.filter((l) => mayAccessContact(principal, l.cases)).map((l) => l.id);
      expect({ who: `${user.role}@${user.deskId}`, ids: bySql.map((r) => r.id) }).toEqual({
        who: `${user.role}@${user.deskId}`,
        ids: byRule,
      });
    }
  };

  it('applies the same rule in SQL as libs/domain states on plain data', async () => {
    await expectRuleAndSqlToAgree();
  });

  it('stops showing the contact to a desk once the case has left it', async () => {
    await tohoku.post(`/api/cases/${caseId}/transfer/accept`, {}).expect(200);
    await expectRuleAndSqlToAgree();
    await tohoku.get(`/api/contacts/${contactId}`).expect(200);
    await kanto.get(`/api/contacts/${contactId}`).expect(404);
    const list = await kanto.get(`/api/organizations/${organizationId}/contacts`).expect(200);
    expect(list.body).toMatchObject({ items: [], contactsHidden: true });
  });
});
