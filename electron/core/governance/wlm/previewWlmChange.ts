// What applying a proposed WLM JSON would do, against the configuration the cluster holds now:
// validation problems (REFERENCE 3.3 limits, 3.4 metric ranges), the changes, and whether they apply
// at once or wait for a reboot (REFERENCE 3.5), in words.
import type { WlmPreview } from '../../../../shared/model/governance.ts';
import { diffWlmConfigurations, type WlmDiff } from '../../../../shared/wlm/diffWlmConfigurations.ts';
import { parseWlmConfiguration } from '../../../../shared/wlm/parseWlmConfiguration.ts';
import type { WlmConfiguration, WlmProblem } from '../../../../shared/wlm/types.ts';
import { validateWlmConfiguration } from '../../../../shared/wlm/validateWlmConfiguration.ts';
import type { WlmParameter } from './readClusterWlm.ts';

export interface CheckedWlm {
  config: WlmConfiguration | null;
  problems: WlmProblem[];
  errors: WlmProblem[];
}

/** Parse, then validate: parse problems stop there (the limits need a whole configuration). */
export function checkWlmJson(json: string): CheckedWlm {
  const parsed = parseWlmConfiguration(json);
  if (!parsed.ok) return { config: null, problems: parsed.problems, errors: parsed.problems };
  const problems = validateWlmConfiguration(parsed.config, json);
  return { config: parsed.config, problems, errors: problems.filter((p) => p.severity === 'error') };
}

export function applyKindOf(diff: WlmDiff): WlmPreview['applyKind'] {
  if (diff.verdict === 'no-change') return 'none';
  return diff.verdict === 'needs-reboot' ? 'static' : 'dynamic';
}

function quoteList(items: string[]): string {
  return items.join('; ');
}

export function applyNoteOf(diff: WlmDiff): string {
  const n = diff.changes.length;
  if (diff.verdict === 'no-change')
    return 'Nothing changes: the configuration is the same as the one the cluster holds.';
  const statics = diff.changes.filter((c) => c.kind === 'static');
  const dynamics = diff.changes.filter((c) => c.kind === 'dynamic');
  if (statics.length === 0) {
    return `${n === 1 ? 'The change is' : `All ${n} changes are`} dynamic: applied without a reboot (the cluster shows modifying for a moment; queries already running keep their old slots and memory).`;
  }
  const staticPart = `Static, needs a reboot: ${quoteList(statics.map((c) => c.description))}.`;
  const dynamicPart =
    dynamics.length === 0
      ? ''
      : ` Dynamic, but waits for the same reboot because a static change is included: ${quoteList(dynamics.map((c) => c.description))}.`;
  return `Needs a reboot: nothing takes effect until the cluster is rebooted, then all of it does. ${staticPart}${dynamicPart}`;
}

/**
 * What an applied change changed, for the apply's message: the headline already says whether it waits
 * for a reboot, so this does not say it again (applyNoteOf is the preview's version, which must).
 */
export function changedWordsOf(diff: WlmDiff): string {
  if (diff.verdict === 'no-change')
    return 'Nothing changes: the configuration is the same as the one the cluster holds.';
  const statics = diff.changes.filter((c) => c.kind === 'static').map((c) => c.description);
  const dynamics = diff.changes.filter((c) => c.kind === 'dynamic').map((c) => c.description);
  if (statics.length === 0) return `Changed: ${quoteList(dynamics)}.`;
  if (dynamics.length === 0) return `Changed (static): ${quoteList(statics)}.`;
  return `Changed (static): ${quoteList(statics)}; (dynamic, with the same reboot): ${quoteList(dynamics)}.`;
}

export function previewWlmChange(
  current: WlmParameter,
  proposedJson: string,
  baseVersion: string,
): WlmPreview {
  const checked = checkWlmJson(proposedJson);
  const baseIsCurrent = current.version === baseVersion;
  const base = {
    baseIsCurrent,
    currentJson: baseIsCurrent ? null : current.json,
    currentVersion: current.version,
  };
  const before = parseWlmConfiguration(current.json);
  if (checked.config === null) {
    return {
      problems: checked.problems,
      changes: [],
      applyKind: 'none',
      applyNote: 'The proposed JSON cannot be read, so it cannot be compared: fix the problems first.',
      ...base,
    };
  }
  if (!before.ok) {
    // The cluster holds a value we cannot read: every change is unknown, so treat it as static.
    return {
      problems: checked.problems,
      changes: [
        {
          path: '',
          description: 'the whole configuration is replaced (the current value could not be read)',
          kind: 'static',
        },
      ],
      applyKind: 'static',
      applyNote:
        'The current configuration could not be read, so the change cannot be classified: assume it needs a reboot.',
      ...base,
    };
  }
  const diff = diffWlmConfigurations(before.config, checked.config);
  return {
    problems: checked.problems,
    changes: diff.changes,
    applyKind: applyKindOf(diff),
    applyNote: applyNoteOf(diff),
    ...base,
  };
}
