// One WLM queue in the form (REFERENCE 3.2): name, slots and memory (manual), timeout, user and query
// groups with their wildcards, priority (automatic), concurrency scaling, and its QMR rules. The last
// queue is the default queue: it takes no groups and stays last.
import { Fragment } from 'react';
import { testIds } from '../../../../shared/testIds.ts';
import type { WlmProblem } from '../../../../shared/wlm/types.ts';
import { WLM_LIMITS } from '../../../../shared/wlm/validateWlmConfiguration.ts';
import {
  addRule,
  canMove,
  listFromText,
  moveQueue,
  numberFromText,
  problemsAt,
  problemsExactly,
  removeQueue,
  setQueueField,
  textOfList,
  type JsonObject,
  type WlmDoc,
} from './wlmDraft.ts';
import { QmrRuleForm } from './QmrRuleForm.tsx';
import { CheckField, FieldProblems, SelectField, TextField } from './WlmFields.tsx';
import { Button } from '../../components/Button';

const ids = testIds.wlmEditor;

const PRIORITIES = ['highest', 'high', 'normal', 'low', 'lowest'].map((v) => ({ value: v, label: v }));
const SCALING = [
  { value: 'off', label: 'off' },
  { value: 'auto', label: 'auto' },
];

const listText = (v: unknown) => textOfList(v);
const asText = (t: string) => (t === '' ? undefined : t);
const asList = (t: string) => listFromText(t);

/** The manual-mode numbers, each a text field that keeps what was typed. */
const MANUAL_FIELDS = [
  {
    key: 'query_concurrency',
    label: 'Concurrency (slots)',
    testId: ids.concurrency,
    hint: `${WLM_LIMITS.minConcurrency}–${WLM_LIMITS.maxConcurrency}; empty means ${WLM_LIMITS.defaultConcurrency}.`,
  },
  {
    key: 'memory_percent_to_use',
    label: 'Memory %',
    testId: ids.memory,
    hint: 'Set on every queue or on none; at most 100 in total.',
  },
  {
    key: 'max_execution_time',
    label: 'Timeout (ms)',
    testId: ids.timeout,
    hint: 'WLM timeout; 0 or empty for none.',
  },
] as const;

/** User and query groups: a list and its wildcard switch each (not on the default queue). */
const GROUP_FIELDS = [
  {
    key: 'user_group',
    label: 'User groups',
    testId: ids.userGroups,
    hint: 'Comma-separated.',
    wildcard: 'user_group_wild_card',
    wildcardLabel: 'User group wildcards (* and ?)',
    wildcardTestId: ids.userGroupWildcard,
  },
  {
    key: 'query_group',
    label: 'Query groups',
    testId: ids.queryGroups,
    hint: 'Comma-separated; matched against SET query_group.',
    wildcard: 'query_group_wild_card',
    wildcardLabel: 'Query group wildcards (* and ?)',
    wildcardTestId: ids.queryGroupWildcard,
  },
] as const;

interface Props {
  doc: WlmDoc;
  qi: number;
  queue: JsonObject;
  mode: 'auto' | 'manual';
  serviceClass: number;
  problems: WlmProblem[];
  disabled: boolean;
  onChange: (doc: WlmDoc) => void;
}

export function WlmQueueForm({ doc, qi, queue, mode, serviceClass, problems, disabled, onChange }: Props) {
  const path = `[${qi}]`;
  const isDefault = qi === doc.queues.length - 1;
  const set = (key: string) => (value: unknown) => onChange(setQueueField(doc, qi, key, value));
  const at = (key: string) => problemsAt(problems, `${path}.${key}`);
  /** What every field of the queue passes the same way: its value, setter, problems and lock. */
  const bind = (key: string) => ({ value: queue[key], onChange: set(key), problems: at(key), disabled });
  const rules = Array.isArray(queue.rules) ? (queue.rules as unknown[]) : [];
  const title =
    typeof queue.name === 'string' && queue.name !== ''
      ? queue.name
      : isDefault
        ? 'Default queue'
        : `Queue ${qi + 1}`;

  return (
    <section
      className="panel queue-card"
      data-testid={ids.queue}
      data-index={qi}
      aria-label={`Queue ${qi + 1}`}
    >
      <div className="panel-header">
        <h3 className="panel-title">
          {qi + 1}. {title}{' '}
          <span className="faint small">
            service class {serviceClass}
            {isDefault ? ' · default queue (takes everything no other queue matches)' : ''}
          </span>
        </h3>
        <span className="statement-actions">
          <Button
            small
            data-testid={ids.queueUp}
            disabled={disabled || !canMove(doc, qi, -1)}
            onClick={() => onChange(moveQueue(doc, qi, -1))}
            aria-label={`Move ${title} up`}
          >
            ↑
          </Button>
          <Button
            small
            data-testid={ids.queueDown}
            disabled={disabled || !canMove(doc, qi, 1)}
            onClick={() => onChange(moveQueue(doc, qi, 1))}
            aria-label={`Move ${title} down`}
          >
            ↓
          </Button>
          <Button
            look="danger-quiet"
            small
            data-testid={ids.queueRemove}
            disabled={disabled || doc.queues.length <= 1}
            onClick={() => onChange(removeQueue(doc, qi))}
          >
            Remove queue
          </Button>
        </span>
      </div>
      <FieldProblems problems={problemsExactly(problems, path)} />

      <div className="queue-grid">
        <TextField
          label="Name"
          testId={ids.queueName}
          {...bind('name')}
          parse={asText}
          hint={`Letters, digits, underscores and spaces; at most ${WLM_LIMITS.maxQueueNameLength}.`}
        />
        {mode === 'manual' ? (
          MANUAL_FIELDS.map((f) => (
            <TextField
              key={f.key}
              label={f.label}
              testId={f.testId}
              {...bind(f.key)}
              parse={numberFromText}
              inputMode="numeric"
              hint={f.hint}
            />
          ))
        ) : (
          <SelectField
            label="Priority"
            testId={ids.priority}
            {...bind('priority')}
            options={PRIORITIES}
            unsetLabel="normal (default)"
          />
        )}
        <SelectField
          label="Concurrency scaling"
          testId={ids.concurrencyScaling}
          {...bind('concurrency_scaling')}
          options={SCALING}
          unsetLabel="off (default)"
        />
        {!isDefault &&
          GROUP_FIELDS.map((g) => (
            <Fragment key={g.key}>
              <TextField
                label={g.label}
                testId={g.testId}
                value={queue[g.key]}
                parse={asList}
                format={listText}
                // An empty list is not written where there was none (the JSON keeps its shape).
                onChange={(v) => set(g.key)(v.length === 0 && queue[g.key] === undefined ? undefined : v)}
                problems={at(g.key)}
                disabled={disabled}
                hint={g.hint}
              />
              <CheckField
                label={g.wildcardLabel}
                testId={g.wildcardTestId}
                checked={queue[g.wildcard] === 1}
                onChange={(on) => set(g.wildcard)(on ? 1 : 0)}
                problems={at(g.wildcard)}
                disabled={disabled}
              />
            </Fragment>
          ))}
        {isDefault && (
          <FieldProblems problems={[...at('user_group'), ...at('query_group'), ...at('user_role')]} />
        )}
      </div>

      <div className="rules">
        <h4 className="rules-title">Query monitoring rules</h4>
        {rules.length === 0 && <p className="faint small">No rules on this queue.</p>}
        {rules.map((raw, ri) => (
          <QmrRuleForm
            key={ri}
            doc={doc}
            qi={qi}
            ri={ri}
            rule={typeof raw === 'object' && raw !== null && !Array.isArray(raw) ? (raw as JsonObject) : {}}
            mode={mode}
            problems={problems}
            disabled={disabled}
            onChange={onChange}
          />
        ))}
        <FieldProblems problems={problemsExactly(problems, `${path}.rules`)} />
        <Button
          small
          data-testid={ids.ruleAdd}
          disabled={disabled}
          onClick={() => onChange(addRule(doc, qi))}
        >
          Add rule
        </Button>
      </div>
    </section>
  );
}
