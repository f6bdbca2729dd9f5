// The pure pieces of the loads area: reading a COPY's text, naming its feed, and showing raw load
// error text with every invisible character visible and labelled.
import { describe, expect, it } from 'vitest';
import { feedKeyOf, normaliseSource } from '../../../shared/loads/feedKey.ts';
import { loadErrorHelp } from '../../../shared/loads/loadErrorHelp.ts';
import { parseCopyCommand } from '../../../shared/loads/parseCopyCommand.ts';
import { failingRange, visibleText } from '../../../shared/loads/visibleText.ts';

describe('parseCopyCommand', () => {
  it('reads table, source, format and MAXERROR of a CSV COPY', () => {
    const copy = parseCopyCommand(
      "COPY royalty.royalties_daily\nFROM 's3://landing/royalties_daily/2026/11/30/'\nIAM_ROLE 'arn:x'\nFORMAT AS CSV\nMAXERROR 100;",
    );
    expect(copy).toEqual({
      table: 'royalty.royalties_daily',
      source: 's3://landing/royalties_daily/2026/11/30/',
      format: 'csv',
      maxerror: 100,
    });
  });

  it('says none when there is no MAXERROR, and ignores one in a comment', () => {
    expect(parseCopyCommand("copy t from 's3://b/p/' iam_role default")?.maxerror).toBeNull();
    expect(parseCopyCommand("copy t from 's3://b/p/' -- maxerror 5\n")?.maxerror).toBeNull();
    expect(parseCopyCommand("copy t from 's3://b/p/' maxerror as 7")?.maxerror).toBe(7);
  });

  it('handles JSON, Parquet, quoted names and column lists', () => {
    expect(parseCopyCommand("COPY s.t FROM 's3://b/x/' FORMAT AS JSON 'auto' GZIP")?.format).toBe('json');
    const parquet = parseCopyCommand(`COPY "Sales"."Big ""T""" (json, b) FROM 's3://b/p/' FORMAT AS PARQUET`);
    expect(parquet).toMatchObject({ table: 'Sales.Big "T"', format: 'parquet', maxerror: null });
    expect(parseCopyCommand("COPY t FROM 's3://b/p/' DELIMITER '|'")?.format).toBe('text');
    expect(parseCopyCommand('SELECT 1')).toBeNull();
  });
});

describe('feeds', () => {
  it('normalises dates, partitions and sequence numbers in the source', () => {
    expect(normaliseSource('s3://b/plays/2026/11/30/05/')).toBe('s3://b/plays/{date}/{n}/');
    expect(normaliseSource('s3://b/plays/dt=2026-11-30/hour=7/')).toBe('s3://b/plays/dt=*/hour=*/');
    expect(feedKeyOf('s.t', 's3://b/x/2026-11-30/part-0001.csv')).toBe(
      feedKeyOf('s.t', 's3://b/x/2026-12-01/part-0002.csv'),
    );
    expect(feedKeyOf('s.t', 's3://b/x/')).not.toBe(feedKeyOf('s.u', 's3://b/x/'));
  });
});

describe('loadErrorHelp', () => {
  it('explains every documented code and says so for unknown ones', () => {
    expect(loadErrorHelp(1202).meaning).toMatch(/more columns/i);
    expect(loadErrorHelp(4242).meaning).toMatch(/not in Redshift's load error reference/);
  });
});

describe('visibleText', () => {
  it('labels tab, LF, CR, NBSP, zero-width, BOM, controls, non-ASCII and trailing blanks', () => {
    const text = 'a\tb\nc\rd\u00a0e\u200bf\ufeffg\u0007h\u202eé  ';
    const segments = visibleText(text);
    expect(segments.map((s) => s.original).join('')).toBe(text);
    const labels = segments.filter((s) => s.kind !== 'text').map((s) => `${s.kind}:${s.label}`);
    expect(labels).toEqual([
      'tab:TAB',
      'lf:LF',
      'cr:CR',
      'nbsp:NBSP',
      'zero-width:U+200B ZERO WIDTH SPACE',
      'bom:BOM U+FEFF',
      'control:U+0007 BEL',
      'control:U+202E invisible',
      'non-ascii:U+00E9',
      'trailing-blank:trailing blank',
      'trailing-blank:trailing blank',
    ]);
    // Nothing invisible is left in what is shown.
    expect(segments.map((s) => s.shown).join('')).not.toMatch(/[\t\n\r\u00a0\u200b\ufeff\u0007\u202e]/);
  });

  it('keeps markup as plain text and marks the failing field', () => {
    const line = '1|<script>alert(1)</script>|x';
    const range = failingRange(line, '<script>alert(1)</script>');
    const segments = visibleText(line, range);
    expect(
      segments
        .filter((s) => s.failing)
        .map((s) => s.shown)
        .join(''),
    ).toBe('<script>alert(1)</script>');
    expect(segments.map((s) => s.shown).join('')).toBe(line);
    expect(failingRange(line, 'absent')).toBeNull();
  });

  it('keeps emoji (surrogate pairs) whole', () => {
    const segments = visibleText('🎵x');
    expect(segments[0]).toMatchObject({ kind: 'non-ascii', shown: '🎵', label: 'U+1F3B5' });
  });
});
