import { describe, expect, it } from 'vitest';
import { ConfigError, configVariables, loadConfig } from '../src/config';
import { spawnApi } from './support/spawn-api';

describe('configuration', () => {
  it('reads each variable once, and each says what it means', () => {
    const variables = configVariables();
    const names = variables.map((variable) => variable.name);
    expect(new Set(names).size).toBe(names.length);
    expect(variables.filter((variable) => variable.says.length < 20)).toEqual([]);
    expect(names).toEqual(
      expect.arrayContaining(['SHUTDOWN_GRACE_SECONDS', 'REQUEST_TIMEOUT_MS', 'STATEMENT_TIMEOUT_MS', 'LOCK_TIMEOUT_MS', 'METRICS_TOKEN', 'MAX_AMOUNT']),
    );
  });

  it('turns the defaults the table shows into the configuration of an empty environment', () => {
    const config = loadConfig({});
    expect(config).toMatchObject({
      port: 4000,
      shutdownGraceMs: 10_000,
      requestTimeoutMs: 30_000,
      maxAmount: 1_000_000,
      metricsPort: undefined,
      currency: 'EUR',
    });
    const shown = Object.fromEntries(configVariables().map((variable) => [variable.name, variable.default]));
    expect(shown).toMatchObject({ PORT: '4000', SHUTDOWN_GRACE_SECONDS: '10', REQUEST_TIMEOUT_MS: '30000', MAX_AMOUNT: '1000000', METRICS_PORT: 'unset' });
  });

  it('reads the hotel’s zone, night audit time and early departure policy', () => {
    expect(loadConfig({ HOTEL_TIMEZONE: 'Europe/Rome', NIGHT_AUDIT_AT: '03:30', EARLY_DEPARTURE_POLICY: 'charge_remaining' })).toMatchObject({
      hotelTimeZone: 'Europe/Rome',
      nightAuditAt: '03:30',
      earlyDeparturePolicy: 'charge_remaining',
    });
    expect(loadConfig({})).toMatchObject({ hotelTimeZone: 'UTC', nightAuditAt: undefined, earlyDeparturePolicy: 'release' });
  });

  it('converts units where the variable says them', () => {
    expect(loadConfig({ SHUTDOWN_GRACE_SECONDS: '3', SESSION_TTL_MINUTES: '2', LOGIN_FAILURE_WINDOW_SECONDS: '5' })).toMatchObject({
      shutdownGraceMs: 3000,
      sessionTtlMs: 120_000,
      loginFailureWindowMs: 5000,
    });
  });

  it.each<[Record<string, string>, string]>([
    [{ PORT: '70000' }, 'PORT must be an integer between 0 and 65535, got "70000"'],
    [{ LOCK_TIMEOUT_MS: '1.5' }, 'LOCK_TIMEOUT_MS must be an integer between 10 and 3600000, got "1.5"'],
    [{ MAX_AMOUNT: '100000000' }, 'MAX_AMOUNT must be an integer between 1 and 99999999, got "100000000"'],
    [{ METRICS_TOKEN: 'short' }, 'METRICS_TOKEN must be at least 24 characters long'],
    [{ HOTEL_BOOTSTRAP_ADMIN_TOKEN: 'short' }, 'HOTEL_BOOTSTRAP_ADMIN_TOKEN must be at least 24 characters long'],
    [{ HOTEL_CURRENCY: 'euro' }, 'HOTEL_CURRENCY must be an ISO 4217 code such as EUR, got "euro"'],
    [{ METRICS_PORT: '-1' }, 'METRICS_PORT must be an integer between 0 and 65535, got "-1"'],
    [{ HOTEL_TIMEZONE: 'Mars/Olympus_Mons' }, 'HOTEL_TIMEZONE must be an IANA time zone such as Europe/Rome, got "Mars/Olympus_Mons"'],
    [{ NIGHT_AUDIT_AT: '3:00' }, 'NIGHT_AUDIT_AT must be a local time such as 03:00, got "3:00"'],
    [{ NIGHT_AUDIT_AT: '24:00' }, 'NIGHT_AUDIT_AT must be a local time such as 03:00, got "24:00"'],
    [{ EARLY_DEPARTURE_POLICY: 'keep' }, 'EARLY_DEPARTURE_POLICY must be one of charge_remaining, release, got "keep"'],
    [{ LOG_LEVEL: 'verbose' }, 'LOG_LEVEL must be one of fatal, error, warn, info, debug, trace, silent, got "verbose"'],
    [{ NODE_ENV: 'prod' }, 'NODE_ENV must be one of development, production, test, got "prod"'],
    [
      { DATABASE_URL: 'mysql://hotel:secret@db/hotel' },
      'DATABASE_URL must be a postgres:// or postgresql:// URL such as postgres://hotel:password@db:5432/hotel, got a mysql:// URL',
    ],
    [
      { DATABASE_URL: 'hotel:secret@db/hotel' },
      'DATABASE_URL must be a postgres:// or postgresql:// URL such as postgres://hotel:password@db:5432/hotel, got something that is not a URL',
    ],
    [
      { DATABASE_URL: 'db:5432 secret' },
      'DATABASE_URL must be a postgres:// or postgresql:// URL such as postgres://hotel:password@db:5432/hotel, got something that is not a URL',
    ],
    ...['https://staff.hotel.example/app', 'staff.hotel.example', 'ftp://staff.hotel.example', 'https://*.hotel.example', 'https://a.example?x', 'null'].map(
      (value): [Record<string, string>, string] => [
        { CORS_ORIGINS: `http://localhost:5173,${value}` },
        `CORS_ORIGINS must be comma-separated origins (http or https, host, optional port, no path) such as https://staff.hotel.example,http://localhost:5173, got "http://localhost:5173,${value}"`,
      ],
    ),
    ...['0', '101', '10.0.0.0/33', '10.0.0', 'loopback,proxy.internal', 'fd00::/129', 'true'].map((value): [Record<string, string>, string] => [
      { TRUST_PROXY: value },
      `TRUST_PROXY must be a hop count from 1 to 100, or comma-separated addresses, CIDR ranges, loopback, linklocal or uniquelocal, such as loopback,10.0.0.0/8, got "${value}"`,
    ]),
    ...['0s', '999ms', '8d', '15', 'every 15m', '24:00', '3:00', '1.5h', '605000000s'].map((value): [Record<string, string>, string] => [
      { DATABASE_INTEGRITY_CHECKS: value },
      `DATABASE_INTEGRITY_CHECKS must be off, an interval of 1 s to a week such as 15m (s, m or h), or a daily local time such as 03:00, got "${value}"`,
    ]),
    [{ ALERT_WEBHOOK_URL: 'https://alerts.hotel.test/hook' }, 'ALERT_WEBHOOK_URL needs ALERT_WEBHOOK_SECRET, the key alerts are signed with'],
    [
      { ALERT_WEBHOOK_URL: 'ftp://alerts.hotel.test' },
      'ALERT_WEBHOOK_URL must be a https:// or http:// URL such as https://alerts.hotel.example/hooks/hotel-api, got a ftp:// URL',
    ],
    [{ ALERT_WEBHOOK_SECRET: 'short' }, 'ALERT_WEBHOOK_SECRET must be at least 24 characters long'],
  ])('refuses %j in one line naming the variable', (env, message) => {
    expect(() => loadConfig(env)).toThrow(new ConfigError(message));
  });

  it('never repeats a bad DATABASE_URL, which would print its password', () => {
    expect(() => loadConfig({ DATABASE_URL: 'postgres://hotel:s3cret@db:99999/hotel' })).toThrow(/not a URL$/);
    expect(() => loadConfig({ DATABASE_URL: 'postgres://hotel:s3cret@db:99999/hotel' })).not.toThrow(/s3cret/);
    expect(loadConfig({ DATABASE_URL: 'postgresql://hotel:s3cret@db:5432/hotel' }).databaseUrl).toBe('postgresql://hotel:s3cret@db:5432/hotel');
  });

  it('names every bad value at once, one line each, in the order the table lists them', () => {
    expect(() => loadConfig({ NODE_ENV: 'prod', PORT: 'x', LOG_LEVEL: 'verbose', MAX_AMOUNT: '0', TRUST_PROXY: 'everyone' })).toThrow(
      new ConfigError(
        [
          'PORT must be an integer between 0 and 65535, got "x"',
          'TRUST_PROXY must be a hop count from 1 to 100, or comma-separated addresses, CIDR ranges, loopback, linklocal or uniquelocal, such as loopback,10.0.0.0/8, got "everyone"',
          'LOG_LEVEL must be one of fatal, error, warn, info, debug, trace, silent, got "verbose"',
          'NODE_ENV must be one of development, production, test, got "prod"',
          'MAX_AMOUNT must be an integer between 1 and 99999999, got "0"',
        ].join('\n'),
      ),
    );
  });

  it('reads CORS origins as browsers send them', () => {
    expect(loadConfig({}).corsOrigins).toEqual([]);
    expect(loadConfig({ CORS_ORIGINS: ' https://Staff.Hotel.example/ , http://localhost:5173,https://staff.hotel.example:443' }).corsOrigins).toEqual([
      'https://staff.hotel.example',
      'http://localhost:5173',
    ]);
  });

  it('reads TRUST_PROXY as express takes it, and believes no proxy when it is unset', () => {
    expect(loadConfig({}).trustProxy).toBe(false);
    expect(loadConfig({ TRUST_PROXY: '2' }).trustProxy).toBe(2);
    expect(loadConfig({ TRUST_PROXY: 'Loopback, 10.0.0.0/8,192.0.2.7, fd00::/8,::1' }).trustProxy).toEqual([
      'loopback',
      '10.0.0.0/8',
      '192.0.2.7',
      'fd00::/8',
      '::1',
    ]);
  });

  it('reads the integrity schedule: off, an interval, or a daily local time', () => {
    expect(loadConfig({}).integritySchedule).toEqual({ kind: 'off' });
    expect(loadConfig({ DATABASE_INTEGRITY_CHECKS: 'off' }).integritySchedule).toEqual({ kind: 'off' });
    expect(loadConfig({ DATABASE_INTEGRITY_CHECKS: '2s' }).integritySchedule).toEqual({ kind: 'every', intervalMs: 2_000 });
    expect(loadConfig({ DATABASE_INTEGRITY_CHECKS: '15m' }).integritySchedule).toEqual({ kind: 'every', intervalMs: 900_000 });
    expect(loadConfig({ DATABASE_INTEGRITY_CHECKS: '168h' }).integritySchedule).toEqual({ kind: 'every', intervalMs: 604_800_000 });
    expect(loadConfig({ DATABASE_INTEGRITY_CHECKS: '03:00' }).integritySchedule).toEqual({ kind: 'daily', at: '03:00' });
    expect(loadConfig({ INTEGRITY_RUN_RETENTION_DAYS: '7' }).integrityRunRetentionMs).toBe(7 * 86_400_000);
    expect(loadConfig({})).toMatchObject({ criticalErrorAlerts: false, alertWebhookUrl: undefined, alertDedupWindowMs: 3_600_000 });
  });

  it('reads the log level and NODE_ENV from their lists', () => {
    expect(loadConfig({ LOG_LEVEL: 'debug', NODE_ENV: 'production' })).toMatchObject({ logLevel: 'debug', nodeEnv: 'production' });
    expect(loadConfig({})).toMatchObject({ logLevel: 'info', nodeEnv: 'development' });
  });
});

describe('npm start with a bad environment', () => {
  it('exits non-zero printing one line per bad value and no stack', async () => {
    const api = spawnApi({ LOG_LEVEL: 'verbose', NODE_ENV: 'prod', PORT: 'x' });
    expect(await api.exited).toBe(1);
    expect(api.stderr()).toBe(
      [
        'hotel-api: PORT must be an integer between 0 and 65535, got "x"',
        'hotel-api: LOG_LEVEL must be one of fatal, error, warn, info, debug, trace, silent, got "verbose"',
        'hotel-api: NODE_ENV must be one of development, production, test, got "prod"',
        '',
      ].join('\n'),
    );
    expect(api.stdout()).toBe('');
  });
});
