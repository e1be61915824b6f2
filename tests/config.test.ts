import { describe, expect, it } from 'vitest';
import { ConfigError, configVariables, loadConfig } from '../src/config';

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

  it.each([
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
  ])('refuses %j in one line naming the variable', (env, message) => {
    expect(() => loadConfig(env)).toThrow(new ConfigError(message));
  });
});
