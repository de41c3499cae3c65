import { automatedMailReason, type AutomatedMailReason } from '@madoguchi/domain';
import { Joiner, Splitter } from '@zone-eu/mailsplit';
import Encoding from 'encoding-japanese';
import { type AddressObject, type HeaderValue, simpleParser } from 'mailparser';
import { createHash } from 'node:crypto';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { Transform, type TransformCallback, Writable } from 'node:stream';
import { sanitizeMailHtml } from './mail-html';
import { sniffAttachment, type SniffedAttachment } from './attachment-sniff';

export interface ParsedAddress {
  address: string;
  name: string;
}

export interface ParsedAttachment extends SniffedAttachment {
  filename: string;
  declaredType: string;
  size: number;
  content: Buffer;
}

export interface ParsedMail {
  /** The Message-ID without angle brackets, or `sha256:<hex of the bytes>` when there is none. */
  messageId: string;
  hasMessageId: boolean;
  inReplyTo: string | undefined;
  references: string | undefined;
  date: Date | null;
  from: ParsedAddress | null;
  to: ParsedAddress[];
  cc: ParsedAddress[];
  subject: string;
  text: string;
  /** Sanitized: no scripts, handlers, remote images or forms. */
  html: string | null;
  headers: Record<string, string>;
  attachments: ParsedAttachment[];
  /** Why this is machine mail (auto-reply, bounce, list, bulk), or null. */
  automated: AutomatedMailReason | null;
  /** Text parts whose missing charset was detected from the bytes. */
  detectedCharsets: string[];
}

const LOOP_HEADERS = [
  'auto-submitted',
  'precedence',
  'x-auto-response-suppress',
  'list-id',
  'list-unsubscribe',
  'list-post',
  'return-path',
];

const DETECTED_CHARSET: Record<string, string> = {
  JIS: 'ISO-2022-JP',
  SJIS: 'Shift_JIS',
  EUCJP: 'EUC-JP',
  UTF8: 'UTF-8',
};

function decodeTransfer(body: Buffer, encoding: string): Buffer {
  switch (encoding) {
    case 'base64':
      return Buffer.from(body.toString('latin1').replace(/[^A-Za-z0-9+/=]/g, ''), 'base64');
    case 'quoted-printable':
      return Buffer.from(
        body
          .toString('latin1')
          .replace(/=\r?\n/g, '')
          .replace(/=([0-9A-Fa-f]{2})/g, (_all, hex: string) =>
            String.fromCharCode(parseInt(hex, 16)),
          ),
        'latin1',
      );
    default:
      return body;
  }
}

interface SplitNode {
  contentType: string | false;
  charset: string | false;
  encoding: string | false;
  disposition?: string | false;
  setCharset(charset: string): void;
}
interface SplitChunk {
  type: 'node' | 'body' | 'data' | 'none';
  value?: Buffer;
  node?: SplitNode;
  contentType?: string | false;
  charset?: string | false;
  encoding?: string | false;
  disposition?: string | false;
  setCharset?: (charset: string) => void;
}

/**
 * Outlook and others send Japanese text parts as `text/plain;` with no charset, which every
 * parser then reads as UTF-8 (mojibake for Shift_JIS and EUC-JP, raw escapes for ISO-2022-JP).
 * This pass finds such parts, detects the charset from their decoded bytes (encoding-japanese)
 * and writes it into the part's header, so the parser decodes them like any labelled part.
 */
class CharsetFiller extends Transform {
  readonly detected: string[] = [];
  private pending: SplitChunk | null = null;
  private body: Buffer[] = [];
  private held: SplitChunk[] = [];

  constructor() {
    super({ objectMode: true });
  }

  override _transform(chunk: SplitChunk, _enc: BufferEncoding, done: TransformCallback): void {
    if (chunk.type === 'node') {
      this.flush();
      const needsCharset =
        typeof chunk.contentType === 'string' &&
        chunk.contentType.startsWith('text/') &&
        !chunk.charset &&
        chunk.disposition !== 'attachment';
      if (needsCharset) {
        this.pending = chunk;
        this.held = [chunk];
        this.body = [];
        done();
        return;
      }
      this.push(chunk);
    } else if (this.pending && chunk.type === 'body') {
      this.held.push(chunk);
      this.body.push(chunk.value!);
    } else {
      this.flush();
      this.push(chunk);
    }
    done();
  }

  override _flush(done: TransformCallback): void {
    this.flush();
    done();
  }

  private flush(): void {
    if (!this.pending) {
      return;
    }
    const bytes = decodeTransfer(Buffer.concat(this.body), this.pending.encoding || '');
    const detected = Encoding.detect(bytes);
    const charset = typeof detected === 'string' ? DETECTED_CHARSET[detected] : undefined;
    if (charset) {
      this.pending.setCharset!(charset);
      this.detected.push(charset);
    }
    for (const held of this.held) {
      this.push(held);
    }
    this.pending = null;
    this.held = [];
    this.body = [];
  }
}

async function withCharsetsFilled(raw: Buffer): Promise<{ raw: Buffer; detected: string[] }> {
  const filler = new CharsetFiller();
  const out: Buffer[] = [];
  await pipeline(
    Readable.from([raw]),
    new Splitter(),
    filler,
    new Joiner(),
    new Writable({
      write(chunk: Buffer, _encoding, done) {
        out.push(chunk);
        done();
      },
    }),
  );
  return filler.detected.length > 0
    ? { raw: Buffer.concat(out), detected: filler.detected }
    : { raw, detected: [] };
}

const addresses = (value: AddressObject | AddressObject[] | undefined): ParsedAddress[] =>
  (Array.isArray(value) ? value : value ? [value] : []).flatMap((group) =>
    group.value
      .filter((entry) => entry.address)
      .map((entry) => ({ address: entry.address!, name: entry.name ?? '' })),
  );

function headerText(value: HeaderValue): string {
  if (typeof value === 'string') {
    return value;
  }
  if (value instanceof Date) {
    return value.toISOString();
  }
  if (Array.isArray(value)) {
    return value.map((v) => (typeof v === 'string' ? v : JSON.stringify(v))).join(', ');
  }
  if (value && typeof value === 'object' && 'value' in value && typeof value.value === 'string') {
    return value.value;
  }
  if (value && typeof value === 'object' && 'text' in value && typeof value.text === 'string') {
    return value.text;
  }
  return '';
}

/** The raw value of the first `name:` header line, unfolded, for headers the parser reshapes. */
function rawHeader(raw: Buffer, name: string): string | undefined {
  const end = raw.indexOf('\r\n\r\n');
  const head = raw.subarray(0, end < 0 ? Math.min(raw.length, 65536) : end).toString('latin1');
  const match = new RegExp(`^${name}:[ \\t]*(.*(?:\\r?\\n[ \\t].*)*)`, 'im').exec(head);
  return match?.[1]?.replace(/\r?\n[ \t]+/g, ' ').trim();
}

/**
 * The one way Madoguchi reads a raw message (RFC 5322 bytes): mailparser for MIME and the
 * Japanese charsets (ISO-2022-JP incl. CP50220, CP932, EUC-JP), a detected charset where the
 * sender gave none, sanitized HTML, sniffed attachments and the machine-mail verdict.
 */
export async function parseMail(input: Buffer): Promise<ParsedMail> {
  const { raw, detected } = await withCharsetsFilled(input);
  const mail = await simpleParser(raw, { skipImageLinks: true, keepCidLinks: false });
  const headers: Record<string, string> = {};
  for (const [key, value] of mail.headers) {
    headers[key] ??= headerText(value);
  }
  // The loop headers as sent: mailparser reshapes some (List-*) and drops an empty
  // Return-Path (`<>`), the very mark of a bounce.
  for (const name of LOOP_HEADERS) {
    const value = rawHeader(input, name);
    if (value !== undefined) {
      headers[name] = value;
    }
  }
  const from = addresses(mail.from)[0] ?? null;
  const subject = (mail.subject ?? '').trim();
  const html = typeof mail.html === 'string' ? sanitizeMailHtml(mail.html) : null;
  const text = (mail.text ?? '').replace(/\r\n/g, '\n');
  const messageIdHeader = mail.messageId?.replace(/^<|>$/g, '').trim();
  const attachments = await Promise.all(
    mail.attachments
      .filter((a) => a.contentDisposition !== 'inline' || !a.related)
      .map(async (a) => ({
        filename: a.filename ?? 'attachment',
        declaredType: a.contentType,
        size: a.size,
        content: a.content,
        ...(await sniffAttachment(a.content, a.filename ?? '')),
      })),
  );
  return {
    messageId: messageIdHeader || `sha256:${createHash('sha256').update(input).digest('hex')}`,
    hasMessageId: Boolean(messageIdHeader),
    inReplyTo: rawHeader(input, 'in-reply-to'),
    references: rawHeader(input, 'references'),
    date: mail.date && !Number.isNaN(mail.date.getTime()) ? mail.date : null,
    from,
    to: addresses(mail.to),
    cc: addresses(mail.cc),
    subject,
    text,
    html,
    headers,
    attachments,
    automated: automatedMailReason({
      headers,
      fromAddress: from?.address ?? '',
      subject,
      contentType: rawHeader(input, 'content-type'),
    }),
    detectedCharsets: detected,
  };
}
