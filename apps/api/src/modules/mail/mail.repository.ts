import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { Row } from '../../database/rows';

export type MailboxRow = Row<'mailbox'>;

export type MailMessageListRow = Row<
  'mail_message',
  | 'id'
  | 'direction'
  | 'from_address'
  | 'from_name'
  | 'to_addresses'
  | 'subject'
  | 'body_text'
  | 'body_html'
  | 'sent_at'
  | 'received_at'
  | 'cc_addresses'
  | 'send_status'
  | 'send_attempts'
  | 'send_error'
>;

export type MailAttachmentRow = Row<
  'mail_attachment',
  'id' | 'mail_message_id' | 'filename' | 'sniffed_type' | 'size' | 'status' | 'status_reason'
>;

export interface NewInboundMessage {
  mailboxId: string;
  messageId: string;
  raw: Buffer;
  fromAddress: string;
  fromName: string;
  to: string[];
  cc: string[];
  subject: string;
  text: string;
  html: string | null;
  sentAt: Date | null;
  inReplyTo: string | null;
  referenceIds: string[];
  automatedReason: string | null;
}

export type DueReply = Row<
  'mail_message',
  | 'id'
  | 'mailbox_id'
  | 'message_id'
  | 'to_addresses'
  | 'cc_addresses'
  | 'subject'
  | 'body_text'
  | 'in_reply_to'
  | 'reference_ids'
  | 'case_id'
  | 'author_id'
  | 'send_attempts'
>;

export type LatestInbound = Row<
  'mail_message',
  | 'message_id'
  | 'reference_ids'
  | 'from_address'
  | 'from_name'
  | 'subject'
  | 'body_text'
  | 'sent_at'
  | 'received_at'
>;

export interface NewAttachment {
  filename: string;
  declaredType: string;
  sniffedType: string;
  size: number;
  status: 'stored' | 'quarantined' | 'too_large';
  statusReason: string | null;
  content: Buffer | null;
}

const MAILBOX_COLUMNS: (keyof MailboxRow)[] = [
  'desk_id',
  'address',
  'display_name',
  'imap_host',
  'imap_port',
  'imap_tls',
  'imap_user',
  'imap_password_sealed',
  'smtp_host',
  'smtp_port',
  'smtp_tls',
  'smtp_user',
  'smtp_password_sealed',
  'signature',
  'ack_language',
  'ack_template_ja',
  'ack_template_en',
  'ack_max_per_hour',
  'reopen_within_days',
  'max_message_bytes',
  'max_mailbox_bytes',
  'active',
];
export type MailboxFields = Partial<Pick<MailboxRow, (typeof MAILBOX_COLUMNS)[number]>>;

/** The mail module's SQL: mailboxes, messages and attachments. */
@Injectable()
export class MailRepository {
  async listMailboxes(db: EntityManager): Promise<MailboxRow[]> {
    return db.query<MailboxRow[]>(`SELECT * FROM mailbox ORDER BY desk_id, address`);
  }

  /**
   * `lock` takes NO KEY UPDATE, not UPDATE: each delivery already holds KEY SHARE on the row
   * (its mail_message references it), and two of them upgrading to UPDATE would deadlock.
   */
  async findMailbox(db: EntityManager, id: string, lock = false): Promise<MailboxRow | null> {
    const [row] = await db.query<MailboxRow[]>(
      `SELECT * FROM mailbox WHERE id = $1${lock ? ' FOR NO KEY UPDATE' : ''}`,
      [id],
    );
    return row ?? null;
  }

  async insertMailbox(db: EntityManager, fields: MailboxFields): Promise<MailboxRow> {
    const columns = MAILBOX_COLUMNS.filter((c) => fields[c] !== undefined);
    const [row] = await db.query<MailboxRow[]>(
      `INSERT INTO mailbox (${columns.join(', ')})
       VALUES (${columns.map((_c, i) => `$${i + 1}`).join(', ')}) RETURNING *`,
      columns.map((c) => fields[c]),
    );
    return row!;
  }

  /** Applies the given fields when the version still matches; null when it does not. */
  async updateMailbox(
    db: EntityManager,
    id: string,
    version: number,
    fields: MailboxFields,
  ): Promise<MailboxRow | null> {
    const columns = MAILBOX_COLUMNS.filter((c) => fields[c] !== undefined);
    const [rows] = await db.query<[MailboxRow[], number]>(
      `UPDATE mailbox SET ${columns.map((c, i) => `${c} = $${i + 3}`).join(', ')}${columns.length ? ', ' : ''}
         version = version + 1, updated_at = now()
       WHERE id = $1 AND version = $2 RETURNING *`,
      [id, version, ...columns.map((c) => fields[c])],
    );
    return rows[0] ?? null;
  }

  async setIntakeOrganization(
    db: EntityManager,
    id: string,
    organizationId: string,
  ): Promise<void> {
    await db.query(`UPDATE mailbox SET intake_organization_id = $2 WHERE id = $1`, [
      id,
      organizationId,
    ]);
  }

  /** Active mailboxes with an IMAP server to poll. */
  async pollableMailboxIds(db: EntityManager): Promise<string[]> {
    const rows = await db.query<{ id: string }[]>(
      `SELECT id FROM mailbox WHERE active AND imap_host IS NOT NULL ORDER BY id`,
    );
    return rows.map((r) => r.id);
  }

  /**
   * Takes or renews the polling lease: granted when nobody holds it, the holder is `holder`
   * itself, or the last holder let it expire. One conditional statement, so two instances
   * racing for a mailbox cannot both win.
   */
  async takePollLease(
    db: EntityManager,
    mailboxId: string,
    holder: string,
    seconds: number,
  ): Promise<boolean> {
    const rows = await db.query<{ holder: string }[]>(
      `INSERT INTO mail_poll_lease (mailbox_id, holder, expires_at)
       VALUES ($1, $2, now() + make_interval(secs => $3))
       ON CONFLICT (mailbox_id) DO UPDATE SET holder = EXCLUDED.holder, expires_at = EXCLUDED.expires_at
        WHERE mail_poll_lease.holder = EXCLUDED.holder OR mail_poll_lease.expires_at < now()
       RETURNING holder`,
      [mailboxId, holder, seconds],
    );
    return rows.length === 1;
  }

  /** Gives the lease up at once (shutdown), so another instance need not wait for it to expire. */
  async releasePollLease(db: EntityManager, mailboxId: string, holder: string): Promise<void> {
    await db.query(
      `UPDATE mail_poll_lease SET expires_at = now() WHERE mailbox_id = $1 AND holder = $2`,
      [mailboxId, holder],
    );
  }

  /** The instance polling each mailbox now (an unexpired lease). */
  async pollHolders(db: EntityManager): Promise<Map<string, string>> {
    const rows = await db.query<Row<'mail_poll_lease', 'mailbox_id' | 'holder'>[]>(
      `SELECT mailbox_id, holder FROM mail_poll_lease WHERE expires_at > now()`,
    );
    return new Map(rows.map((r) => [r.mailbox_id, r.holder]));
  }

  /**
   * A poll went through. The last error stays, with its time, for the admin to read: it is over
   * when `last_polled_at` is later. Not a change of settings, so the version stays.
   */
  async recordPoll(db: EntityManager, mailboxId: string): Promise<void> {
    await db.query(`UPDATE mailbox SET last_polled_at = now() WHERE id = $1`, [mailboxId]);
  }

  async recordPollError(db: EntityManager, mailboxId: string, message: string): Promise<void> {
    await db.query(`UPDATE mailbox SET last_error = $2, last_error_at = now() WHERE id = $1`, [
      mailboxId,
      message.slice(0, 2000),
    ]);
  }

  /** Received messages per mailbox and what became of them. */
  async messageCounts(
    db: EntityManager,
  ): Promise<Map<string, { created: number; appended: number; ignored: number }>> {
    const rows = await db.query<
      { mailbox_id: string; created: number; appended: number; ignored: number }[]
    >(
      `SELECT mailbox_id,
              count(*) FILTER (WHERE action = 'created')::int AS created,
              count(*) FILTER (WHERE action = 'appended')::int AS appended,
              count(*) FILTER (WHERE action = 'ignored')::int AS ignored
         FROM mail_message WHERE direction = 'in' GROUP BY mailbox_id`,
    );
    return new Map(rows.map(({ mailbox_id, ...counts }) => [mailbox_id, counts]));
  }

  /** Inserts a received message once per mailbox and Message-ID; null when it is already there. */
  async insertInbound(db: EntityManager, m: NewInboundMessage): Promise<string | null> {
    const rows = await db.query<{ id: string }[]>(
      `INSERT INTO mail_message (mailbox_id, direction, message_id, raw, raw_size, from_address, from_name,
         to_addresses, cc_addresses, subject, body_text, body_html, sent_at, in_reply_to, reference_ids,
         automated_reason)
       VALUES ($1, 'in', $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15)
       ON CONFLICT (mailbox_id, message_id) DO NOTHING RETURNING id`,
      [
        m.mailboxId,
        m.messageId,
        m.raw,
        m.raw.length,
        m.fromAddress,
        m.fromName,
        m.to,
        m.cc,
        m.subject,
        m.text,
        m.html,
        m.sentAt,
        m.inReplyTo,
        m.referenceIds,
        m.automatedReason,
      ],
    );
    return rows[0]?.id ?? null;
  }

  async findByMessageId(
    db: EntityManager,
    mailboxId: string,
    messageId: string,
  ): Promise<Row<'mail_message', 'id' | 'case_id'> | null> {
    const [row] = await db.query<Row<'mail_message', 'id' | 'case_id'>[]>(
      `SELECT id, case_id FROM mail_message WHERE mailbox_id = $1 AND message_id = $2`,
      [mailboxId, messageId],
    );
    return row ?? null;
  }

  /** The case of the nearest referenced message (received or sent) that belongs to one. */
  async caseOfReferences(
    db: EntityManager,
    mailboxId: string,
    messageIds: string[],
  ): Promise<string | null> {
    if (messageIds.length === 0) {
      return null;
    }
    const [row] = await db.query<{ case_id: string }[]>(
      `SELECT m.case_id FROM unnest($2::text[]) WITH ORDINALITY AS r(message_id, i)
         JOIN mail_message m ON m.mailbox_id = $1 AND m.message_id = r.message_id AND m.case_id IS NOT NULL
        ORDER BY r.i LIMIT 1`,
      [mailboxId, messageIds],
    );
    return row?.case_id ?? null;
  }

  async settle(
    db: EntityManager,
    id: string,
    outcome: {
      caseId: string | null;
      action: 'created' | 'appended' | 'ignored';
      reason: string | null;
      acknowledged: boolean;
    },
  ): Promise<void> {
    await db.query(
      `UPDATE mail_message SET case_id = $2, action = $3, reason = $4,
         acknowledged_at = CASE WHEN $5::boolean THEN now() END WHERE id = $1`,
      [id, outcome.caseId, outcome.action, outcome.reason, outcome.acknowledged],
    );
  }

  /** Acknowledgements this mailbox sent to the address in the last hour. */
  async acknowledgementsInLastHour(
    db: EntityManager,
    mailboxId: string,
    address: string,
  ): Promise<number> {
    const [row] = await db.query<{ n: number }[]>(
      `SELECT count(*)::int AS n FROM mail_message
        WHERE mailbox_id = $1 AND lower(from_address) = lower($2)
          AND acknowledged_at > now() - interval '1 hour'`,
      [mailboxId, address],
    );
    return row?.n ?? 0;
  }

  async insertOutbound(
    db: EntityManager,
    m: {
      mailboxId: string;
      messageId: string;
      from: string;
      to: string;
      subject: string;
      text: string;
      inReplyTo: string | null;
      caseId: string;
    },
  ): Promise<string> {
    const [row] = await db.query<{ id: string }[]>(
      `INSERT INTO mail_message (mailbox_id, direction, message_id, from_address, to_addresses, subject,
         body_text, sent_at, in_reply_to, reference_ids, case_id, action)
       VALUES ($1, 'out', $2, $3, ARRAY[$4], $5, $6, now(), $7, CASE WHEN $7::text IS NULL THEN '{}' ELSE ARRAY[$7::text] END, $8, 'created')
       RETURNING id`,
      [m.mailboxId, m.messageId, m.from, m.to, m.subject, m.text, m.inReplyTo, m.caseId],
    );
    return row!.id;
  }

  /**
   * The mailbox a reply on the case goes out from: the one its latest mail came through, else an
   * active mailbox of the case's desk with SMTP settings.
   */
  async replyMailbox(
    db: EntityManager,
    caseId: string,
    deskId: string,
  ): Promise<MailboxRow | null> {
    const [row] = await db.query<MailboxRow[]>(
      `WITH latest AS (SELECT mailbox_id FROM mail_message WHERE case_id = $1
                        ORDER BY received_at DESC, id LIMIT 1)
       SELECT b.* FROM mailbox b LEFT JOIN latest l ON l.mailbox_id = b.id
        WHERE b.active AND b.smtp_host IS NOT NULL AND (l.mailbox_id IS NOT NULL OR b.desk_id = $2)
        ORDER BY l.mailbox_id IS NOT NULL DESC, b.address
        LIMIT 1`,
      [caseId, deskId],
    );
    return row ?? null;
  }

  /** The latest message the case received: what a reply answers. */
  async latestInbound(db: EntityManager, caseId: string): Promise<LatestInbound | null> {
    const [row] = await db.query<LatestInbound[]>(
      `SELECT message_id, reference_ids, from_address, from_name, subject, body_text, sent_at,
              received_at FROM mail_message
        WHERE case_id = $1 AND direction = 'in' ORDER BY received_at DESC, id DESC LIMIT 1`,
      [caseId],
    );
    return row ?? null;
  }

  /** A reply written on the case, waiting for the sending job. */
  async insertReply(
    db: EntityManager,
    m: {
      mailboxId: string;
      messageId: string;
      from: string;
      to: string[];
      cc: string[];
      subject: string;
      text: string;
      inReplyTo: string | null;
      references: string[];
      caseId: string;
      authorId: string;
    },
  ): Promise<string> {
    const [row] = await db.query<{ id: string }[]>(
      `INSERT INTO mail_message (mailbox_id, direction, message_id, from_address, to_addresses,
         cc_addresses, subject, body_text, in_reply_to, reference_ids, case_id, author_id,
         send_status, send_after)
       VALUES ($1, 'out', $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, 'pending', now())
       RETURNING id`,
      [
        m.mailboxId,
        m.messageId,
        m.from,
        m.to,
        m.cc,
        m.subject,
        m.text,
        m.inReplyTo,
        m.references,
        m.caseId,
        m.authorId,
      ],
    );
    return row!.id;
  }

  /**
   * The next reply due for sending, locked (SKIP LOCKED: another instance takes the next one)
   * for as long as the caller's transaction sends it.
   */
  async nextDueReply(db: EntityManager): Promise<DueReply | null> {
    const [row] = await db.query<DueReply[]>(
      `SELECT id, mailbox_id, message_id, to_addresses, cc_addresses, subject, body_text,
              in_reply_to, reference_ids, case_id, author_id, send_attempts
         FROM mail_message
        WHERE send_status = 'pending' AND send_after <= now()
        ORDER BY send_after, id LIMIT 1 FOR UPDATE SKIP LOCKED`,
    );
    return row ?? null;
  }

  async markReplySent(db: EntityManager, id: string): Promise<void> {
    await db.query(
      `UPDATE mail_message SET send_status = 'sent', sent_at = now(),
         send_attempts = send_attempts + 1, send_error = NULL, send_after = NULL
       WHERE id = $1`,
      [id],
    );
  }

  /** A refused or failed send: tried again after `retryInSeconds`, or failed for good (null). */
  async markReplyRefused(
    db: EntityManager,
    id: string,
    error: string,
    retryInSeconds: number | null,
  ): Promise<void> {
    await db.query(
      `UPDATE mail_message SET send_attempts = send_attempts + 1, send_error = $2,
         send_status = CASE WHEN $3::int IS NULL THEN 'failed' ELSE 'pending' END,
         send_after = CASE WHEN $3::int IS NULL THEN NULL ELSE now() + make_interval(secs => $3::int) END
       WHERE id = $1`,
      [id, error.slice(0, 2000), retryInSeconds],
    );
  }

  /** The files a reply carries, in order. */
  async replyAttachments(
    db: EntityManager,
    messageId: string,
  ): Promise<Row<'mail_attachment', 'filename' | 'sniffed_type' | 'content'>[]> {
    return db.query<Row<'mail_attachment', 'filename' | 'sniffed_type' | 'content'>[]>(
      `SELECT filename, sniffed_type, content FROM mail_attachment
        WHERE mail_message_id = $1 AND status = 'stored' ORDER BY position`,
      [messageId],
    );
  }

  /** Sends a failed reply again now (staff asked). */
  async requeueReply(db: EntityManager, id: string, caseId: string): Promise<boolean> {
    const rows = await db.query<[unknown[], number]>(
      `UPDATE mail_message SET send_status = 'pending', send_after = now()
        WHERE id = $1 AND case_id = $2 AND send_status = 'failed'`,
      [id, caseId],
    );
    return rows[1] === 1;
  }

  async mailboxAttachmentBytes(db: EntityManager, mailboxId: string): Promise<number> {
    const [row] = await db.query<{ n: string }[]>(
      `SELECT coalesce(sum(size), 0)::text AS n FROM mail_attachment
        WHERE mailbox_id = $1 AND status <> 'too_large'`,
      [mailboxId],
    );
    return Number(row?.n ?? 0);
  }

  async insertAttachments(
    db: EntityManager,
    mailboxId: string,
    messageId: string,
    attachments: NewAttachment[],
  ): Promise<void> {
    for (const [position, a] of attachments.entries()) {
      await db.query(
        `INSERT INTO mail_attachment (mail_message_id, mailbox_id, position, filename, declared_type,
           sniffed_type, size, status, status_reason, content)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)`,
        [
          messageId,
          mailboxId,
          position,
          a.filename,
          a.declaredType,
          a.sniffedType,
          a.size,
          a.status,
          a.statusReason,
          a.content,
        ],
      );
    }
  }

  async messagesOfCase(db: EntityManager, caseId: string): Promise<MailMessageListRow[]> {
    return db.query<MailMessageListRow[]>(
      `SELECT id, direction, from_address, from_name, to_addresses, cc_addresses, subject, body_text,
              body_html, sent_at, received_at, send_status, send_attempts, send_error
         FROM mail_message WHERE case_id = $1 ORDER BY received_at, direction, id`,
      [caseId],
    );
  }

  async attachmentsOf(db: EntityManager, messageIds: string[]): Promise<MailAttachmentRow[]> {
    return db.query<MailAttachmentRow[]>(
      `SELECT id, mail_message_id, filename, sniffed_type, size, status, status_reason
         FROM mail_attachment WHERE mail_message_id = ANY($1::uuid[]) ORDER BY mail_message_id, position`,
      [messageIds],
    );
  }

  async attachmentContent(
    db: EntityManager,
    id: string,
  ): Promise<
    | (Row<'mail_attachment', 'filename' | 'status' | 'content'> & {
        case_id: string | null;
      })
    | null
  > {
    const [row] = await db.query<
      (Row<'mail_attachment', 'filename' | 'status' | 'content'> & { case_id: string | null })[]
    >(
      `SELECT a.filename, a.status, a.content, m.case_id FROM mail_attachment a
         JOIN mail_message m ON m.id = a.mail_message_id WHERE a.id = $1`,
      [id],
    );
    return row ?? null;
  }
}
