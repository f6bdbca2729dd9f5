import { describe, expect, it } from 'vitest';
import {
  checkDraft,
  draftToNewConnection,
  EMPTY_DRAFT,
  type ConnectionDraft,
} from '../../renderer/src/features/connections/connectionDraft.ts';

const direct: ConnectionDraft = {
  ...EMPTY_DRAFT,
  kind: 'direct',
  name: '  prod  ',
  host: ' warehouse.abc123.eu-west-1.redshift.amazonaws.com ',
  port: '5439',
  database: 'dev',
  user: 'monitor',
  password: ' secret with spaces ',
  sslMode: 'verify-full',
};

const cluster: ConnectionDraft = {
  ...EMPTY_DRAFT,
  kind: 'cluster',
  name: 'prod',
  region: 'eu-west-1',
  clusterIdentifier: 'prod-warehouse',
  database: 'dev',
  dbUser: 'nightshift_monitor',
};

describe('draftToNewConnection', () => {
  it('shapes a direct draft: trimmed text, numeric port, password exactly as typed', () => {
    expect(draftToNewConnection(direct)).toEqual({
      name: 'prod',
      target: {
        kind: 'direct',
        host: 'warehouse.abc123.eu-west-1.redshift.amazonaws.com',
        port: 5439,
        database: 'dev',
        user: 'monitor',
        sslMode: 'verify-full',
      },
      password: ' secret with spaces ',
    });
  });

  it('leaves out an empty password (PGPASSWORD or pgpass then applies)', () => {
    expect(draftToNewConnection({ ...direct, password: '' })).not.toHaveProperty('password');
  });

  it('shapes a cluster draft without the direct fields, and without empty optional ones', () => {
    expect(draftToNewConnection({ ...cluster, password: 'typed before switching kind', host: 'h' })).toEqual({
      name: 'prod',
      target: {
        kind: 'cluster',
        region: 'eu-west-1',
        clusterIdentifier: 'prod-warehouse',
        database: 'dev',
        dbUser: 'nightshift_monitor',
      },
    });
    const withOptions = draftToNewConnection({
      ...cluster,
      awsProfile: 'ops',
      awsEndpoint: 'http://127.0.0.1:9000',
    });
    expect(withOptions.target).toMatchObject({ awsProfile: 'ops', awsEndpoint: 'http://127.0.0.1:9000' });
  });
});

describe('checkDraft', () => {
  const refused = (field: string, message: string) => ({ ok: false, field, message });

  it('accepts complete drafts of both kinds', () => {
    expect(checkDraft(direct).ok).toBe(true);
    expect(checkDraft(cluster).ok).toBe(true);
  });

  it('names the first required field left empty', () => {
    expect(checkDraft({ ...direct, host: '  ' })).toEqual(refused('host', 'Host is required.'));
    expect(checkDraft({ ...cluster, dbUser: '' })).toEqual(refused('dbUser', 'Database user is required.'));
  });

  it('wants a port number', () => {
    expect(checkDraft({ ...direct, port: '54x' })).toMatchObject({ ok: false, field: 'port' });
    expect(checkDraft({ ...direct, port: '70000' })).toMatchObject({ ok: false, field: 'port' });
  });

  it('passes on the shared schema’s words, labelled as the form labels the field', () => {
    expect(checkDraft({ ...cluster, region: 'Frankfurt' })).toEqual(
      refused('region', 'Region: must be an AWS region such as eu-west-1.'),
    );
    expect(checkDraft({ ...direct, host: 'db host' })).toEqual(
      refused('host', 'Host: must be a host name or IP address.'),
    );
    expect(checkDraft({ ...cluster, dbUser: 'public' })).toMatchObject({ ok: false, field: 'dbUser' });
    expect(checkDraft({ ...cluster, awsEndpoint: 'ftp://x' })).toMatchObject({
      ok: false,
      field: 'awsEndpoint',
    });
  });
});
