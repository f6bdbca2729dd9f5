import { describe, expect, it } from 'vitest';
import { redactSecrets } from '../../../electron/core/base/Logger.ts';

describe('redactSecrets: no secret reaches a log line', () => {
  it.each([
    ['postgres://etl:s3cr3t@db:5439/dev', 's3cr3t'],
    ['PGPASSWORD=s3cr3t npm run serve', 's3cr3t'],
    ['{"name":"x","password":"s3cr3t"}', 's3cr3t'],
    ['GET /api/events?token=AbCdEfGhIjKlMnOpQrStUv', 'AbCdEfGhIjKlMnOpQrStUv'],
    ['Authorization: Bearer AbCdEfGhIjKl', 'AbCdEfGhIjKl'],
  ])('hides the secret in %s', (line, secret) => {
    expect(redactSecrets(line)).not.toContain(secret);
  });

  it("keeps PostgreSQL's own words, which a user needs", () => {
    const message = 'password authentication failed for user "etl"';
    expect(redactSecrets(message)).toBe(message);
  });
});
