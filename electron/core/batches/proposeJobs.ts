// Which labels are batch jobs (issue #10: "Nightshift proposes jobs from labels that recur night after
// night"). A label is a job when it recurs on at least half of the nights since it first appeared
// (so a job added last week counts), or on at least two nights that are all month starts (the
// month-end closing jobs). A label whose statements spread over more than half the window is a
// dashboard refreshed all day, not a batch job.
import { isMonthStartNight } from '../base/batchNight.ts';
import type { LabelNight } from './labelNights.ts';

export function proposeJobs(rows: readonly LabelNight[], windowMinutes: number): Set<string> {
  const nights = [...new Set(rows.map((r) => r.night))].sort();
  const byLabel = new Map<string, LabelNight[]>();
  for (const r of rows) {
    let list = byLabel.get(r.label);
    if (!list) byLabel.set(r.label, (list = []));
    list.push(r);
  }
  const jobs = new Set<string>();
  for (const [label, list] of byLabel) {
    if (list.length < 2) continue;
    const spans = list.map((r) => (r.lastEndUs - r.firstStartUs) / 60_000_000).sort((a, b) => a - b);
    if (spans[Math.floor(spans.length / 2)]! > windowMinutes / 2) continue;
    const since = nights.length - nights.indexOf(list[0]!.night);
    const recurring = list.length * 2 >= since;
    const monthly = list.every((r) => isMonthStartNight(r.night));
    if (recurring || monthly) jobs.add(label);
  }
  return jobs;
}

export const windowMinutesOf = (startMinute: number, endMinute: number): number =>
  (endMinute - startMinute + 1440) % 1440 || 1440;
