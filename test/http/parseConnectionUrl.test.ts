import { describe, expect, it } from 'vitest';
import { parseServeArgs } from '../../electron/http/parseServeArgs.ts';
import { runConnectionId } from '../../electron/core/collector/runConnection.ts';

describe('serve --connection', () => {
  it('takes repeatable postgres URLs with the password in the URL or not at all', () => {
    const args = parseServeArgs([
      '--connection',
      'postgres://monitor:s%40cret@127.0.0.1:5439/dev',
      '--connection',
      'postgresql://ops@warehouse.example.com/analytics?sslmode=verify-full',
    ]);
    expect(args.connections).toEqual([
      {
        name: 'monitor@127.0.0.1:5439/dev',
        target: {
          kind: 'direct',
          host: '127.0.0.1',
          port: 5439,
          database: 'dev',
          user: 'monitor',
          sslMode: 'disable',
        },
        password: 's@cret',
      },
      {
        name: 'ops@warehouse.example.com:5439/analytics',
        target: {
          kind: 'direct',
          host: 'warehouse.example.com',
          port: 5439,
          database: 'analytics',
          user: 'ops',
          sslMode: 'verify-full',
        },
      },
    ]);
    // The name (shown in the UI and logs) never carries the password.
    expect(JSON.stringify(args.connections.map((c) => c.name))).not.toContain('cret');
  });

  it('gives the same connection the same id on every run (collection resumes from its watermarks)', () => {
    const [a] = parseServeArgs(['--connection', 'postgres://u:one@h:1/d']).connections;
    const [b] = parseServeArgs(['--connection', 'postgres://u:two@h:1/d']).connections;
    expect(runConnectionId(a!.target)).toBe(runConnectionId(b!.target));
  });

  it('refuses what it cannot use, with a message fit to print', () => {
    expect(() => parseServeArgs(['--connection', 'mysql://u@h/d'])).toThrow(/must start with postgres/);
    expect(() => parseServeArgs(['--connection', 'postgres://h/d'])).toThrow(/needs a user/);
    expect(() => parseServeArgs(['--connection', 'postgres://u@h/d?sslmode=maybe'])).toThrow(/sslmode/);
    expect(() => parseServeArgs(['--connection', 'not a url'])).toThrow(/must be a URL/);
  });
});
