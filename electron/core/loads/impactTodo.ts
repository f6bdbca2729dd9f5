// The impact as a to-do list, in the words of an incident report: "Re-run nightly_royalty_calc and
// nightly_finance_export for 2026-11-30", "Refresh 3 dashboards: ...". Jobs that must re-run for the
// same nights share one line.
import type { Impact } from '../../../shared/model/impact.ts';

const plural = (n: number, one: string, many = `${one}s`): string => `${n} ${n === 1 ? one : many}`;

/** "a", "a and b", "a, b and c". */
export function listWords(items: readonly string[]): string {
  if (items.length <= 1) return items[0] ?? '';
  return `${items.slice(0, -1).join(', ')} and ${items.at(-1)!}`;
}

function nightWords(nights: readonly string[]): string {
  if (nights.length <= 3) return listWords(nights);
  return `${nights.length} nights, ${nights[0]!} to ${nights.at(-1)!}`;
}

export function impactTodo(impact: Impact): string[] {
  const todo: string[] = [];
  const origin = impact.tables.filter((t) => t.hop === 0).map((t) => t.tableName);
  if (origin.length > 0)
    todo.push(
      impact.origin.load !== null && impact.origin.load.status === 'aborted'
        ? `Reload ${listWords(origin)} (the COPY aborted: nothing of it was loaded)`
        : `Fix the data written to ${listWords(origin)}`,
    );
  const byNights = new Map<string, { nights: string[]; jobs: string[] }>();
  for (const g of impact.groups) {
    if (g.kind !== 'job') continue;
    const key = g.nights.join(' ');
    let e = byNights.get(key);
    if (!e) byNights.set(key, (e = { nights: g.nights, jobs: [] }));
    e.jobs.push(g.label);
  }
  for (const e of byNights.values()) todo.push(`Re-run ${listWords(e.jobs)} for ${nightWords(e.nights)}`);
  const dashboards = impact.groups.filter((g) => g.kind === 'dashboard').map((g) => g.label);
  if (dashboards.length > 0)
    todo.push(`Refresh ${plural(dashboards.length, 'dashboard')}: ${listWords(dashboards)}`);
  const hidden = impact.groups.filter((g) => g.kind === 'hidden').map((g) => g.label);
  if (hidden.length > 0)
    todo.push(
      `Check ${listWords(hidden)} (hidden in the job editor): ${hidden.length === 1 ? 'it' : 'they'} read the bad data too`,
    );
  const others = impact.groups.filter((g) => g.kind === 'other');
  if (others.length > 0) {
    const statements = others.reduce((n, g) => n + g.statements, 0);
    todo.push(
      `Tell ${listWords(others.map((g) => g.label))} that ${plural(statements, 'statement')} of theirs read the bad data`,
    );
  }
  if (impact.groups.length === 0)
    todo.push(
      `Nothing read ${origin.length > 0 ? listWords(origin) : 'what it wrote'} up to ${impact.until}`,
    );
  if (impact.truncated)
    todo.push('More statements read the data than one answer follows: narrow the fix time');
  return todo;
}
