import type { ConnectionOptions } from 'node:tls';
import type { SslMode } from '../../../shared/model/connection.ts';

/** Maps our SSL modes to node-postgres options (Redshift serves TLS on the same port). */
export function pgSsl(mode: SslMode): false | ConnectionOptions {
  switch (mode) {
    case 'disable':
      return false;
    case 'require':
      return { rejectUnauthorized: false };
    case 'verify-full':
      return { rejectUnauthorized: true };
  }
}
