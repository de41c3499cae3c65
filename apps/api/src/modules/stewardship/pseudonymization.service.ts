import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import { PSEUDONYMIZED_MARKER, type RetentionDataClass, retentionCutoff } from '@madoguchi/domain';
import type { ActorContext } from '../../common/auth/actor-context';
import { AuditService } from '../audit/audit.service';
import { type RunRow, StewardshipRepository } from './stewardship.repository';

/** Cases rewritten per transaction: short enough not to hold locks the desks would feel. */
const BATCH = 200;
/** Case ids a dry run lists for an admin to open and check. */
const SAMPLE = 20;

export type RunCounts = Record<string, number>;
export type Cutoffs = Record<RetentionDataClass, Date>;

export interface DryRunResult {
  asOf: Date;
  cutoffs: Cutoffs;
  counts: RunCounts;
  caseIdsSample: string[];
  run: RunRow;
}

function add(into: RunCounts, more: RunCounts): void {
  for (const [key, n] of Object.entries(more)) {
    into[key] = (into[key] ?? 0) + n;
  }
}

/**
 * Replaces the personal data that passed its retention term with a marker, and keeps every id,
 * date, code and count the reports read. Each run (dry or not) is recorded with its counts.
 */
@Injectable()
export class PseudonymizationService {
  private readonly logger = new Logger(PseudonymizationService.name);

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly repository: StewardshipRepository,
    private readonly audit: AuditService,
  ) {}

  async cutoffs(db: EntityManager, now: Date): Promise<Cutoffs> {
    const policies = await this.repository.policies(db);
    const years = new Map(policies.map((p) => [p.data_class, p.fiscal_years]));
    const cutoff = (c: RetentionDataClass): Date => retentionCutoff(years.get(c) ?? 5, now);
    return {
      contacts: cutoff('contacts'),
      case_text: cutoff('case_text'),
      raw_mail: cutoff('raw_mail'),
      audit_events: cutoff('audit_events'),
      sign_in_records: cutoff('sign_in_records'),
    };
  }

  /** What the next run would touch, without touching it; recorded as a dry run. */
  async dryRun(actor: ActorContext | null, now = new Date()): Promise<DryRunResult> {
    const db = this.dataSource.manager;
    const cutoffs = await this.cutoffs(db, now);
    const all = Number.MAX_SAFE_INTEGER;
    const cases = await this.repository.casesPastTerm(db, cutoffs.case_text, all);
    const mailCases = await this.repository.mailCasesPastTerm(db, cutoffs.raw_mail, all);
    const contacts = await this.repository.contactsPastTerm(db, cutoffs.contacts, all);
    const mail = await this.repository.countMail(db, mailCases);
    const counts: RunCounts = {
      cases: cases.length,
      contacts: contacts.length,
      mailMessages: mail.messages,
      mailAttachments: mail.attachments,
      auditAddresses: await this.repository.countAuditPastTerm(db, cutoffs.audit_events),
      signInRecords: await this.repository.countSignInsPastTerm(db, cutoffs.sign_in_records),
    };
    const sample = cases.slice(0, SAMPLE);
    const runId = await this.repository.startRun(db, {
      dryRun: true,
      trigger: actor ? 'admin' : 'schedule',
      asOf: now,
      userId: actor?.principal?.userId ?? null,
      reason: null,
    });
    await this.repository.finishRun(db, runId, counts, sample, null);
    const run = (await this.repository.run(db, runId))!;
    return { asOf: now, cutoffs, counts, caseIdsSample: sample, run };
  }

  /**
   * The nightly run: every class past its term, in batches of cases, each batch one transaction
   * (a crash leaves finished batches done and the rest for the next night).
   */
  async run(
    trigger: 'schedule' | 'admin',
    actor: ActorContext | null,
    now = new Date(),
  ): Promise<RunRow> {
    const runId = await this.repository.startRun(this.dataSource.manager, {
      dryRun: false,
      trigger,
      asOf: now,
      userId: actor?.principal?.userId ?? null,
      reason: null,
    });
    const counts: RunCounts = {};
    const sample: string[] = [];
    let error: string | null = null;
    try {
      const cutoffs = await this.cutoffs(this.dataSource.manager, now);
      for (;;) {
        const done = await this.dataSource.transaction(async (db) => {
          const ids = await this.repository.casesPastTerm(db, cutoffs.case_text, BATCH);
          if (ids.length > 0) {
            add(counts, await this.repository.scrubCaseText(db, ids, PSEUDONYMIZED_MARKER));
            sample.push(...ids.slice(0, SAMPLE - sample.length));
          }
          return ids.length < BATCH;
        });
        if (done) {
          break;
        }
      }
      for (;;) {
        const done = await this.dataSource.transaction(async (db) => {
          const ids = await this.repository.mailCasesPastTerm(db, cutoffs.raw_mail, BATCH);
          if (ids.length > 0) {
            add(counts, await this.repository.scrubMail(db, ids, PSEUDONYMIZED_MARKER));
          }
          return ids.length < BATCH;
        });
        if (done) {
          break;
        }
      }
      for (;;) {
        const done = await this.dataSource.transaction(async (db) => {
          const ids = await this.repository.contactsPastTerm(db, cutoffs.contacts, BATCH);
          if (ids.length > 0) {
            add(counts, await this.repository.scrubContacts(db, ids, PSEUDONYMIZED_MARKER));
          }
          return ids.length < BATCH;
        });
        if (done) {
          break;
        }
      }
      await this.dataSource.transaction(async (db) => {
        const about = await this.repository.pseudonymizedEntityIds(db, cutoffs.audit_events);
        add(
          counts,
          await this.repository.scrubAudit(db, about, cutoffs.audit_events, PSEUDONYMIZED_MARKER),
        );
        add(counts, await this.repository.purgeSignIns(db, cutoffs.sign_in_records));
      });
    } catch (e) {
      error = e instanceof Error ? e.message : String(e);
      this.logger.error(`pseudonymization run ${runId} failed: ${error}`);
    }
    await this.repository.finishRun(this.dataSource.manager, runId, counts, sample, error);
    await this.audit.record(
      actor ?? {
        principal: null,
        ip: null,
        requestId: `pseudonymization-${runId}`,
        userAgent: null,
      },
      {
        action: 'retention.pseudonymized',
        entityType: 'pseudonymization_run',
        entityId: runId,
        meta: { trigger, counts, error },
        actorEmail: actor ? undefined : 'system',
      },
    );
    if (error) {
      throw new Error(`pseudonymization run ${runId} failed: ${error}`);
    }
    return (await this.repository.run(this.dataSource.manager, runId))!;
  }

  /**
   * Erasure (or stop of use) asked by the person: their contacts, the text and mail of the
   * cases they are the contact of, and the audit entries about them, now and whatever the
   * term. Held cases are left as they are (the counts say so). Reports keep every count.
   */
  async erase(
    db: EntityManager,
    contactIds: string[],
    caseIds: string[],
    reason: string,
    actor: ActorContext,
  ): Promise<RunCounts> {
    const runId = await this.repository.startRun(db, {
      dryRun: false,
      trigger: 'erasure',
      asOf: new Date(),
      userId: actor.principal?.userId ?? null,
      reason,
    });
    const counts: RunCounts = {};
    add(counts, await this.repository.scrubCaseText(db, caseIds, PSEUDONYMIZED_MARKER));
    add(counts, await this.repository.scrubMail(db, caseIds, PSEUDONYMIZED_MARKER));
    add(counts, await this.repository.scrubContacts(db, contactIds, PSEUDONYMIZED_MARKER));
    add(
      counts,
      await this.repository.scrubAudit(db, [...contactIds, ...caseIds], null, PSEUDONYMIZED_MARKER),
    );
    await this.repository.finishRun(db, runId, counts, caseIds.slice(0, SAMPLE), null);
    return counts;
  }
}
