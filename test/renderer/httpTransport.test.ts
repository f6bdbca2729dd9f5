import { describe, expect, it } from 'vitest';
import { ApiCallError } from '../../renderer/src/api/ApiCallError.ts';
import { eventStreamUrl, readHttpAnswer, toPushedEvent } from '../../renderer/src/api/httpTransport.ts';

describe('readHttpAnswer', () => {
  it('passes an ApiResponse through, success or error, whatever the status', () => {
    expect(readHttpAnswer(200, '{"ok":true,"result":{"removed":true}}')).toEqual({
      ok: true,
      result: { removed: true },
    });
    expect(
      readHttpAnswer(403, '{"ok":false,"error":{"code":"read_only","message":"read-only door"}}'),
    ).toEqual({
      ok: false,
      error: { code: 'read_only', message: 'read-only door' },
    });
  });

  it('keeps the message of an error code it does not know, as internal', () => {
    expect(readHttpAnswer(500, '{"ok":false,"error":{"code":"martian","message":"odd"}}')).toEqual({
      ok: false,
      error: { code: 'internal', message: 'odd' },
    });
  });

  it('says the token was refused when a 401 comes without an ApiResponse', () => {
    expect(() => readHttpAnswer(401, 'Unauthorized')).toThrow(ApiCallError);
    expect(() => readHttpAnswer(401, 'Unauthorized')).toThrow(/access token/);
  });

  it('says plainly when something other than Nightshift answered', () => {
    expect(() => readHttpAnswer(502, '<html>Bad gateway</html>')).toThrow(
      /HTTP 502 without a Nightshift response/,
    );
  });
});

describe('event stream', () => {
  it('puts the token, encoded, in the stream URL (EventSource cannot send headers)', () => {
    expect(eventStreamUrl('a+b/c=')).toBe('/api/events?token=a%2Bb%2Fc%3D');
  });

  it('turns an SSE message into a pushed event and drops malformed ones', () => {
    expect(toPushedEvent('connections.changed', '{"connections":[]}')).toEqual({
      name: 'connections.changed',
      payload: { connections: [] },
    });
    expect(toPushedEvent('connections.changed', 'not json')).toBeNull();
    expect(toPushedEvent('connections.changed', '42')).toBeNull();
  });
});
