import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { Row } from '../../database/rows';

export type SubjectContactRow = Row<
  'contact',
  | 'id'
  | 'name'
  | 'name_kana'
  | 'email'
  | 'phone'
  | 'title'
  | 'organization_id'
  | 'pseudonymized_at'
  | 'created_at'
> & { organization_name: string };
export type SubjectCaseRow = Row<
  'case',
  | 'id'
  | 'number'
  | 'subject'
  | 'description'
  | 'status'
  | 'channel'
  | 'received_at'
  | 'closed_at'
  | 'contact_id'
> & { held: boolean };
export type SubjectMailRow = Row<
  'mail_message',
  'id' | 'case_id' | 'direction' | 'subject' | 'from_address' | 'received_at' | 'body_text'
>;
export type SubjectSessionRow = Row<
  'expert_session',
  'id' | 'case_id' | 'kind' | 'status' | 'mode'
> & {
  starts_at: Date;
};
export type SubjectSurveyRow = Row<
  'satisfaction_survey',
  'id' | 'case_id' | 'invited_at' | 'answered_at' | 'overall' | 'usefulness' | 'comment'
>;
export type SubjectAuditRow = Row<
  'audit_event',
  'id' | 'at' | 'action' | 'entity_type' | 'entity_id' | 'actor_email'
>;
export type RequestRow = Row<
  'data_subject_request',
  | 'id'
  | 'kind'
  | 'status'
  | 'requester_name'
  | 'requester_email'
  | 'requester_phone'
  | 'received_at'
  | 'due_on'
  | 'answered_at'
  | 'notes'
  | 'created_at'
> & { overdue: boolean; erased_at: Date | null };

/** Enough for a person; more means the search was too broad, and the staff narrows it. */
const LIMIT = 500;
const REQUEST_COLUMNS = `id, kind, status, requester_name, requester_email, requester_phone, received_at,
  to_char(due_on, 'YYYY-MM-DD') AS due_on, answered_at, notes, created_at,
  (answered_at IS NULL AND status NOT IN ('answered', 'rejected')
    AND due_on < (now() AT TIME ZONE 'Asia/Tokyo')::date) AS overdue,
  (SELECT max(e.at) FROM audit_event e
    WHERE e.entity_type = 'data_subject_request' AND e.entity_id = data_subject_request.id::text
      AND e.action = 'data_subject.erased') AS erased_at`;

export interface SubjectKeys {
  email: string | null;
  /** E.164, as contacts store it. */
  phone: string | null;
  /** Without spaces. */
  name: string | null;
}

/**
 * Reads, across the modules, of everything held about one person (APPI disclosure) and the
 * `data_subject_request` records this module owns.
 */
@Injectable()
export class DataSubjectsRepository {
  async contacts(db: EntityManager, keys: SubjectKeys): Promise<SubjectContactRow[]> {
    return db.query<SubjectContactRow[]>(
      `SELECT ct.id, ct.name, ct.name_kana, ct.email, ct.phone, ct.title, ct.organization_id,
              ct.pseudonymized_at, ct.created_at, o.name AS organization_name
         FROM contact ct JOIN organization o ON o.id = ct.organization_id
        WHERE ($1::text IS NOT NULL AND lower(ct.email) = lower($1))
           OR ($2::text IS NOT NULL AND ct.phone = $2)
           OR ($3::text IS NOT NULL AND (translate(ct.name, ' ' || chr(12288), '') = $3
                                       OR translate(ct.name_kana, ' ' || chr(12288), '') = $3))
        ORDER BY ct.created_at, ct.id LIMIT ${LIMIT}`,
      [keys.email, keys.phone, keys.name],
    );
  }

  async cases(
    db: EntityManager,
    contactIds: string[],
    email: string | null,
  ): Promise<SubjectCaseRow[]> {
    return db.query<SubjectCaseRow[]>(
      `SELECT c.id, c.number, c.subject, c.description, c.status, c.channel, c.received_at,
              c.closed_at, c.contact_id,
              EXISTS (SELECT 1 FROM legal_hold h WHERE h.released_at IS NULL
                        AND (h.case_id = c.id OR h.organization_id = c.organization_id)) AS held
         FROM "case" c
        WHERE c.contact_id = ANY($1::uuid[])
           OR ($2::text IS NOT NULL AND EXISTS (SELECT 1 FROM mail_message m WHERE m.case_id = c.id
                                                  AND lower(m.from_address) = lower($2)))
        ORDER BY c.received_at, c.id LIMIT ${LIMIT}`,
      [contactIds, email],
    );
  }

  async mails(
    db: EntityManager,
    caseIds: string[],
    email: string | null,
  ): Promise<SubjectMailRow[]> {
    return db.query<SubjectMailRow[]>(
      `SELECT m.id, m.case_id, m.direction, m.subject, m.from_address, m.received_at, m.body_text
         FROM mail_message m
        WHERE m.case_id = ANY($1::uuid[])
           OR ($2::text IS NOT NULL AND (lower(m.from_address) = lower($2) OR lower($2) = ANY(m.to_addresses)))
        ORDER BY m.received_at, m.id LIMIT ${LIMIT}`,
      [caseIds, email],
    );
  }

  async sessions(db: EntityManager, caseIds: string[]): Promise<SubjectSessionRow[]> {
    return db.query<SubjectSessionRow[]>(
      `SELECT s.id, s.case_id, s.kind, s.status, s.mode, lower(s.scheduled) AS starts_at
         FROM expert_session s WHERE s.case_id = ANY($1::uuid[])
        ORDER BY lower(s.scheduled), s.id LIMIT ${LIMIT}`,
      [caseIds],
    );
  }

  async surveys(db: EntityManager, contactIds: string[]): Promise<SubjectSurveyRow[]> {
    return db.query<SubjectSurveyRow[]>(
      `SELECT id, case_id, invited_at, answered_at, overall, usefulness, comment
         FROM satisfaction_survey WHERE contact_id = ANY($1::uuid[])
        ORDER BY invited_at, id LIMIT ${LIMIT}`,
      [contactIds],
    );
  }

  async auditEvents(
    db: EntityManager,
    entityIds: string[],
    email: string | null,
  ): Promise<SubjectAuditRow[]> {
    return db.query<SubjectAuditRow[]>(
      `SELECT id, at, action, entity_type, entity_id, actor_email FROM audit_event
        WHERE entity_id = ANY($1::text[]) OR ($2::text IS NOT NULL AND lower(actor_email) = lower($2))
        ORDER BY at, id LIMIT ${LIMIT}`,
      [entityIds, email],
    );
  }

  async listRequests(db: EntityManager): Promise<RequestRow[]> {
    return db.query<RequestRow[]>(
      `SELECT ${REQUEST_COLUMNS} FROM data_subject_request ORDER BY received_at DESC, id LIMIT 1000`,
    );
  }

  async request(db: EntityManager, id: string): Promise<RequestRow | null> {
    const [row] = await db.query<RequestRow[]>(
      `SELECT ${REQUEST_COLUMNS} FROM data_subject_request WHERE id = $1`,
      [id],
    );
    return row ?? null;
  }

  async createRequest(
    db: EntityManager,
    r: {
      kind: string;
      requesterName: string;
      requesterEmail: string | null;
      requesterPhone: string | null;
      receivedAt: string;
      dueOn: string;
      notes: string;
      userId: string | null;
    },
  ): Promise<string> {
    const [row] = await db.query<{ id: string }[]>(
      `INSERT INTO data_subject_request (kind, requester_name, requester_email, requester_phone,
              received_at, due_on, notes, created_by)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id`,
      [
        r.kind,
        r.requesterName,
        r.requesterEmail,
        r.requesterPhone,
        r.receivedAt,
        r.dueOn,
        r.notes,
        r.userId,
      ],
    );
    return row!.id;
  }

  /** Sets the given columns; answered_at follows the status (set once answered, cleared otherwise). */
  async updateRequest(
    db: EntityManager,
    id: string,
    set: Record<string, unknown>,
  ): Promise<boolean> {
    const columns = Object.keys(set);
    const assignments = columns.map((c, i) => `${c} = $${i + 2}`);
    if ('status' in set) {
      assignments.push(
        `answered_at = CASE WHEN $${columns.indexOf('status') + 2} = 'answered' THEN coalesce(answered_at, now()) ELSE NULL END`,
      );
    }
    // UPDATE and DELETE … RETURNING answer [rows, count] through TypeORM.
    const [rows] = await db.query<[{ id: string }[], number]>(
      `UPDATE data_subject_request SET ${[...assignments, 'updated_at = now()', 'version = version + 1'].join(', ')}
        WHERE id = $1 RETURNING id`,
      [id, ...columns.map((c) => set[c])],
    );
    return rows.length > 0;
  }

  async deleteRequest(db: EntityManager, id: string): Promise<boolean> {
    const [rows] = await db.query<[{ id: string }[], number]>(
      `DELETE FROM data_subject_request WHERE id = $1 RETURNING id`,
      [id],
    );
    return rows.length > 0;
  }

  /** Which of these contacts exist. */
  async existingContacts(db: EntityManager, ids: string[]): Promise<string[]> {
    const rows = await db.query<Row<'contact', 'id'>[]>(
      `SELECT id FROM contact WHERE id = ANY($1::uuid[])`,
      [ids],
    );
    return rows.map((r) => r.id);
  }
}
