// Door 2's guards, seen from outside: a real `serve` process and raw HTTP requests.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { METHOD_NAMES, API_METHODS } from '../../shared/api.ts';
import { rawHttp } from '../support/rawHttp.ts';
import { startServe, type ServeProcess } from '../support/serveProcess.ts';

describe('door 2 (HTTP)', () => {
  let readOnly: ServeProcess;
  let admin: ServeProcess;

  beforeAll(async () => {
    [readOnly, admin] = await Promise.all([startServe(), startServe({ admin: true })]);
  });
  afterAll(async () => {
    await Promise.all([readOnly?.stop(), admin?.stop()]);
  });

  const json = (s: ServeProcess, extra: Record<string, string> = {}) => ({
    'Content-Type': 'application/json',
    Authorization: `Bearer ${s.token}`,
    ...extra,
  });

  /** POSTs app.info to the read-only door with these headers, as a browser or an attacker would. */
  const postInfo = (headers: Record<string, string>, path = '/api/app.info') =>
    rawHttp(readOnly.port, 'POST', path, headers, '{}');

  it('prints a ready line whose URL carries a token of at least 128 bits', () => {
    expect(readOnly.url).toBe(`http://127.0.0.1:${readOnly.port}/?token=${readOnly.token}`);
    expect(Buffer.from(readOnly.token, 'base64url').length).toBeGreaterThanOrEqual(16);
    expect(readOnly.token).not.toBe(admin.token);
  });

  it('answers an API call with the token', async () => {
    const r = await readOnly.call('app.info');
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({ ok: true, result: { name: 'Nightshift', door: 'http', admin: false } });
  });

  it('refuses a foreign Host header (DNS rebinding) with 403', async () => {
    const r = await postInfo(json(readOnly, { Host: `evil.example:${readOnly.port}` }));
    expect(r.status).toBe(403);
    const page = await rawHttp(readOnly.port, 'GET', '/', { Host: 'attacker.test' });
    expect(page.status).toBe(403);
  });

  it('refuses a foreign Origin with 403', async () => {
    const r = await postInfo(json(readOnly, { Origin: 'http://evil.example' }));
    expect(r.status).toBe(403);
    const own = await postInfo(json(readOnly, { Origin: `http://127.0.0.1:${readOnly.port}` }));
    expect(own.status).toBe(200);
  });

  it('refuses a missing or wrong token with 401', async () => {
    const missing = await postInfo({ 'Content-Type': 'application/json' });
    expect(missing.status).toBe(401);
    const wrong = await postInfo(json(readOnly, { Authorization: 'Bearer nope' }));
    expect(wrong.status).toBe(401);
    expect(JSON.parse(wrong.body)).toMatchObject({ ok: false, error: { code: 'unauthorized' } });
    // The query-string token is for EventSource only, not for API calls.
    const viaQuery = await postInfo(
      { 'Content-Type': 'application/json' },
      `/api/app.info?token=${readOnly.token}`,
    );
    expect(viaQuery.status).toBe(401);
  });

  it('answers an unknown method with a 404-style error', async () => {
    const r = await readOnly.call('connections.explode');
    expect(r.status).toBe(404);
    expect(r.body).toMatchObject({ ok: false, error: { code: 'unknown_method' } });
  });

  it('names the invalid field', async () => {
    const r = await admin.call('connections.add', {
      name: 'x',
      target: { kind: 'direct', host: 'h', port: 99999, database: 'd', user: 'u', sslMode: 'disable' },
    });
    expect(r.status).toBe(400);
    expect(JSON.stringify(r.body)).toContain('target.port');
  });

  it('refuses every state-changing method on the read-only door, and allows it with --admin', async () => {
    const mutating = METHOD_NAMES.filter((m) => API_METHODS[m].mutates);
    expect(mutating.length).toBeGreaterThan(0);
    for (const method of mutating) {
      const r = await readOnly.call(method, {});
      expect(r.status, method).toBe(403);
      expect(r.body).toMatchObject({ ok: false, error: { code: 'read_only' } });
      expect(JSON.stringify(r.body)).toContain('--admin');
    }
    const added = await admin.call('connections.add', { name: 'demo', target: { kind: 'demo' } });
    expect(added.body).toMatchObject({ ok: true, result: { name: 'demo' } });
  });

  it('has no state-changing GET: API methods are POST only', async () => {
    const r = await rawHttp(admin.port, 'GET', `/api/connections.add?token=${admin.token}`, {
      Authorization: `Bearer ${admin.token}`,
    });
    expect(r.status).toBe(405);
  });

  it('refuses path traversal, encoded or not', async () => {
    for (const path of [
      '/../package.json',
      '/%2e%2e/package.json',
      '/assets/..%2f..%2fpackage.json',
      '/%2e%2e%5cpackage.json',
      '/..%00/x',
    ]) {
      const r = await rawHttp(readOnly.port, 'GET', path);
      expect(r.status, path).toBe(403);
      expect(r.body).not.toContain('"name": "nightshift"');
    }
  });

  it('serves the renderer with a strict CSP and no referrer', async () => {
    const r = await rawHttp(readOnly.port, 'GET', '/');
    expect(r.status).toBe(200);
    expect(r.body).toContain('<div id="root">');
    expect(String(r.headers['content-security-policy'])).toContain("script-src 'self'");
    expect(String(r.headers['content-security-policy'])).not.toContain('unsafe-inline');
    expect(r.headers['referrer-policy']).toBe('no-referrer');
  });

  it('streams events over SSE to a client with the token, and refuses one without', async () => {
    const refused = await fetch(`http://127.0.0.1:${admin.port}/api/events`);
    expect(refused.status).toBe(401);

    const controller = new AbortController();
    const res = await fetch(`http://127.0.0.1:${admin.port}/api/events?token=${admin.token}`, {
      signal: controller.signal,
    });
    expect(res.headers.get('content-type')).toContain('text/event-stream');
    const reader = res.body!.getReader();
    let seen = '';
    const received = (async () => {
      while (!seen.includes('event: connections.changed')) {
        const { value, done } = await reader.read();
        if (done) break;
        seen += Buffer.from(value).toString('utf8');
      }
    })();
    await admin.call('connections.add', { name: 'sse-probe', target: { kind: 'demo' } });
    await received;
    controller.abort();
    expect(seen).toContain('sse-probe');
  });
});
