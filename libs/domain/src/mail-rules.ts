/**
 * Rules for the email channel that need no parser and no database: which inbound mail is a
 * machine talking (never a new case, never an acknowledgement), where a reply belongs, and
 * whether a sender may be acknowledged again.
 */

/** Why a message is machine mail. Stable codes: they are stored and shown to staff. */
export type AutomatedMailReason =
  | 'AUTO_SUBMITTED'
  | 'AUTO_RESPONSE_SUPPRESS'
  | 'BULK_PRECEDENCE'
  | 'MAILING_LIST'
  | 'BOUNCE'
  | 'AUTO_REPLY_SUBJECT';

export interface MailHeadersForLoops {
  /** Header values by lower-case name (the first occurrence). */
  headers: Readonly<Record<string, string | undefined>>;
  fromAddress: string;
  subject: string;
  contentType?: string;
}

// Out-of-office notices from Japanese clients are often marked only by the subject. The words
// are anchored to the forms those notices take, so an inquiry *about* leave (休暇) is not caught.
const AUTO_REPLY_SUBJECT =
  /^\s*(?:[【[（(]\s*)?(?:自動返信|自動応答|不在通知|不在のお知らせ|out of office|automatic reply|auto(?:matic)?[- ]?reply|autoreply)/i;
const BOUNCE_SENDER = /^(?:mailer-daemon|postmaster)@/i;

/**
 * The reason this message is an auto-reply, a bounce, list or bulk mail, or `null` for a person
 * writing. The headers are the standard ones (RFC 3834 `Auto-Submitted`, `Precedence`,
 * Microsoft's `X-Auto-Response-Suppress`, RFC 2369/2919 list headers, the null `Return-Path`).
 */
export function automatedMailReason(mail: MailHeadersForLoops): AutomatedMailReason | null {
  const header = (name: string): string => (mail.headers[name] ?? '').trim().toLowerCase();
  const autoSubmitted = header('auto-submitted');
  if (autoSubmitted && autoSubmitted !== 'no') {
    return 'AUTO_SUBMITTED';
  }
  const returnPath = header('return-path');
  if (
    returnPath === '<>' ||
    BOUNCE_SENDER.test(mail.fromAddress) ||
    (mail.contentType ?? '').toLowerCase().startsWith('multipart/report')
  ) {
    return 'BOUNCE';
  }
  if (header('list-id') || header('list-unsubscribe') || header('list-post')) {
    return 'MAILING_LIST';
  }
  if (['bulk', 'junk', 'list', 'auto_reply'].includes(header('precedence'))) {
    return 'BULK_PRECEDENCE';
  }
  if (header('x-auto-response-suppress')) {
    const values = header('x-auto-response-suppress')
      .split(',')
      .map((v) => v.trim());
    if (values.some((v) => ['all', 'oof', 'autoreply'].includes(v))) {
      return 'AUTO_RESPONSE_SUPPRESS';
    }
  }
  if (AUTO_REPLY_SUBJECT.test(mail.subject)) {
    return 'AUTO_REPLY_SUBJECT';
  }
  return null;
}

const CASE_TOKEN = /\[#(\d{4}-\d{6})\]/;

/** The case number in a subject's `[#2026-000123]` token, or null. */
export function caseNumberInSubject(subject: string): string | null {
  return CASE_TOKEN.exec(subject)?.[1] ?? null;
}

/** The subject of mail about a case: its token once, before the rest. */
export function subjectWithCaseToken(caseNumber: string, subject: string): string {
  const token = `[#${caseNumber}]`;
  return subject.includes(token) ? subject : `${token} ${subject}`.trim();
}

/**
 * Message-IDs a reply refers to, nearest first: `In-Reply-To`, then `References` from the end
 * (the last reference is the parent, the first the thread's start). Angle brackets removed.
 */
export function referencedMessageIds(
  inReplyTo: string | undefined,
  references: string | undefined,
): string[] {
  const ids = (value: string | undefined): string[] =>
    [...(value ?? '').matchAll(/<([^<>\s]+)>/g)].map((m) => m[1]!);
  const ordered = [...ids(inReplyTo), ...ids(references).reverse()];
  return [...new Set(ordered)];
}

/** Whether a sender already acknowledged `sentInLastHour` times may get one more. */
export function mayAcknowledge(sentInLastHour: number, maxPerHour: number): boolean {
  return sentInLastHour < maxPerHour;
}

/** Fills `{{caseNumber}}`, `{{subject}}` and `{{name}}` in an acknowledgement template. */
export function fillMailTemplate(
  template: string,
  values: Readonly<Record<string, string>>,
): string {
  return template.replace(/\{\{\s*(\w+)\s*\}\}/g, (all, key: string) => values[key] ?? all);
}

/** The most Message-IDs a reply's References carries: the thread's start and the latest ones. */
export const MAX_REPLY_REFERENCES = 20;

/**
 * The threading headers of a reply to `parent` (RFC 5322 §3.6.4): In-Reply-To names the parent,
 * References is the parent's References followed by the parent. A long thread keeps its first
 * message and the latest ones, so clients can still find both ends. Ids without brackets; a
 * parent known only by a hash of its bytes (it had no Message-ID) cannot be referred to.
 */
export function replyThreading(
  parent: { messageId: string; references: readonly string[] } | null,
): { inReplyTo: string | null; references: string[] } {
  if (!parent || parent.messageId.startsWith('sha256:')) {
    return { inReplyTo: null, references: [] };
  }
  const chain = [...parent.references, parent.messageId].filter(
    (id, i, all) => all.indexOf(id) === i,
  );
  const references =
    chain.length <= MAX_REPLY_REFERENCES
      ? chain
      : [chain[0]!, ...chain.slice(chain.length - (MAX_REPLY_REFERENCES - 1))];
  return { inReplyTo: parent.messageId, references };
}

/** Seconds before a refused reply is tried again: 30 s, doubling, at most an hour. */
export function replyRetryDelaySeconds(attempts: number): number {
  return Math.min(3600, 30 * 2 ** Math.max(0, attempts - 1));
}

/** The quoted history under a reply: a header line, then each line of the text after `> `. */
export function quoteForReply(text: string, header: string): string {
  const lines = text.replace(/\r\n?/g, '\n').replace(/\n+$/, '').split('\n');
  return [header, ...lines.map((line) => (line ? `> ${line}` : '>'))].join('\n');
}
