// One query monitoring rule: name, up to three predicates (metric, operator, value), action
// (REFERENCE 3.4). Metric ranges come from shared/wlm/qmrMetrics.ts and are checked as the user types.
import { testIds } from '../../../../shared/testIds.ts';
import { QMR_METRICS, QMR_PRIORITY_METRIC, QMR_PRIORITY_VALUES } from '../../../../shared/wlm/qmrMetrics.ts';
import type { WlmProblem } from '../../../../shared/wlm/types.ts';
import { WLM_LIMITS } from '../../../../shared/wlm/validateWlmConfiguration.ts';
import {
  addPredicate,
  numberFromText,
  problemsAt,
  problemsExactly,
  removePredicate,
  removeRule,
  setPredicateField,
  setRuleField,
  type JsonObject,
  type WlmDoc,
} from './wlmDraft.ts';
import { FieldProblems, SelectField, TextField } from './WlmFields.tsx';
import { Button } from '../../components/Button';

const ids = testIds.wlmEditor;

const METRIC_OPTIONS = [
  ...Object.entries(QMR_METRICS).map(([name, spec]) => ({ value: name, label: `${name} (${spec.unit})` })),
  { value: QMR_PRIORITY_METRIC, label: `${QMR_PRIORITY_METRIC} (priority)` },
];
const OPERATORS = [
  { value: '>', label: '>' },
  { value: '<', label: '<' },
  { value: '=', label: '=' },
];
const PRIORITY_OPTIONS = QMR_PRIORITY_VALUES.map((v) => ({ value: v, label: v }));

function actionOptions(mode: 'auto' | 'manual') {
  return [
    { value: 'log', label: 'log' },
    ...(mode === 'manual' ? [{ value: 'hop', label: 'hop (manual WLM only)' }] : []),
    { value: 'abort', label: 'abort' },
    { value: 'change_query_priority', label: 'change query priority' },
  ];
}

const asText = (t: string) => (t === '' ? undefined : t);

interface Props {
  doc: WlmDoc;
  qi: number;
  ri: number;
  rule: JsonObject;
  mode: 'auto' | 'manual';
  problems: WlmProblem[];
  disabled: boolean;
  onChange: (doc: WlmDoc) => void;
}

export function QmrRuleForm({ doc, qi, ri, rule, mode, problems, disabled, onChange }: Props) {
  const path = `[${qi}].rules[${ri}]`;
  const predicates = Array.isArray(rule.predicate) ? (rule.predicate as unknown[]) : [];
  // What every field passes the same way: its value, setter, problems and lock.
  const bindRule = (key: string) => ({
    value: rule[key],
    onChange: (v: unknown) => onChange(setRuleField(doc, qi, ri, key, v)),
    problems: problemsAt(problems, `${path}.${key}`),
    disabled,
  });
  const bindPredicate = (pi: number, pred: JsonObject, key: 'value' | 'metric_name' | 'operator') => ({
    value: pred[key],
    onChange: (v: unknown) => onChange(setPredicateField(doc, qi, ri, pi, key, v)),
    problems: problemsAt(problems, `${path}.predicate[${pi}].${key}`),
    disabled,
  });
  return (
    <div className="rule" data-testid={ids.rule} data-index={ri}>
      <div className="rule-row">
        <TextField label="Rule name" testId={ids.ruleName} {...bindRule('rule_name')} parse={asText} />
        <SelectField
          label="Action"
          testId={ids.ruleAction}
          {...bindRule('action')}
          options={actionOptions(mode)}
        />
        {rule.action === 'change_query_priority' && (
          <SelectField
            label="New priority"
            testId={ids.ruleActionValue}
            {...bindRule('value')}
            options={PRIORITY_OPTIONS}
          />
        )}
        <Button
          look="quiet"
          small
          data-testid={ids.ruleRemove}
          disabled={disabled}
          onClick={() => onChange(removeRule(doc, qi, ri))}
        >
          Remove rule
        </Button>
      </div>
      <FieldProblems
        problems={[...problemsExactly(problems, path), ...problemsExactly(problems, `${path}.predicate`)]}
      />
      {predicates.map((raw, pi) => {
        const pred: JsonObject =
          typeof raw === 'object' && raw !== null && !Array.isArray(raw) ? (raw as JsonObject) : {};
        const ppath = `${path}.predicate[${pi}]`;
        const isPriority = pred.metric_name === QMR_PRIORITY_METRIC;
        const spec = typeof pred.metric_name === 'string' ? QMR_METRICS[pred.metric_name] : undefined;
        return (
          <div className="predicate-row" key={pi} data-testid={ids.predicate} data-index={pi}>
            <span className="faint small">{pi === 0 ? 'when' : 'and'}</span>
            <SelectField
              className="field-metric"
              label="Metric"
              testId={ids.predicateMetric}
              value={pred.metric_name}
              options={METRIC_OPTIONS}
              onChange={(v) => {
                let next = setPredicateField(doc, qi, ri, pi, 'metric_name', v);
                // A priority compares words, every other metric numbers: reset a value of the wrong kind.
                if (v === QMR_PRIORITY_METRIC && typeof pred.value !== 'string') {
                  next = setPredicateField(next, qi, ri, pi, 'value', 'low');
                } else if (v !== QMR_PRIORITY_METRIC && typeof pred.value === 'string') {
                  next = setPredicateField(next, qi, ri, pi, 'value', 0);
                }
                onChange(next);
              }}
              problems={problemsAt(problems, `${ppath}.metric_name`)}
              disabled={disabled}
            />
            <SelectField
              label="Operator"
              testId={ids.predicateOperator}
              {...bindPredicate(pi, pred, 'operator')}
              options={OPERATORS}
            />
            {isPriority ? (
              <SelectField
                label="Value"
                testId={ids.predicateValue}
                value={typeof pred.value === 'string' ? pred.value.toLowerCase() : pred.value}
                options={PRIORITY_OPTIONS}
                onChange={(v) => onChange(setPredicateField(doc, qi, ri, pi, 'value', v))}
                problems={problemsAt(problems, `${ppath}.value`)}
                disabled={disabled}
              />
            ) : (
              <TextField
                label={
                  spec ? `Value (${spec.unit}, ${spec.min}–${spec.max.toLocaleString('en-US')})` : 'Value'
                }
                testId={ids.predicateValue}
                {...bindPredicate(pi, pred, 'value')}
                parse={numberFromText}
                inputMode="numeric"
              />
            )}
            <Button
              look="quiet"
              small
              data-testid={ids.predicateRemove}
              disabled={disabled || predicates.length <= 1}
              onClick={() => onChange(removePredicate(doc, qi, ri, pi))}
            >
              Remove
            </Button>
            <FieldProblems problems={problemsExactly(problems, ppath)} />
          </div>
        );
      })}
      <div className="toolbar-row">
        <Button
          small
          data-testid={ids.predicateAdd}
          disabled={disabled || predicates.length >= WLM_LIMITS.maxPredicatesPerRule}
          onClick={() => onChange(addPredicate(doc, qi, ri))}
        >
          Add predicate
        </Button>
        <span className="faint small">
          Up to {WLM_LIMITS.maxPredicatesPerRule} predicates, all must hold.
        </span>
      </div>
    </div>
  );
}
