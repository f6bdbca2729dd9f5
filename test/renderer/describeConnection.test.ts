import { describe, expect, it } from 'vitest';
import {
  formatLatency,
  passwordSourceLabel,
  shortServerVersion,
  targetSummary,
} from '../../renderer/src/features/connections/describeConnection.ts';

describe('shortServerVersion', () => {
  it('keeps the Redshift release up front (REFERENCE 1.1, "Server identity")', () => {
    expect(
      shortServerVersion(
        'PostgreSQL 8.0.2 on i686-pc-linux-gnu, compiled by GCC gcc (GCC) 3.4.2 20041017 (Red Hat 3.4.2-6.fc3), Redshift 1.0.77467',
      ),
    ).toBe('Redshift 1.0.77467 (PostgreSQL 8.0.2)');
  });

  it('keeps product and release of a PostgreSQL server', () => {
    expect(
      shortServerVersion(
        'PostgreSQL 15.18 (Debian 15.18-0+deb12u1) on x86_64-pc-linux-gnu, compiled by gcc 12.2.0, 64-bit',
      ),
    ).toBe('PostgreSQL 15.18 (Debian 15.18-0+deb12u1)');
    expect(shortServerVersion('PostgreSQL 15.8')).toBe('PostgreSQL 15.8');
  });
});

describe('targetSummary', () => {
  it('writes a direct target as host:port/database, brackets around IPv6', () => {
    expect(
      targetSummary({
        kind: 'direct',
        host: '::1',
        port: 5439,
        database: 'dev',
        user: 'm',
        sslMode: 'require',
      }),
    ).toEqual({ primary: '[::1]:5439/dev', secondary: 'user m · SSL require' });
  });

  it('writes a cluster target with only the options that are set', () => {
    const prod = {
      kind: 'cluster',
      region: 'eu-west-1',
      clusterIdentifier: 'prod',
      database: 'dev',
      dbUser: 'mon',
    } as const;
    expect(targetSummary(prod)).toEqual({
      primary: 'prod (eu-west-1)',
      secondary: 'db user mon · database dev',
    });
    expect(targetSummary({ ...prod, awsProfile: 'ops' }).secondary).toContain('profile ops');
  });
});

describe('labels', () => {
  it('says where a password lives in plain words', () => {
    expect(passwordSourceLabel('session')).toBe('This run only');
    expect(passwordSourceLabel('keychain')).toBe('Keychain (encrypted)');
  });

  it('formats latency for reading, not for precision', () => {
    expect(formatLatency(0.4)).toBe('<1 ms');
    expect(formatLatency(12.6)).toBe('13 ms');
    expect(formatLatency(2345)).toBe('2.3 s');
    expect(formatLatency(Number.NaN)).toBe('—');
  });
});
