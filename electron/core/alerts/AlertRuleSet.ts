// The rules in force for a connection (issue #12): every kind the areas hand in, with the latest saved
// version of its settings (the connection's own, else the one for every connection, else the
// defaults). Built rules are kept while their settings stay the same, so a rule that keeps state
// between passes (cachedRule) keeps it; a save is seen at the next pass (a cheap stamp query).
import type { AlertRuleInfo, AlertRuleSettings } from '../../../shared/model/alertRule.ts';
import type { AlertRule, AlertRuleKind } from '../base/AlertRule.ts';
import type Database from 'better-sqlite3';
import { AlertExemptions, type Suppressor } from './AlertExemptions.ts';
import { AlertRuleVersions } from './AlertRuleVersions.ts';
import { configuredRule, defaultSettings } from './configuredRule.ts';
import { historyCaughtUpSince } from '../collector/jobs/queryHistoryJob.ts';

/** A replay judges newly slow once a replayed day: its 36 h against 14 days barely moves within one. */
export const REPLAY_SLOW_CACHE_MS = 24 * 3600_000;

export interface RuleInForce {
  kind: AlertRuleKind;
  settings: AlertRuleSettings;
  version: number;
  versionConnectionId: string;
}

export class AlertRuleSet {
  readonly versions: AlertRuleVersions;
  readonly exemptions: AlertExemptions;
  private readonly built = new Map<string, AlertRule | null>();
  private readonly inForce = new Map<string, { stamp: string; rules: AlertRule[] }>();

  constructor(
    db: Database.Database,
    readonly kinds: readonly AlertRuleKind[],
  ) {
    this.versions = new AlertRuleVersions(db);
    this.exemptions = new AlertExemptions(db);
  }

  kind(ruleId: string): AlertRuleKind | undefined {
    return this.kinds.find((k) => k.id === ruleId);
  }

  settingsFor(connectionId: string): RuleInForce[] {
    const saved = this.versions.latest(connectionId);
    return this.kinds.map((kind) => {
      const v = saved.get(kind.id);
      return v
        ? { kind, settings: v.settings, version: v.version, versionConnectionId: v.connectionId }
        : { kind, settings: defaultSettings(kind), version: 0, versionConnectionId: '' };
    });
  }

  /** The rules the evaluator runs after a pass. */
  rulesFor(connectionId: string): AlertRule[] {
    const stamp = this.versions.stamp();
    const hit = this.inForce.get(connectionId);
    if (hit && hit.stamp === stamp) return hit.rules;
    const rules = this.build(this.settingsFor(connectionId).map((r) => [r.kind, r.settings] as const));
    this.inForce.set(connectionId, { stamp, rules });
    return rules;
  }

  /**
   * The rules in force with some replaced by edited (unsaved) settings, for the replay: fresh, not
   * shared (a cache kept for now means nothing in the past), and a slow-moving rule's verdict (newly
   * slow: 36 h against 14 days) is reused for REPLAY_SLOW_CACHE_MS of the replayed clock.
   */
  rulesWith(connectionId: string, edited: Record<string, AlertRuleSettings>): AlertRule[] {
    return this.settingsFor(connectionId).flatMap((r) => {
      const rule = configuredRule(r.kind, edited[r.kind.id] ?? r.settings, REPLAY_SLOW_CACHE_MS);
      return rule ? [rule] : [];
    });
  }

  suppressor(connectionId: string, fromUs: number, toUs: number): Suppressor {
    return this.exemptions.suppressor(connectionId, fromUs, toUs);
  }

  info(connectionId: string): AlertRuleInfo[] {
    return this.settingsFor(connectionId).map((r) => {
      const rule = configuredRule(r.kind, { ...r.settings, enabled: true })!;
      const bound = (b: AlertRuleKind['threshold']) =>
        b === null ? null : { label: b.label, unit: b.unit, min: b.min, max: b.max };
      return {
        ruleId: r.kind.id,
        title: r.kind.title,
        description: rule.description,
        threshold: bound(r.kind.threshold),
        duration: bound(r.kind.duration),
        scopes: [...r.kind.scopes],
        defaults: defaultSettings(r.kind),
        settings: r.settings,
        version: r.version,
        versionConnectionId: r.versionConnectionId,
      };
    });
  }

  private build(list: readonly (readonly [AlertRuleKind, AlertRuleSettings])[]): AlertRule[] {
    const out: AlertRule[] = [];
    for (const [kind, settings] of list) {
      const key = `${kind.id}:${JSON.stringify(settings)}`;
      // A slow rule's verdict is kept only for the caught-up history it was judged on (cachedRule.ts).
      if (!this.built.has(key))
        this.built.set(
          key,
          configuredRule(kind, settings, kind.cacheMs, (ctx) =>
            historyCaughtUpSince(ctx.db, ctx.connectionId),
          ),
        );
      const rule = this.built.get(key);
      if (rule) out.push(rule);
    }
    return out;
  }
}
