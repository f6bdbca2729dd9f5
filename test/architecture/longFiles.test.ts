// Issue #15: "every file over ~400 lines has a reason in its opening comment". A long file is allowed
// when its first comment block says why ("Long because ..."): the next person then knows splitting it
// was considered. The opening comment is the run of comment lines the file starts with.
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT } from '../support/serveProcess.ts';

const LONG = 400;
const COMMENT = /^\s*(\/\/|--|\/\*|\*)/;

/** The lines of the comment block a file opens with. */
function openingComment(lines: string[]): string {
  const end = lines.findIndex((line) => !COMMENT.test(line));
  return lines.slice(0, end === -1 ? lines.length : end).join('\n');
}

describe('architecture: long files say why they are long', () => {
  const tracked = execFileSync('git', ['ls-files', '*.ts', '*.tsx', '*.sql'], { cwd: ROOT, encoding: 'utf8' })
    .split('\n')
    .filter((f) => f !== '');

  it('finds the opening comment of a file', () => {
    expect(openingComment(['// a', '// Long because b', 'code', '// later'])).toBe('// a\n// Long because b');
  });

  it('every tracked source file over 400 lines opens with "Long because"', () => {
    const unexplained = tracked.filter((file) => {
      const lines = readFileSync(join(ROOT, file), 'utf8').split('\n');
      return lines.length > LONG && !openingComment(lines).includes('Long because');
    });
    expect(unexplained).toEqual([]);
  });
});
