import { describe, expect, it } from 'vitest';
import { parseWlmConfiguration } from '../../../shared/wlm/parseWlmConfiguration.ts';
import { listServiceClasses, serviceClassOf, wlmModeOf } from '../../../shared/wlm/serviceClassOf.ts';
import type { WlmConfiguration } from '../../../shared/wlm/types.ts';
import { AUTO_EXAMPLE, MANUAL_EXAMPLE } from './wlmExamples.ts';

function config(value: unknown): WlmConfiguration {
  const parsed = parseWlmConfiguration(JSON.stringify(value));
  if (!parsed.ok) throw new Error('parse failed');
  return parsed.config;
}

describe('serviceClassOf', () => {
  it('numbers manual queues from 6 and adds SQA as 14', () => {
    const manual = config(MANUAL_EXAMPLE);
    expect(wlmModeOf(manual)).toBe('manual');
    expect([0, 1, 2].map((i) => serviceClassOf(manual, i))).toEqual([6, 7, 8]);
    expect(listServiceClasses(manual).map((s) => `${s.serviceClass} ${s.name}`)).toEqual([
      '6 etl_nightly',
      '7 bi_dashboards',
      '8 Default queue',
      '14 Short query queue',
    ]);
  });

  it('numbers automatic queues from 100', () => {
    const auto = config(AUTO_EXAMPLE);
    expect(wlmModeOf(auto)).toBe('auto');
    expect(listServiceClasses(auto).map((s) => s.serviceClass)).toEqual([100, 101, 102, 14]);
  });

  it('detects automatic WLM from auto_wlm on the last queue only, and gives default names', () => {
    const auto = config([{ user_group: ['etl_users'] }, { auto_wlm: true }]);
    expect(listServiceClasses(auto)).toEqual([
      { serviceClass: 100, name: 'Queue 1', queueIndex: 0, isDefaultQueue: false },
      { serviceClass: 101, name: 'Default queue', queueIndex: 1, isDefaultQueue: true },
    ]);
  });

  it('refuses an index that is not a queue', () => {
    expect(() => serviceClassOf(config(MANUAL_EXAMPLE), 3)).toThrow(/no queue at index 3/);
  });
});
