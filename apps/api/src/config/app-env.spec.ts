import { availableParallelism } from 'node:os';
import { ConfigError, parseEnv } from './app-env';

describe(parseEnv.name, () => {
  it('applies defaults to an empty environment', () => {
    const env = parseEnv({});
    expect(env.PORT).toBe(3000);
    expect(env.DATABASE_URL).toBeUndefined();
    expect(env.DEMO_DATA).toBeUndefined();
    expect(env.DB_POOL_MAX).toBe(10);
  });

  it('lets half the cores stream exports by default, and at least one', () => {
    const cores = availableParallelism();
    expect(parseEnv({}).EXPORT_CONCURRENCY).toBe(Math.min(50, Math.max(1, Math.floor(cores / 2))));
    expect(parseEnv({}).EXPORT_CONCURRENCY).toBeGreaterThanOrEqual(1);
    expect(parseEnv({ EXPORT_CONCURRENCY: '4' }).EXPORT_CONCURRENCY).toBe(4);
  });

  it('converts numbers and booleans from strings', () => {
    const env = parseEnv({ PORT: '8080', DEMO_DATA: 'false', TRUST_PROXY: '1' });
    expect(env.PORT).toBe(8080);
    expect(env.DEMO_DATA).toBe(false);
    expect(env.TRUST_PROXY).toBe(true);
  });

  it('treats empty strings as unset', () => {
    expect(parseEnv({ DATABASE_URL: '' }).DATABASE_URL).toBeUndefined();
  });

  it('names every bad variable in one error', () => {
    let error: unknown;
    try {
      parseEnv({ PORT: 'eighty', DATABASE_URL: 'mysql://x', LOG_LEVEL: 'loud' });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConfigError);
    const { problems, message } = error as ConfigError;
    expect(problems).toHaveLength(3);
    expect(message).toMatch(/PORT="eighty"/);
    expect(message).toMatch(/DATABASE_URL="mysql:\/\/x": must be a postgres:\/\/ connection URL/);
    expect(message).toMatch(/LOG_LEVEL="loud"/);
  });

  it('rejects a boolean it cannot read rather than guessing', () => {
    expect(() => parseEnv({ DEMO_DATA: 'maybe' })).toThrow(/DEMO_DATA/);
  });

  it('reads every optional variable (those without a default are listed by name)', () => {
    const env = parseEnv({
      REPORTS_DATABASE_URL: 'postgres://reader@replica:5432/madoguchi',
      METRICS_TOKEN: 'a-metrics-token-of-enough-length',
      SMTP_URL: 'smtp://mail:25',
    });
    expect(env.REPORTS_DATABASE_URL).toBe('postgres://reader@replica:5432/madoguchi');
    expect(env.METRICS_TOKEN).toBe('a-metrics-token-of-enough-length');
    expect(env.SMTP_URL).toBe('smtp://mail:25');
  });

  it('takes an owner URL for migrations only beside the runtime one', () => {
    const env = parseEnv({
      DATABASE_URL: 'postgres://madoguchi_app:x@db/madoguchi',
      MIGRATION_DATABASE_URL: 'postgres://madoguchi:y@db/madoguchi',
      DATABASE_RUNTIME_ROLE: 'madoguchi_app',
    });
    expect(env.MIGRATION_DATABASE_URL).toBe('postgres://madoguchi:y@db/madoguchi');
    expect(env.DATABASE_RUNTIME_ROLE).toBe('madoguchi_app');
    expect(() => parseEnv({ MIGRATION_DATABASE_URL: 'postgres://madoguchi@db/m' })).toThrow(
      /MIGRATION_DATABASE_URL: needs DATABASE_URL/,
    );
    expect(() => parseEnv({ DATABASE_RUNTIME_ROLE: 'app; DROP TABLE x' })).toThrow(
      /DATABASE_RUNTIME_ROLE=.*role name/,
    );
  });
});
