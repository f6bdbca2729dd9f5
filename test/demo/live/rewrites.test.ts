// The proxy's Redshift-dialect rewrites (REFERENCE 6.5) and statement classification (6.3), as pure
// functions: what PostgreSQL receives for what the client wrote.
import { describe, expect, it } from 'vitest';
import { planSql } from '../../../electron/demo/proxy/rewrites.ts';
import { splitStatements } from '../../../electron/demo/proxy/sqlLexer.ts';

/** The plan of one utility statement: what PostgreSQL receives for it, and the session effect observed. */
const utility = (text: string, sql: string, effect: unknown) => ({
  sql,
  statements: [{ class: 'utility', text, effect }],
});

describe('planSql', () => {
  it('rewrites SET / RESET / SHOW query_group into the rs.query_group setting', () => {
    const set = "SET query_group TO 'nightly_x'";
    expect(planSql(set)).toEqual(
      utility(set, "SET rs.query_group TO 'nightly_x'", { kind: 'queryGroup', value: 'nightly_x' }),
    );
    expect(planSql('set session QUERY_GROUP = Nightly_Y').sql).toBe("SET rs.query_group TO 'nightly_y'");
    expect(planSql("SET query_group TO 'it''s'").sql).toBe("SET rs.query_group TO 'it''s'");
    expect(planSql('SET query_group TO DEFAULT').statements[0]?.effect).toEqual({
      kind: 'queryGroup',
      value: null,
    });
    expect(planSql('RESET query_group;').sql).toBe('RESET rs.query_group;');
    const show = planSql('show query_group');
    expect(show.statements[0]?.tag).toBe('SHOW');
    expect(show.sql).toContain("current_setting('rs.query_group', true)");
  });

  it('validates wlm_query_slot_count (1..50) by making PostgreSQL raise the error', () => {
    expect(planSql('SET wlm_query_slot_count TO 3')).toMatchObject({
      sql: "SET rs.wlm_query_slot_count TO '3'",
      statements: [{ effect: { kind: 'slotCount', value: 3 } }],
    });
    const tooMany = planSql('SET wlm_query_slot_count TO 51');
    expect(tooMany.sql).toMatch(/^DO \$rs_raise\$BEGIN RAISE EXCEPTION USING ERRCODE = '22023'/);
    expect(tooMany.sql).toContain(
      '51 is outside the valid range for parameter "wlm_query_slot_count" (1 .. 50)',
    );
    expect(tooMany.statements[0]?.effect).toBeUndefined();
    expect(planSql("SET wlm_query_slot_count TO 'x'").sql).toContain('invalid value for parameter');
    expect(planSql('RESET wlm_query_slot_count').statements[0]?.effect).toEqual({
      kind: 'slotCount',
      value: 1,
    });
  });

  it('observes statement_timeout without rewriting it (queue time counts against it)', () => {
    const set = "SET statement_timeout TO '5s'";
    expect(planSql(set)).toEqual(utility(set, set, { kind: 'statementTimeout', ms: 5000 }));
    expect(planSql('set statement_timeout = 250').statements[0]?.effect).toEqual({
      kind: 'statementTimeout',
      ms: 250,
    });
    expect(planSql('RESET statement_timeout').statements[0]?.effect).toEqual({
      kind: 'statementTimeout',
      ms: null,
    });
    expect(planSql("SET statement_timeout TO 'soon'").statements[0]?.effect).toBeUndefined();
  });

  it('turns CANCEL pid [message] into the governance function and remembers the message', () => {
    const plan = planSql("CANCEL 18764 'Long-running query'");
    expect(plan.sql).toBe('DO $rs_cancel$BEGIN PERFORM rs_system.pg_cancel_backend(18764); END$rs_cancel$');
    expect(plan.statements[0]).toMatchObject({
      tag: 'CANCEL',
      cancel: { pid: 18764, message: 'Long-running query' },
    });
    expect(planSql('cancel 5').statements[0]?.cancel).toEqual({ pid: 5, message: null });
    expect(planSql('CANCEL abc').sql).toContain('syntax error at or near "abc"');
  });

  it('qualifies unqualified pg_cancel_backend / pg_terminate_backend calls only', () => {
    expect(planSql('select PG_CANCEL_BACKEND(5), pg_terminate_backend (6)').sql).toBe(
      'select rs_system.pg_cancel_backend(5), rs_system.pg_terminate_backend (6)',
    );
    expect(planSql('SELECT pg_catalog.pg_cancel_backend(5)').sql).toBe(
      'SELECT pg_catalog.pg_cancel_backend(5)',
    );
    expect(planSql("SELECT 'pg_cancel_backend(5)'").sql).toBe("SELECT 'pg_cancel_backend(5)'");
    // Governance calls are not queries WLM holds back (they stop queries; leader-node functions).
    expect(planSql('SELECT pg_cancel_backend(pid) FROM stv_recents').statements[0]?.class).toBe('utility');
  });

  it('rewrites pg_backend_pid() to the virtual pid of a session on a single-backend engine', () => {
    expect(planSql('SELECT pg_backend_pid() AS pid', { virtualPid: 1073741900 }).sql).toBe(
      'SELECT rs_system.pg_backend_pid(1073741900) AS pid',
    );
    expect(planSql('SELECT pg_backend_pid()').sql).toBe('SELECT pg_backend_pid()');
  });

  it('leaves everything else byte for byte, including look-alikes inside literals and comments', () => {
    const sql =
      "SELECT 'SET query_group TO x; CANCEL 1' AS a, $$;RESET query_group$$ /* ; SET query_group TO y */ -- ;\n";
    expect(planSql(sql)).toEqual({ sql, statements: [{ class: 'query', text: sql.trimEnd() }] });
    expect(planSql('SET search_path TO public').sql).toBe('SET search_path TO public');
  });

  it('rewrites each statement of a multi-statement query string in place', () => {
    const plan = planSql("SET query_group TO 'a'; SELECT 1; RESET query_group");
    expect(plan.sql).toBe("SET rs.query_group TO 'a'; SELECT 1; RESET rs.query_group");
    expect(plan.statements.map((s) => s.class)).toEqual(['utility', 'query', 'utility']);
  });

  it('classifies queries (admitted by WLM) and utility statements (REFERENCE 6.3)', () => {
    const cls = (sql: string) => planSql(sql).statements[0]?.class;
    for (const q of [
      'select 1',
      'WITH x AS (SELECT 1) SELECT * FROM x',
      'insert into t values (1)',
      'UPDATE t SET a = 1',
      'delete from t',
      'COPY t FROM STDIN',
      '(SELECT 1) UNION (SELECT 2)',
      'CREATE TEMP TABLE t AS SELECT 1',
      'create table t (a) as (select 1)',
    ]) {
      expect(cls(q), q).toBe('query');
    }
    for (const u of [
      'BEGIN',
      'COMMIT',
      'SET search_path TO x',
      'SHOW ALL',
      'CREATE TABLE t (a int)',
      'CREATE VIEW v AS SELECT 1',
      'GRANT SELECT ON t TO u',
      'TRUNCATE t',
      'EXPLAIN SELECT 1',
      'VACUUM',
    ]) {
      expect(cls(u), u).toBe('utility');
    }
  });
});

describe('splitStatements', () => {
  it('splits at top-level semicolons, drops empty statements and keeps BEGIN ATOMIC bodies whole', () => {
    const sql = `;; SELECT 1 ; CREATE FUNCTION f() RETURNS int LANGUAGE sql BEGIN ATOMIC SELECT CASE WHEN true THEN 1 END; SELECT 2; END; SELECT E'\\';' `;
    const parts = splitStatements(sql).map((s) => sql.slice(s.start, s.end).trim());
    expect(parts).toEqual([
      'SELECT 1',
      'CREATE FUNCTION f() RETURNS int LANGUAGE sql BEGIN ATOMIC SELECT CASE WHEN true THEN 1 END; SELECT 2; END',
      "SELECT E'\\';'",
    ]);
  });

  it('quotes and normalises bare datepart keywords of the four datetime functions (REFERENCE 6.5)', () => {
    expect(
      planSql('SELECT dateadd(day, -7, getdate()), datediff(s, a, b), date_part(dw, t), date_trunc(W, t)')
        .sql,
    ).toBe(
      "SELECT dateadd('day', -7, getdate()), datediff('second', a, b), date_part('dow', t), date_trunc('week', t)",
    );
    // m is minute; abbreviations in quotes are normalised for PostgreSQL's own functions only.
    expect(
      planSql("SELECT datediff(m, a, b), date_trunc('qtr', t), date_trunc('day', t), date_part(ms, t)").sql,
    ).toBe(
      "SELECT datediff('minute', a, b), date_trunc('quarter', t), date_trunc('day', t), date_part('milliseconds', t)",
    );
    // Not a datepart, qualified, or inside a literal: left alone.
    for (const sql of [
      'SELECT datediff(unit, a, b)',
      'SELECT pg_catalog.date_part(d, t)',
      "SELECT 'dateadd(day, 1, t)'",
    ])
      expect(planSql(sql).sql).toBe(sql);
  });
});
