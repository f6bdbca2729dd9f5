import { describe, expect, it } from 'vitest';
import { fingerprint, normalizeSql } from '../../../electron/core/collector/fingerprint.ts';

describe('fingerprint', () => {
  it('gives the nightly runs of one statement the same fingerprint whatever their literals', () => {
    const monday = `SELECT market, SUM(plays) FROM fact_plays WHERE play_date = '2024-05-06' AND market IN ('DE', 'FR') GROUP BY 1`;
    const tuesday = `select market, sum(plays)\n  from fact_plays\n where play_date = '2024-05-07'\n   and market in ('DE','FR','IT','ES') -- more markets\n group by 1`;
    expect(fingerprint(monday)).toBe(fingerprint(tuesday));
  });

  it('tells different statements apart', () => {
    expect(fingerprint('SELECT a FROM t WHERE id = 1')).not.toBe(fingerprint('SELECT b FROM t WHERE id = 1'));
    expect(fingerprint('DELETE FROM t WHERE id = 1')).not.toBe(fingerprint('SELECT * FROM t WHERE id = 1'));
  });

  it('normalises comments, literals, numbers, parameters, IN lists, whitespace and case', () => {
    expect(
      normalizeSql("/* job 42 /* nested */ */ SELECT  ID, 'it''s', 3.5e-2, $1\n FROM T -- trailing"),
    ).toBe('select id , ? , ? , ? from t');
    expect(normalizeSql("WHERE d = DATE '2024-01-01' AND x IN (1, 2, 3) AND s = E'a\\'b'")).toBe(
      'where d = date ? and x in ( ? ) and s = ?',
    );
  });

  it('keeps quoted identifiers and words with digits as written', () => {
    expect(normalizeSql('SELECT "Play Count", t1.c2 FROM s3_stage.t1')).toBe(
      'select "Play Count" , t1 . c2 from s3_stage . t1',
    );
  });

  it('survives hostile text: unterminated strings and comments, emoji, RTL marks', () => {
    expect(() => fingerprint("SELECT 'open string")).not.toThrow();
    expect(() => fingerprint('SELECT 1 /* open comment')).not.toThrow();
    expect(normalizeSql('SELECT \u{1F680}, \u200F\u05E9 FROM t')).toBe(
      'select \u{1F680} , \u200F\u05E9 from t',
    );
    expect(fingerprint('x')).toMatch(/^[0-9a-f]{16}$/);
  });
});
