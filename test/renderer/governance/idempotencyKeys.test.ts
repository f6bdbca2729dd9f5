import { describe, expect, it } from 'vitest';
import {
  cancelKey,
  hashText,
  idempotencyKey,
  terminateKey,
  wlmApplyKey,
} from '../../../renderer/src/features/governance/idempotencyKeys.ts';

// The core's rule for keys (shared/validate.ts).
const VALID = /^[\w:.@-]{8,200}$/;

describe('idempotency keys', () => {
  const statement = {
    pid: 1073741901,
    query: 4711,
    userName: 'analyst_anna',
    startTime: '2026-11-26T06:45:10.123456Z',
  };

  it('derives the cancel key from the connection and the statement only, so two windows share it', () => {
    const key = cancelKey('conn-1', statement);
    expect(key).toBe('cancel:conn-1:1073741901:4711:2026-11-26T06:45:10.123456Z');
    expect(cancelKey('conn-1', { ...statement })).toBe(key);
    expect(key).toMatch(VALID);
  });

  it('gives another statement on the same pid (another start time) another key', () => {
    expect(cancelKey('conn-1', { ...statement, startTime: '2026-11-26T06:50:00Z' })).not.toBe(
      cancelKey('conn-1', statement),
    );
    expect(cancelKey('conn-1', { ...statement, query: 4712 })).not.toBe(cancelKey('conn-1', statement));
  });

  it('keeps keys within the allowed characters whatever the connection id holds', () => {
    const key = cancelKey('weird id/with spaces+ü', statement);
    expect(key).toMatch(VALID);
    expect(key).toContain('weird_id_with_spaces__');
  });

  it('hashes keys that would be too long instead of cutting them (cut keys could collide)', () => {
    const a = idempotencyKey('cancel', 'x'.repeat(300), 1);
    const b = idempotencyKey('cancel', 'x'.repeat(300), 2);
    expect(a).toMatch(VALID);
    expect(b).toMatch(VALID);
    expect(a).not.toBe(b);
  });

  it('ties the terminate key to the session start (a reused pid is another session)', () => {
    const s = { pid: 42, userName: 'etl_user', sessionStart: '2026-11-26T01:00:00Z' };
    expect(terminateKey('c', s)).toMatch(VALID);
    expect(terminateKey('c', { ...s, sessionStart: '2026-11-26T02:00:00Z' })).not.toBe(terminateKey('c', s));
  });

  it('makes the WLM apply key from connection, base version and the JSON', () => {
    const base = 'a'.repeat(64);
    const k = wlmApplyKey('c1', base, '[{"query_concurrency":5}]');
    expect(k).toMatch(VALID);
    expect(wlmApplyKey('c1', base, '[{"query_concurrency":5}]')).toBe(k);
    expect(wlmApplyKey('c1', base, '[{"query_concurrency":6}]')).not.toBe(k);
    expect(wlmApplyKey('c1', 'b'.repeat(64), '[{"query_concurrency":5}]')).not.toBe(k);
  });

  it('hashes stably', () => {
    expect(hashText('abc')).toBe(hashText('abc'));
    expect(hashText('abc')).not.toBe(hashText('abd'));
    expect(hashText('')).toMatch(/^[0-9a-f]{14}$/);
  });
});
