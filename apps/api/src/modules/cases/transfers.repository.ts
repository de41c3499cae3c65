import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';

/** The transfer columns of "case": a request, its acceptance, and its end without one. */
@Injectable()
export class TransfersRepository {
  /** Offers the case to a desk; false when it is closed or already offered. */
  async request(
    db: EntityManager,
    id: string,
    toDeskId: string,
    reason: string,
    acceptDueAt: Date,
  ): Promise<boolean> {
    const [rows] = await db.query<[unknown[], number]>(
      `UPDATE "case" SET transfer_to_desk_id = $2, transfer_from_desk_id = desk_id, transfer_reason = $3,
           transfer_requested_at = now(), transfer_accept_due_at = $4, version = version + 1, updated_at = now()
         WHERE id = $1 AND transfer_to_desk_id IS NULL AND status <> 'closed' RETURNING id`,
      [id, toDeskId, reason, acceptDueAt],
    );
    return rows.length > 0;
  }

  /** Moves the case to the desk it was offered to; false when the offer was already answered. */
  async accept(
    db: EntityManager,
    id: string,
    toDeskId: string,
    assigneeId: string | null,
  ): Promise<boolean> {
    const [rows] = await db.query<[unknown[], number]>(
      `UPDATE "case" SET desk_id = transfer_to_desk_id, assignee_id = $3,
           transfer_to_desk_id = NULL, transfer_from_desk_id = NULL, transfer_reason = NULL,
           transfer_requested_at = NULL, transfer_accept_due_at = NULL, version = version + 1, updated_at = now()
         WHERE id = $1 AND transfer_to_desk_id = $2 RETURNING id`,
      [id, toDeskId, assigneeId],
    );
    return rows.length > 0;
  }

  /** Ends the offer with the case where it was (bounced or withdrawn); false when answered. */
  async clear(db: EntityManager, id: string, toDeskId: string): Promise<boolean> {
    const [rows] = await db.query<[unknown[], number]>(
      `UPDATE "case" SET transfer_to_desk_id = NULL, transfer_from_desk_id = NULL, transfer_reason = NULL,
           transfer_requested_at = NULL, transfer_accept_due_at = NULL, version = version + 1, updated_at = now()
         WHERE id = $1 AND transfer_to_desk_id = $2 RETURNING id`,
      [id, toDeskId],
    );
    return rows.length > 0;
  }
}
