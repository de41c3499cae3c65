import { plainToInstance, Transform } from 'class-transformer';
import { availableParallelism } from 'node:os';
import {
  IsBoolean,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  Length,
  Matches,
  Max,
  Min,
  validateSync,
} from 'class-validator';

const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
const NODE_ENVS = ['development', 'production', 'test'] as const;

// Env strings such as "false" must not become `true` through implicit conversion.
const toBoolean = ({ value }: { value: unknown }): unknown => {
  if (typeof value !== 'string') {
    return value;
  }
  const v = value.trim().toLowerCase();
  if (['true', '1', 'yes', 'on'].includes(v)) {
    return true;
  }
  if (['false', '0', 'no', 'off', ''].includes(v)) {
    return false;
  }
  return value;
};

const toInt = ({ value }: { value: unknown }): unknown =>
  typeof value === 'string' && /^-?\d+$/.test(value.trim()) ? Number(value) : value;

/**
 * The process environment the API accepts, validated once at boot.
 * Nothing else in the API reads `process.env`.
 */
export class AppEnv {
  @IsIn(NODE_ENVS)
  NODE_ENV: (typeof NODE_ENVS)[number] = 'development';

  @Transform(toInt)
  @IsInt()
  @Min(0)
  @Max(65535)
  PORT = 3000;

  @IsString()
  HOST = '0.0.0.0';

  @IsOptional()
  @Matches(/^postgres(ql)?:\/\/\S+$/, { message: 'must be a postgres:// connection URL' })
  DATABASE_URL?: string;

  /**
   * The owner role's connection, for migrations only. Unset: DATABASE_URL migrates too (one role,
   * as before). Set: the API serves with DATABASE_URL's role, which owns nothing.
   */
  @IsOptional()
  @Matches(/^postgres(ql)?:\/\/\S+$/, { message: 'must be a postgres:// connection URL' })
  MIGRATION_DATABASE_URL?: string;

  /**
   * The role the API serves with, granted its privileges by the migrator after each migration.
   * Unset: DATABASE_URL's user when it differs from MIGRATION_DATABASE_URL's.
   */
  @IsOptional()
  @Matches(/^[a-z_][a-z0-9_]{0,62}$/, { message: 'must be a lower-case PostgreSQL role name' })
  DATABASE_RUNTIME_ROLE?: string;

  @Transform(toInt)
  @IsInt()
  @Min(2)
  @Max(200)
  DB_POOL_MAX = 10;

  @Transform(toInt)
  @IsInt()
  @Min(100)
  DB_CONNECT_TIMEOUT_MS = 5000;

  @Transform(toInt)
  @IsInt()
  @Min(100)
  DB_STATEMENT_TIMEOUT_MS = 15000;

  // Off behind a pooler that cannot keep a session's prepared statements (PgBouncer's
  // transaction mode before 1.21).
  @Transform(toBoolean)
  @IsBoolean()
  DB_PREPARED_STATEMENTS = true;

  @IsOptional()
  @Transform(toBoolean)
  @IsBoolean()
  DEMO_DATA?: boolean;

  @IsString()
  DATA_DIR = '.data';

  @IsIn(LOG_LEVELS)
  LOG_LEVEL: (typeof LOG_LEVELS)[number] = 'info';

  @Transform(toBoolean)
  @IsBoolean()
  LOG_PRETTY = false;

  @Transform(toInt)
  @IsInt()
  @Min(1024)
  BODY_LIMIT_BYTES = 1_048_576;

  @IsOptional()
  @IsString()
  CONSOLE_DIR?: string;

  @Transform(toBoolean)
  @IsBoolean()
  TRUST_PROXY = false;

  @Transform(toInt)
  @IsInt()
  @Min(0)
  SHUTDOWN_GRACE_MS = 10000;

  /**
   * How long a running export may still stream after SIGTERM before it is cut off (the client
   * then sees a failed download). Shorter than SHUTDOWN_GRACE_MS, so the rest still closes cleanly.
   */
  @Transform(toInt)
  @IsInt()
  @Min(0)
  EXPORT_SHUTDOWN_GRACE_MS = 5000;

  /** Bearer token Prometheus scrapes /api/metrics with; unset: no metrics endpoint. */
  @IsOptional()
  @IsString()
  @Length(24, 512, { message: 'must be at least 24 characters (e.g. openssl rand -base64 32)' })
  METRICS_TOKEN?: string;

  /**
   * Exports and report downloads streaming at once on this instance (their own pool). Default:
   * half the cores, at least one. A streaming export keeps about a core busy between its
   * PostgreSQL backend and the rows it formats; more at once than half the cores took the CPU
   * staff requests need (docs/benchmarks.md, "Exports beside staff work").
   */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(50)
  // Within @Max too: a host of more than 100 cores must not fail to start on a default.
  EXPORT_CONCURRENCY = Math.min(50, Math.max(1, Math.floor(availableParallelism() / 2)));

  /** Exports one user may have streaming at once. */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(50)
  EXPORT_PER_USER = 2;

  /** A read replica for reports and exports; without it they read the primary. */
  @IsOptional()
  @Matches(/^postgres(ql)?:\/\/\S+$/, { message: 'must be a postgres:// connection URL' })
  REPORTS_DATABASE_URL?: string;

  /** A replica further behind than this is not read: reports and exports go to the primary. */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(86400)
  REPORTS_MAX_LAG_SECONDS = 300;

  /** Encrypts stored two-factor secrets. Required in production. */
  @IsOptional()
  @IsString()
  @Length(32, 512, { message: 'must be at least 32 characters (e.g. openssl rand -base64 48)' })
  APP_SECRET?: string;

  @Transform(toInt)
  @IsInt()
  @Min(1)
  SESSION_IDLE_MINUTES = 60;

  @Transform(toInt)
  @IsInt()
  @Min(1)
  SESSION_ABSOLUTE_HOURS = 12;

  @Transform(toInt)
  @IsInt()
  @Min(1)
  LOGIN_MAX_FAILURES_PER_ACCOUNT = 5;

  @Transform(toInt)
  @IsInt()
  @Min(1)
  LOGIN_MAX_FAILURES_PER_IP = 30;

  @Transform(toInt)
  @IsInt()
  @Min(1)
  LOGIN_THROTTLE_WINDOW_MINUTES = 15;

  /** The longest wait between sign-in attempts to an account that keeps failing. */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  LOGIN_MAX_DELAY_SECONDS = 60;

  /** Roles that must use two-factor sign-in, comma-separated (e.g. "admin,manager"). */
  @Matches(
    /^((operator|desk_staff|expert|manager|admin)(,(operator|desk_staff|expert|manager|admin))*)?$/,
    {
      message: 'must be a comma-separated list of roles',
    },
  )
  TOTP_REQUIRED_ROLES = '';

  /** Run the background job workers (SLA breaches, reminders) in this process. */
  @Transform(toBoolean)
  @IsBoolean()
  JOBS_ENABLED = true;

  /** Outgoing mail, e.g. smtp://user:pass@mail.example.jp:587. Unset: in-app notifications only. */
  @IsOptional()
  @Matches(/^smtps?:\/\/\S+$/, { message: 'must be an smtp:// or smtps:// URL' })
  SMTP_URL?: string;

  @IsString()
  @Matches(/^\S+@\S+$/, { message: 'must be an email address' })
  MAIL_FROM = 'madoguchi@localhost';

  /** The console's address, for links in emails. */
  @IsString()
  @Matches(/^https?:\/\/\S+$/, { message: 'must be an http(s) URL' })
  PUBLIC_URL = 'http://localhost:3000';

  /** Public inquiry form: submissions one address may make per window. */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  PUBLIC_INQUIRY_MAX_PER_IP = 5;

  /** Public inquiry form: submissions from everyone together per window. */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  PUBLIC_INQUIRY_MAX_GLOBAL = 300;

  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(1440)
  PUBLIC_INQUIRY_WINDOW_MINUTES = 10;

  /**
   * Public inquiry form: submissions accepted without proof of work (JavaScript off) from
   * everyone per window. The one door a bot skipping the challenge can use stays narrow.
   */
  @Transform(toInt)
  @IsInt()
  @Min(0)
  PUBLIC_INQUIRY_MAX_UNVERIFIED = 20;

  /** Hours after an expert session is completed before its satisfaction survey is mailed. */
  @Transform(toInt)
  @IsInt()
  @Min(0)
  @Max(24 * 30)
  SURVEY_DELAY_HOURS = 24;

  /** A person needs at least this long to fill the form in; a bot posts at once. */
  @Transform(toInt)
  @IsInt()
  @Min(0)
  @Max(600)
  PUBLIC_INQUIRY_MIN_FILL_SECONDS = 3;

  /** Proof of work: PBKDF2 iterations per try, and the highest counter the browser may need. */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(1_000_000)
  PUBLIC_INQUIRY_POW_COST = 1000;

  @Transform(toInt)
  @IsInt()
  @Min(2)
  @Max(10_000_000)
  PUBLIC_INQUIRY_POW_MAX_COUNTER = 5000;
  /** The largest raw message `POST /api/mailboxes/:id/messages` accepts (413 above). */
  @Transform(toInt)
  @IsInt()
  @Min(1024)
  MAIL_INGEST_MAX_BYTES = 26_214_400;
  /** Rows per transaction when importing the corporate-number registry (one resume point each). */
  @Transform(toInt)
  @IsInt()
  @Min(100)
  @Max(50_000)
  REGISTRY_IMPORT_BATCH_ROWS = 5000;

  /** How often a mailbox is polled when its IMAP server offers no IDLE (and the longest IDLE). */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(3600)
  MAIL_POLL_SECONDS = 60;

  /** How long an instance holds a mailbox's polling lease without renewing it. */
  @Transform(toInt)
  @IsInt()
  @Min(2)
  @Max(3600)
  MAIL_POLL_LEASE_SECONDS = 180;

  /** A reply the SMTP server refused is tried again this many times (with backoff), then failed. */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(100)
  MAIL_REPLY_MAX_ATTEMPTS = 8;
}

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

/** Validates the environment; throws a ConfigError naming every bad variable. */
export function parseEnv(env: Record<string, string | undefined>): AppEnv {
  const known = Object.keys(new AppEnv()).concat([
    'DATABASE_URL',
    'MIGRATION_DATABASE_URL',
    'DATABASE_RUNTIME_ROLE',
    'DEMO_DATA',
    'CONSOLE_DIR',
    'APP_SECRET',
    'SMTP_URL',
    'REPORTS_DATABASE_URL',
    'METRICS_TOKEN',
  ]);
  // Empty strings mean "unset", as in most .env tooling.
  const picked = Object.fromEntries(
    known.filter((k) => env[k] !== undefined && env[k] !== '').map((k) => [k, env[k]]),
  );
  const parsed = plainToInstance(AppEnv, picked);
  const errors = validateSync(parsed, { whitelist: true, forbidUnknownValues: true });
  if (parsed.NODE_ENV === 'production' && !parsed.APP_SECRET) {
    throw new ConfigError(['APP_SECRET: is required when NODE_ENV=production']);
  }
  if (parsed.MIGRATION_DATABASE_URL && !parsed.DATABASE_URL) {
    // The embedded database makes both roles itself; an owner without a runtime is a mistake.
    throw new ConfigError([
      'MIGRATION_DATABASE_URL: needs DATABASE_URL (the runtime role) as well',
    ]);
  }
  if (errors.length > 0) {
    throw new ConfigError(
      errors.map((e) => {
        const constraints = Object.values(e.constraints ?? {}).join('; ');
        return `${e.property}=${JSON.stringify(picked[e.property])}: ${constraints}`;
      }),
    );
  }
  return parsed;
}
