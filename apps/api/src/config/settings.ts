import { resolve } from 'node:path';
import type { Role } from '../common/auth/roles';
import type { AppEnv } from './app-env';

// Development and demo only: production refuses to start without APP_SECRET.
const DEVELOPMENT_SECRET = 'madoguchi-development-secret-not-for-production';

/** Injection token for {@link Settings}. */
export const SETTINGS = Symbol('SETTINGS');

/** Runtime settings derived from the validated env, once the database URL is known. */
export interface Settings {
  readonly env: AppEnv['NODE_ENV'];
  readonly production: boolean;
  readonly port: number;
  readonly host: string;
  readonly databaseUrl: string;
  /** True when the database is the embedded one started by this process. */
  readonly embeddedDatabase: boolean;
  readonly pool: {
    max: number;
    connectTimeoutMs: number;
    statementTimeoutMs: number;
    preparedStatements: boolean;
  };
  /** Demo data is loaded only here: the embedded default, or DEMO_DATA=true. */
  readonly demoData: boolean;
  readonly dataDir: string;
  readonly logLevel: AppEnv['LOG_LEVEL'];
  readonly logPretty: boolean;
  readonly bodyLimitBytes: number;
  readonly consoleDir: string | null;
  readonly trustProxy: boolean;
  readonly shutdownGraceMs: number;
  /** Prometheus' bearer token for /api/metrics; null: the endpoint does not exist. */
  readonly metricsToken: string | null;
  /** Long reads (exports, report downloads): their own bounded pool and concurrency limits. */
  /**
   * Where reports and exports read: the replica when configured and no more than maxLagSeconds
   * behind, else the primary.
   */
  readonly reports: { replicaUrl: string | null; primaryUrl: string; maxLagSeconds: number };
  readonly exports: {
    concurrency: number;
    perUser: number;
    shutdownGraceMs: number;
  };
  readonly appSecret: string;
  /** Rows per committed batch of a corporate-number registry import. */
  readonly registryImportBatchRows: number;
  readonly session: { idleMinutes: number; absoluteHours: number; secureCookie: boolean };
  readonly loginThrottle: {
    maxFailuresPerAccount: number;
    maxFailuresPerIp: number;
    windowMinutes: number;
    maxDelaySeconds: number;
  };
  readonly totpRequiredRoles: readonly Role[];
  readonly jobsEnabled: boolean;
  readonly mail: {
    smtpUrl: string | null;
    from: string;
    publicUrl: string;
    ingestMaxBytes: number;
    pollSeconds: number;
    pollLeaseSeconds: number;
    replyMaxAttempts: number;
  };
  /** Hours after a completed session before its survey is mailed. */
  readonly surveyDelayHours: number;
  readonly publicInquiry: {
    maxPerIp: number;
    maxGlobal: number;
    maxUnverified: number;
    windowMinutes: number;
    minFillSeconds: number;
    powCost: number;
    powMaxCounter: number;
  };
}

export function toSettings(
  env: AppEnv,
  database: { url: string; embedded: boolean },
  defaults: { consoleDir: string | null },
): Settings {
  return {
    env: env.NODE_ENV,
    production: env.NODE_ENV === 'production',
    port: env.PORT,
    host: env.HOST,
    databaseUrl: database.url,
    embeddedDatabase: database.embedded,
    pool: {
      max: env.DB_POOL_MAX,
      connectTimeoutMs: env.DB_CONNECT_TIMEOUT_MS,
      statementTimeoutMs: env.DB_STATEMENT_TIMEOUT_MS,
      preparedStatements: env.DB_PREPARED_STATEMENTS,
    },
    demoData: env.DEMO_DATA ?? database.embedded,
    dataDir: resolve(env.DATA_DIR),
    logLevel: env.LOG_LEVEL,
    logPretty: env.LOG_PRETTY,
    bodyLimitBytes: env.BODY_LIMIT_BYTES,
    consoleDir: env.CONSOLE_DIR ? resolve(env.CONSOLE_DIR) : defaults.consoleDir,
    trustProxy: env.TRUST_PROXY,
    shutdownGraceMs: env.SHUTDOWN_GRACE_MS,
    metricsToken: env.METRICS_TOKEN ?? null,
    reports: {
      replicaUrl: env.REPORTS_DATABASE_URL ?? null,
      primaryUrl: database.url,
      maxLagSeconds: env.REPORTS_MAX_LAG_SECONDS,
    },
    exports: {
      concurrency: env.EXPORT_CONCURRENCY,
      perUser: Math.min(env.EXPORT_PER_USER, env.EXPORT_CONCURRENCY),
      shutdownGraceMs: Math.min(env.EXPORT_SHUTDOWN_GRACE_MS, env.SHUTDOWN_GRACE_MS),
    },
    appSecret: env.APP_SECRET ?? DEVELOPMENT_SECRET,
    registryImportBatchRows: env.REGISTRY_IMPORT_BATCH_ROWS,
    session: {
      idleMinutes: env.SESSION_IDLE_MINUTES,
      absoluteHours: env.SESSION_ABSOLUTE_HOURS,
      secureCookie: env.NODE_ENV === 'production',
    },
    loginThrottle: {
      maxFailuresPerAccount: env.LOGIN_MAX_FAILURES_PER_ACCOUNT,
      maxFailuresPerIp: env.LOGIN_MAX_FAILURES_PER_IP,
      windowMinutes: env.LOGIN_THROTTLE_WINDOW_MINUTES,
      maxDelaySeconds: env.LOGIN_MAX_DELAY_SECONDS,
    },
    totpRequiredRoles: env.TOTP_REQUIRED_ROLES
      ? (env.TOTP_REQUIRED_ROLES.split(',') as Role[])
      : [],
    jobsEnabled: env.JOBS_ENABLED,
    mail: {
      smtpUrl: env.SMTP_URL ?? null,
      from: env.MAIL_FROM,
      publicUrl: env.PUBLIC_URL.replace(/\/$/, ''),
      ingestMaxBytes: env.MAIL_INGEST_MAX_BYTES,
      pollSeconds: env.MAIL_POLL_SECONDS,
      pollLeaseSeconds: env.MAIL_POLL_LEASE_SECONDS,
      replyMaxAttempts: env.MAIL_REPLY_MAX_ATTEMPTS,
    },
    surveyDelayHours: env.SURVEY_DELAY_HOURS,
    publicInquiry: {
      maxPerIp: env.PUBLIC_INQUIRY_MAX_PER_IP,
      maxGlobal: env.PUBLIC_INQUIRY_MAX_GLOBAL,
      maxUnverified: env.PUBLIC_INQUIRY_MAX_UNVERIFIED,
      windowMinutes: env.PUBLIC_INQUIRY_WINDOW_MINUTES,
      minFillSeconds: env.PUBLIC_INQUIRY_MIN_FILL_SECONDS,
      powCost: env.PUBLIC_INQUIRY_POW_COST,
      powMaxCounter: env.PUBLIC_INQUIRY_POW_MAX_COUNTER,
    },
  };
}
