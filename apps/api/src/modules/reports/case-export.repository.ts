import { Injectable } from '@nestjs/common';
import QueryStream from 'pg-query-stream';
import { ExportGate } from '../../database/export-gate';
import type { CaseFilter } from './case-filter';

/** A case as the raw export lists it, with its desk, organization, topics and sessions. */
export interface ExportRow {
  number: string;
  received_at: Date;
  status: string;
  channel: string;
  desk_name: string;
  organization_name: string;
  prefecture_code: string | null;
  industry_code: string | null;
  employees: number | null;
  sme: boolean | null;
  topics: string | null;
  subject: string;
  first_response_due_at: Date | null;
  first_responded_at: Date | null;
  sessions: number;
  outcome: string | null;
  outcome_confirmed_on: string | null;
  closed_at: Date | null;
}

/**
 * The export's rows as a server-side cursor, and `release`, which ends its transaction and
 * gives the connection back (destroys it when called with the error that broke the export off);
 * calls after the first do nothing.
 */
export interface ExportCursor {
  rows: QueryStream;
  release: (error?: Error) => void;
}

// A million rows take a few minutes; a stuck export is still cut off.
const EXPORT_TIMEOUT = '30min';

/** The case export's read: every matching case, through a cursor on the export pool. */
@Injectable()
export class CaseExportRepository {
  constructor(private readonly gate: ExportGate) {}

  /** `filter` must join the organization. `batchSize`: rows per round trip. */
  async cursor(filter: CaseFilter, batchSize: number): Promise<ExportCursor> {
    const sql = `
      SELECT c.number, c.received_at, c.status, c.channel, d.name_ja AS desk_name,
             o.name AS organization_name, o.prefecture_code, o.industry_code, o.employees, o.sme,
             (SELECT string_agg(t.topic_code, ' ' ORDER BY t.topic_code) FROM case_topic t
               WHERE t.case_id = c.id) AS topics,
             c.subject, c.first_response_due_at, c.first_responded_at,
             (SELECT count(*) FROM expert_session s
               WHERE s.case_id = c.id AND s.status <> 'cancelled')::int AS sessions,
             c.outcome, to_char(c.outcome_confirmed_on, 'YYYY-MM-DD') AS outcome_confirmed_on,
             c.closed_at
        FROM ${filter.from} JOIN desk d ON d.id = c.desk_id
       WHERE ${filter.where}
       ORDER BY c.received_at, c.id`;
    // The export pool, not the API's: a burst of exports cannot take staff's connections.
    const client = await this.gate.connect();
    // statement_timeout runs from the cursor's first fetch to its last, so the API's 15 s would
    // cut a million-row export off: this transaction alone gets a limit fit for an export.
    try {
      await client.query(
        `BEGIN READ ONLY; SET LOCAL statement_timeout = '${EXPORT_TIMEOUT}'; ` +
          `SET LOCAL idle_in_transaction_session_timeout = '${EXPORT_TIMEOUT}'`,
      );
    } catch (error) {
      client.release(error instanceof Error ? error : true);
      throw error;
    }
    const rows = client.query(new QueryStream(sql, filter.params, { batchSize }));
    let released = false;
    const release = (error?: Error): void => {
      if (released) {
        return;
      }
      released = true;
      if (error) {
        // A cursor cut off mid-way leaves the connection in an unknown state: drop it.
        client.release(error);
      } else {
        client.query('COMMIT').then(
          () => client.release(),
          (failure: Error) => client.release(failure),
        );
      }
    };
    return { rows, release };
  }
}
