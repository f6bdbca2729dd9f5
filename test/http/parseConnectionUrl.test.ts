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

describe('serve connections without a secret in argv (defect #13.7)', () => {
  const environment = (
    files: Record<string, { text: string; mode: number }>,
    env: Record<string, string> = {},
  ) => ({
    env,
    readText: (path: string) => {
      const f = files[path];
      if (!f) throw Object.assign(new Error('missing'), { code: 'ENOENT' });
      return f.text;
    },
    modeOf: (path: string) => files[path]!.mode,
  });

  it('warns when a --connection URL holds a password, and not otherwise', () => {
    const withPassword = parseServeArgs(['--connection', 'postgres://u:pw@h:1/d'], environment({}));
    expect(withPassword.warnings).toEqual([
      'warning: the password of --connection u@h:1/d is visible to every local user (ps, /proc); pass it in --connections-file, NIGHTSHIFT_CONNECTIONS, PGPASSWORD or ~/.pgpass instead.',
    ]);
    expect(withPassword.warnings.join()).not.toContain('pw@');
    expect(parseServeArgs(['--connection', 'postgres://u@h:1/d'], environment({})).warnings).toEqual([]);
  });

  it('reads connections from a file (comments and blank lines skipped) and from NIGHTSHIFT_CONNECTIONS', () => {
    const args = parseServeArgs(
      ['--connections-file', '/etc/nightshift/conns'],
      environment(
        {
          '/etc/nightshift/conns': {
            text: '# warehouse\n\npostgres://a:secret@h1:5439/dev\n',
            mode: 0o100600,
          },
        },
        { NIGHTSHIFT_CONNECTIONS: 'postgres://b@h2/dev\n postgres://c:x@h3/dev' },
      ),
    );
    expect(args.connections.map((c) => [c.name, c.password])).toEqual([
      ['a@h1:5439/dev', 'secret'],
      ['b@h2:5439/dev', undefined],
      ['c@h3:5439/dev', 'x'],
    ]);
    expect(args.warnings).toEqual([]);
  });

  it('warns when a file with passwords can be read by others, and says where a bad line is', () => {
    const open = environment({ '/tmp/c': { text: 'postgres://a:s@h/d\n', mode: 0o100644 } });
    expect(parseServeArgs(['--connections-file', '/tmp/c'], open).warnings).toEqual([
      'warning: /tmp/c holds passwords and other users may read it; run chmod 600 "/tmp/c".',
    ]);
    const bad = environment({
      '/tmp/c': { text: 'postgres://a@h/d\nmysql://x:secret@h/d\n', mode: 0o100600 },
    });
    expect(() => parseServeArgs(['--connections-file', '/tmp/c'], bad)).toThrow(
      '--connections-file /tmp/c, line 2: must start with postgres://, not mysql://',
    );
    expect(() => parseServeArgs(['--connections-file', '/nope'], environment({}))).toThrow(
      '--connections-file /nope: ENOENT',
    );
  });
});

describe('serve connections as a JSON list', () => {
  const environment = (text: string, env: Record<string, string> = {}) => ({
    env,
    readText: () => text,
    modeOf: () => 0o100600,
  });

  it('takes URLs and {url, password} objects from a file and from NIGHTSHIFT_CONNECTIONS', () => {
    const file = JSON.stringify([
      'postgres://a@h1:5439/dev',
      { url: 'postgres://b@h2/dev', password: 'p@ss word/%' },
    ]);
    const args = parseServeArgs(
      ['--connections-file', '/c.json'],
      environment(file, { NIGHTSHIFT_CONNECTIONS: ' [{"url": "postgres://c@h3/dev", "password": "x"}]' }),
    );
    expect(args.connections.map((c) => [c.name, c.password])).toEqual([
      ['a@h1:5439/dev', undefined],
      ['b@h2:5439/dev', 'p@ss word/%'],
      ['c@h3:5439/dev', 'x'],
    ]);
    expect(args.warnings).toEqual([]);
  });

  it('says which item is wrong without repeating it', () => {
    const parse = (text: string) => () =>
      parseServeArgs(['--connections-file', '/c.json'], environment(text));
    expect(parse('[{"url": "postgres://a:secret@h/d", "password": "other"}]')).toThrow(
      '--connections-file /c.json, item 1: has a password both in "url" and in "password"',
    );
    expect(parse('["postgres://a@h/d", {"uri": "postgres://b:secret@h/d"}]')).toThrow(
      '--connections-file /c.json, item 2: must be a URL or an object with a "url"',
    );
    expect(parse('[{"url": "postgres://a@h/d", "pasword": "secret"}]')).toThrow(
      '--connections-file /c.json, item 1: unknown field "pasword"',
    );
    expect(parse('[{"url": "postgres://a@h/d", "password": "secret"')).toThrow(
      '--connections-file /c.json: starts with "[" but is not valid JSON',
    );
    expect(parse('["mysql://a:secret@h/d"]')).toThrow(
      '--connections-file /c.json, item 1: must start with postgres://, not mysql://',
    );
    for (const text of ['[{"url": "postgres://a@h/d", "pasword": "secret"}]', '["mysql://a:secret@h/d"]'])
      expect(parse(text)).not.toThrow(/secret/);
  });
});
