import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Pool } from 'pg';
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import type { DataSource } from 'typeorm';
import { SlaBreachScanService } from '../cases/sla-breach-scan.service';
import { JobsService } from '../jobs/jobs.service';
import { MailOutboxService } from '../notifications/mail-outbox.service';
import { RollupMaintenanceService } from '../reports/rollup-maintenance.service';

/**
 * Prometheus metrics of this instance: request latency per route, the database pool, the job
 * queues, the mail outbox, open SLA breaches and the report roll-ups' queue. Its own registry (not prom-client's global), so
 * several apps in one process — the e2e tests — never share or double-register series.
 */
@Injectable()
export class MetricsService {
  readonly registry = new Registry();
  private readonly requests: Histogram<'method' | 'route' | 'status'>;
  private readonly failures: Counter<'route'>;

  constructor(
    @InjectDataSource() dataSource: DataSource,
    jobs: JobsService,
    outbox: MailOutboxService,
    sla: SlaBreachScanService,
    rollups: RollupMaintenanceService,
  ) {
    const registers = [this.registry];
    collectDefaultMetrics({ register: this.registry, prefix: 'madoguchi_' });
    this.requests = new Histogram({
      name: 'madoguchi_http_request_duration_seconds',
      help: 'Time to answer an API request, by route pattern (never the raw URL) and status class',
      labelNames: ['method', 'route', 'status'],
      // Staff reads are a few ms; exports and reports take seconds.
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30],
      registers,
    });
    this.failures = new Counter({
      name: 'madoguchi_http_server_errors_total',
      help: 'Requests answered with a 5xx, by route pattern',
      labelNames: ['route'],
      registers,
    });
    const pool = (dataSource.driver as unknown as { master: Pool }).master;
    new Gauge({
      name: 'madoguchi_db_pool_connections',
      help: 'The API pool: connections open, idle, and requests waiting for one',
      labelNames: ['state'],
      registers,
      collect() {
        this.set({ state: 'total' }, pool.totalCount);
        this.set({ state: 'idle' }, pool.idleCount);
        this.set({ state: 'in_use' }, pool.totalCount - pool.idleCount);
        this.set({ state: 'waiting' }, pool.waitingCount);
      },
    });
    new Gauge({
      name: 'madoguchi_job_queue_jobs',
      help: 'Background jobs per queue and state (created, retry, active, completed, failed…)',
      labelNames: ['queue', 'state'],
      registers,
      async collect() {
        this.reset();
        for (const row of await jobs.queueStates()) {
          this.set({ queue: row.queue, state: row.state }, row.jobs);
        }
      },
    });
    new Gauge({
      name: 'madoguchi_mail_outbox_backlog',
      help: 'Notifications waiting to be mailed',
      registers,
      async collect() {
        this.set(await outbox.backlog());
      },
    });
    new Gauge({
      name: 'madoguchi_sla_breached_open_cases',
      help: 'Open cases past their first-response or resolution deadline',
      labelNames: ['clock'],
      registers,
      async collect() {
        for (const row of await sla.openBreaches()) {
          this.set({ clock: row.clock }, row.cases);
        }
      },
    });
    // Reports count the queue before they read, so a long one shows as slow reports, not wrong
    // ones; it grows when no instance runs jobs (JOBS_ENABLED) or the database falls behind.
    new Gauge({
      name: 'madoguchi_report_queue',
      help: "Cases whose report roll-up counts are due: how many, and the oldest one's wait in seconds",
      labelNames: ['measure'],
      registers,
      async collect() {
        const queue = await rollups.queue();
        this.set({ measure: 'cases' }, queue.cases);
        this.set({ measure: 'oldest_seconds' }, queue.oldestSeconds);
      },
    });
  }

  /** Called for every response (a Fastify onResponse hook). */
  observe(request: FastifyRequest, reply: FastifyReply): void {
    // The route pattern (/api/cases/:id), so ids never become label values; unmatched → "other".
    const route = request.routeOptions.url ?? 'other';
    const status = `${Math.floor(reply.statusCode / 100)}xx`;
    this.requests.observe({ method: request.method, route, status }, reply.elapsedTime / 1000);
    if (reply.statusCode >= 500) {
      this.failures.inc({ route });
    }
  }
}
