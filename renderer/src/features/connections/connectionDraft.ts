// The add-connection form keeps every field as typed text; this shapes it into a NewConnection and
// checks it with the same schema the core's dispatcher uses (shared/validate.ts), so the user sees
// the problem next to the form instead of after a round trip. The core validates again regardless.
import type { NewConnection, SslMode } from '../../../../shared/model/connection.ts';
import { validateArgs } from '../../../../shared/validate.ts';

export type DraftKind = 'direct' | 'cluster';

export interface ConnectionDraft {
  kind: DraftKind;
  name: string;
  // direct
  host: string;
  port: string;
  user: string;
  password: string;
  sslMode: SslMode;
  // both
  database: string;
  // cluster
  region: string;
  clusterIdentifier: string;
  dbUser: string;
  awsProfile: string;
  awsEndpoint: string;
}

export type DraftField = Exclude<keyof ConnectionDraft, 'kind'>;

// Redshift's usual values: port 5439 (REFERENCE 1.1), first database `dev`, SSL required.
export const EMPTY_DRAFT: ConnectionDraft = {
  kind: 'direct',
  name: '',
  host: '',
  port: '5439',
  user: '',
  password: '',
  sslMode: 'require',
  database: 'dev',
  region: '',
  clusterIdentifier: '',
  dbUser: '',
  awsProfile: '',
  awsEndpoint: '',
};

export const FIELD_LABELS: Record<DraftField, string> = {
  name: 'Name',
  host: 'Host',
  port: 'Port',
  user: 'User',
  password: 'Password',
  sslMode: 'SSL mode',
  database: 'Database',
  region: 'Region',
  clusterIdentifier: 'Cluster identifier',
  dbUser: 'Database user',
  awsProfile: 'AWS profile',
  awsEndpoint: 'API endpoint',
};

const REQUIRED: Record<DraftKind, readonly DraftField[]> = {
  direct: ['name', 'host', 'port', 'database', 'user'],
  cluster: ['name', 'region', 'clusterIdentifier', 'database', 'dbUser'],
};

/** Empty optional fields are left out rather than sent as ''. Passwords are taken exactly as typed. */
export function draftToNewConnection(draft: ConnectionDraft): NewConnection {
  const name = draft.name.trim();
  if (draft.kind === 'direct') {
    const portText = draft.port.trim();
    return {
      name,
      target: {
        kind: 'direct',
        host: draft.host.trim(),
        port: /^\d{1,5}$/.test(portText) ? Number(portText) : Number.NaN,
        database: draft.database.trim(),
        user: draft.user.trim(),
        sslMode: draft.sslMode,
      },
      ...(draft.password !== '' ? { password: draft.password } : {}),
    };
  }
  const awsProfile = draft.awsProfile.trim();
  const awsEndpoint = draft.awsEndpoint.trim();
  return {
    name,
    target: {
      kind: 'cluster',
      region: draft.region.trim(),
      clusterIdentifier: draft.clusterIdentifier.trim(),
      database: draft.database.trim(),
      dbUser: draft.dbUser.trim(),
      ...(awsProfile !== '' ? { awsProfile } : {}),
      ...(awsEndpoint !== '' ? { awsEndpoint } : {}),
    },
  };
}

export type DraftCheck =
  { ok: true; args: NewConnection } | { ok: false; field: DraftField | null; message: string };

/** The first problem with the draft, named by its form label, or the arguments to send. */
export function checkDraft(draft: ConnectionDraft): DraftCheck {
  for (const field of REQUIRED[draft.kind]) {
    if (draft[field].trim() === '')
      return { ok: false, field, message: `${FIELD_LABELS[field]} is required.` };
  }
  const shaped = draftToNewConnection(draft);
  if (shaped.target.kind === 'direct' && Number.isNaN(shaped.target.port)) {
    return { ok: false, field: 'port', message: 'Port must be a number from 1 to 65535.' };
  }
  const valid = validateArgs('connections.add', shaped);
  if (valid.ok) return { ok: true, args: valid.args };
  return describeSchemaProblem(valid.message);
}

/** validateArgs says `target.port: <why>`; name the field as the form labels it. */
export function describeSchemaProblem(message: string): {
  ok: false;
  field: DraftField | null;
  message: string;
} {
  const split = message.indexOf(': ');
  const path = split > 0 ? message.slice(0, split) : '';
  const why = split > 0 ? message.slice(split + 2) : message;
  const last = path.split('.').pop() ?? '';
  const field = isDraftField(last) ? last : null;
  const text = field ? `${FIELD_LABELS[field]}: ${why}` : why;
  return { ok: false, field, message: /[.!?]$/.test(text) ? text : `${text}.` };
}

function isDraftField(name: string): name is DraftField {
  return Object.hasOwn(FIELD_LABELS, name);
}
