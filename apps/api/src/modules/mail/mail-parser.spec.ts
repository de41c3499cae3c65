import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { parseMail } from './mail-parser';
import { zipEntryNames } from './attachment-sniff';

const CORPUS = join(__dirname, '../../../test/fixtures/mail');

interface Expected {
  subject: string;
  text?: string;
  textIncludes?: string[];
  htmlIncludes?: string[];
  htmlExcludes?: string[];
  from: { address: string; name: string };
  action: 'created' | 'appended' | 'ignored';
  reason?: string;
  attachments?: { filename: string; sniffedType: string; quarantined: boolean }[];
}

const fixtures = readdirSync(CORPUS)
  .filter((name) => name.endsWith('.eml'))
  .map((name) => name.slice(0, -'.eml'.length))
  .sort();

describe(parseMail.name, () => {
  it('has a corpus', () => {
    expect(fixtures.length).toBeGreaterThanOrEqual(16);
  });

  describe.each(fixtures)('%s', (name) => {
    const raw = readFileSync(join(CORPUS, `${name}.eml`));
    const expected = JSON.parse(readFileSync(join(CORPUS, `${name}.json`), 'utf8')) as Expected;

    it('reads the subject, body and sender', async () => {
      const mail = await parseMail(raw);
      expect(mail.subject).toBe(expected.subject);
      if (expected.text !== undefined) {
        expect(mail.text.trim()).toBe(expected.text.trim());
      }
      for (const part of expected.textIncludes ?? []) {
        expect(mail.text).toContain(part);
      }
      for (const part of expected.htmlIncludes ?? []) {
        expect(mail.html).toContain(part);
      }
      for (const part of expected.htmlExcludes ?? []) {
        expect(mail.html).not.toContain(part);
      }
      expect(mail.from).toEqual(expected.from);
      expect(mail.text).not.toContain('\ufffd');
      expect(mail.text).not.toContain('\u001b');
    });

    it('tells machine mail from a person', async () => {
      const mail = await parseMail(raw);
      expect(mail.automated).toBe(expected.action === 'ignored' ? expected.reason : null);
    });

    if (expected.attachments) {
      it('decodes attachment names and sniffs their types', async () => {
        const mail = await parseMail(raw);
        expect(
          mail.attachments.map(({ filename, sniffedType, quarantined }) => ({
            filename,
            sniffedType,
            quarantined,
          })),
        ).toEqual(expected.attachments);
      });
    }
  });

  it('keeps CP50220 extension characters and CP932 fullwidth tildes', async () => {
    const jis = await parseMail(readFileSync(join(CORPUS, '01-iso2022jp-cp50220.eml')));
    for (const ch of ['①', '㈱', '№', 'Ⅱ', '髙']) {
      expect(jis.text).toContain(ch);
    }
    const cp932 = await parseMail(readFileSync(join(CORPUS, '04-cp932-wave-dash.eml')));
    expect(cp932.text).toContain('\uff5e');
    expect(cp932.text).not.toContain('\u301c');
    expect(cp932.text).toContain('\uff0d');
  });

  it('detects a missing charset from the bytes', async () => {
    const jis = await parseMail(readFileSync(join(CORPUS, '03-iso2022jp-no-charset.eml')));
    expect(jis.detectedCharsets).toEqual(['ISO-2022-JP']);
    const sjis = await parseMail(readFileSync(join(CORPUS, '05-sjis-no-charset.eml')));
    expect(sjis.detectedCharsets).toEqual(['Shift_JIS']);
  });

  it('stands a hash of the bytes in for a missing Message-ID', async () => {
    const raw = readFileSync(join(CORPUS, '10-no-message-id.eml'));
    const mail = await parseMail(raw);
    expect(mail.hasMessageId).toBe(false);
    expect(mail.messageId).toMatch(/^sha256:[0-9a-f]{64}$/);
    expect((await parseMail(raw)).messageId).toBe(mail.messageId);
  });

  it('reads In-Reply-To and References', async () => {
    const mail = await parseMail(readFileSync(join(CORPUS, '11-reply-in-reply-to.eml')));
    expect(mail.inReplyTo).toBe('<cp50220-001@takada-ss.example.jp>');
    expect(mail.references).toBe('<cp50220-001@takada-ss.example.jp>');
  });
});

describe(zipEntryNames.name, () => {
  it('lists the names in a stored ZIP', () => {
    // A one-entry ZIP (stored, empty file "run.exe") built byte by byte.
    const name = Buffer.from('run.exe');
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(name.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(name.length, 28);
    const eocd = Buffer.alloc(22);
    eocd.writeUInt32LE(0x06054b50, 0);
    eocd.writeUInt16LE(1, 8);
    eocd.writeUInt16LE(1, 10);
    eocd.writeUInt32LE(46 + name.length, 12);
    eocd.writeUInt32LE(30 + name.length, 16);
    const zip = Buffer.concat([local, name, central, name, eocd]);
    expect(zipEntryNames(zip)).toEqual(['run.exe']);
  });
});
