// One WLM queue in the form (REFERENCE 3.2): name, slots and memory (manual), timeout, user and query
// groups with their wildcards, priority (automatic), concurrency scaling, and its QMR rules. The last
// queue is the default queue: it takes no groups and stays last.
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
  textOfValue,
  type JsonObject,
  type WlmDoc,
} from './wlmDraft.ts';
import { QmrRuleForm } from './QmrRuleForm.tsx';
import { CheckField, FieldProblems, SelectField, TextField } from './WlmFields.tsx';

const ids = testIds.wlmEditor;

const PRIORITIES = ['highest', 'high', 'normal', 'low', 'lowest'].map((v) => ({ value: v, label: v }));
const SCALING = [
  { value: 'off', label: 'off' },
  { value: 'auto', label: 'auto' },
];

const text = (v: unknown) => textOfValue(v);
const listText = (v: unknown) => textOfList(v);
const asText = (t: string) => (t === '' ? undefined : t);
const asList = (t: string) => listFromText(t);

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
          <button
            type="button"
            className="button button-small"
            data-testid={ids.queueUp}
            disabled={disabled || !canMove(doc, qi, -1)}
            onClick={() => onChange(moveQueue(doc, qi, -1))}
            aria-label={`Move ${title} up`}
          >
            ↑
          </button>
          <button
            type="button"
            className="button button-small"
            data-testid={ids.queueDown}
            disabled={disabled || !canMove(doc, qi, 1)}
            onClick={() => onChange(moveQueue(doc, qi, 1))}
            aria-label={`Move ${title} down`}
          >
            ↓
          </button>
          <button
            type="button"
            className="button button-small button-danger-quiet"
            data-testid={ids.queueRemove}
            disabled={disabled || doc.queues.length <= 1}
            onClick={() => onChange(removeQueue(doc, qi))}
          >
            Remove queue
          </button>
        </span>
      </div>
      <FieldProblems problems={problemsExactly(problems, path)} />

      <div className="queue-grid">
        <TextField
          label="Name"
          testId={ids.queueName}
          value={queue.name}
          parse={asText}
          format={text}
          onChange={set('name')}
          problems={at('name')}
          disabled={disabled}
          hint={`Letters, digits, underscores and spaces; at most ${WLM_LIMITS.maxQueueNameLength}.`}
        />
        {mode === 'manual' ? (
          <>
            <TextField
              label="Concurrency (slots)"
              testId={ids.concurrency}
              value={queue.query_concurrency}
              parse={numberFromText}
              format={text}
              inputMode="numeric"
              onChange={set('query_concurrency')}
              problems={at('query_concurrency')}
              disabled={disabled}
              hint={`${WLM_LIMITS.minConcurrency}–${WLM_LIMITS.maxConcurrency}; empty means ${WLM_LIMITS.defaultConcurrency}.`}
            />
            <TextField
              label="Memory %"
              testId={ids.memory}
              value={queue.memory_percent_to_use}
              parse={numberFromText}
              format={text}
              inputMode="numeric"
              onChange={set('memory_percent_to_use')}
              problems={at('memory_percent_to_use')}
              disabled={disabled}
              hint="Set on every queue or on none; at most 100 in total."
            />
            <TextField
              label="Timeout (ms)"
              testId={ids.timeout}
              value={queue.max_execution_time}
              parse={numberFromText}
              format={text}
              inputMode="numeric"
              onChange={set('max_execution_time')}
              problems={at('max_execution_time')}
              disabled={disabled}
              hint="WLM timeout; 0 or empty for none."
            />
          </>
        ) : (
          <SelectField
            label="Priority"
            testId={ids.priority}
            value={queue.priority}
            options={PRIORITIES}
            unsetLabel="normal (default)"
            onChange={set('priority')}
            problems={at('priority')}
            disabled={disabled}
          />
        )}
        <SelectField
          label="Concurrency scaling"
          testId={ids.concurrencyScaling}
          value={queue.concurrency_scaling}
          options={SCALING}
          unsetLabel="off (default)"
          onChange={set('concurrency_scaling')}
          problems={at('concurrency_scaling')}
          disabled={disabled}
        />
        {!isDefault && (
          <>
            <TextField
              label="User groups"
              testId={ids.userGroups}
              value={queue.user_group}
              parse={asList}
              format={listText}
              onChange={(v) =>
                set('user_group')(v.length === 0 && queue.user_group === undefined ? undefined : v)
              }
              problems={at('user_group')}
              disabled={disabled}
              hint="Comma-separated."
            />
            <CheckField
              label="User group wildcards (* and ?)"
              testId={ids.userGroupWildcard}
              checked={queue.user_group_wild_card === 1}
              onChange={(on) => set('user_group_wild_card')(on ? 1 : 0)}
              problems={at('user_group_wild_card')}
              disabled={disabled}
            />
            <TextField
              label="Query groups"
              testId={ids.queryGroups}
              value={queue.query_group}
              parse={asList}
              format={listText}
              onChange={(v) =>
                set('query_group')(v.length === 0 && queue.query_group === undefined ? undefined : v)
              }
              problems={at('query_group')}
              disabled={disabled}
              hint="Comma-separated; matched against SET query_group."
            />
            <CheckField
              label="Query group wildcards (* and ?)"
              testId={ids.queryGroupWildcard}
              checked={queue.query_group_wild_card === 1}
              onChange={(on) => set('query_group_wild_card')(on ? 1 : 0)}
              problems={at('query_group_wild_card')}
              disabled={disabled}
            />
          </>
        )}
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
        <button
          type="button"
          className="button button-small"
          data-testid={ids.ruleAdd}
          disabled={disabled}
          onClick={() => onChange(addRule(doc, qi))}
        >
          Add rule
        </button>
      </div>
    </section>
  );
}
