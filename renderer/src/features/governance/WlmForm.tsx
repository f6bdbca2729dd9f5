// The form over the WLM document: mode, the queues in order (service classes follow the order,
// REFERENCE 1.2), adding a queue before the default one, and the short query acceleration element.
import { testIds } from '../../../../shared/testIds.ts';
import type { WlmProblem } from '../../../../shared/wlm/types.ts';
import { WLM_LIMITS } from '../../../../shared/wlm/validateWlmConfiguration.ts';
import {
  addQueue,
  docModeOf,
  numberFromText,
  problemsAt,
  setMode,
  setSqa,
  writeDoc,
  type WlmDoc,
} from './wlmDraft.ts';
import { CheckField, SelectField, TextField } from './WlmFields.tsx';
import { WlmQueueForm } from './WlmQueueForm.tsx';
import { Button } from '../../components/Button';

const ids = testIds.wlmEditor;

const MODES = [
  { value: 'manual', label: 'manual (you set slots and memory)' },
  { value: 'auto', label: 'automatic (Redshift sets them; priorities)' },
];

interface Props {
  doc: WlmDoc;
  problems: WlmProblem[];
  /** The new JSON text after an edit. */
  onChange: (text: string) => void;
}

export function WlmForm({ doc, problems, onChange }: Props) {
  const mode = docModeOf(doc);
  const update = (next: WlmDoc) => onChange(writeDoc(next));
  const firstClass = mode === 'auto' ? 100 : 6;
  const sqaIndex = doc.queues.length;
  const sqaOn = doc.sqa?.short_query_queue === true;

  return (
    <div className="wlm-form">
      <div className="toolbar-row">
        <SelectField
          label="WLM mode"
          testId={ids.modeSelect}
          value={mode}
          options={MODES}
          onChange={(v) => update(setMode(doc, v === 'auto' ? 'auto' : 'manual'))}
          problems={[]}
        />
      </div>

      {doc.queues.map((queue, qi) => (
        <WlmQueueForm
          key={qi}
          doc={doc}
          qi={qi}
          queue={queue}
          mode={mode}
          serviceClass={firstClass + qi}
          problems={problems}
          disabled={false}
          onChange={update}
        />
      ))}

      <div className="toolbar-row">
        <Button
          data-testid={ids.queueAdd}
          disabled={doc.queues.length >= WLM_LIMITS.maxQueues}
          onClick={() => update(addQueue(doc))}
        >
          Add queue
        </Button>
        <span className="faint small">
          Up to {WLM_LIMITS.maxQueues} queues. A new queue goes before the default queue, which stays last.
        </span>
      </div>

      <section className="panel queue-card" aria-label="Short query acceleration">
        <div className="panel-header">
          <h3 className="panel-title">Short query acceleration (service class 14)</h3>
        </div>
        <div className="queue-grid">
          <CheckField
            label="Run short queries in a dedicated space"
            testId={ids.sqaEnabled}
            checked={sqaOn}
            onChange={(on) => update(setSqa(doc, on, doc.sqa?.max_execution_time))}
            problems={problemsAt(problems, `[${sqaIndex}].short_query_queue`)}
          />
          <TextField
            label="Maximum runtime (ms)"
            testId={ids.sqaMaxRuntime}
            value={doc.sqa?.max_execution_time}
            parse={numberFromText}
            inputMode="numeric"
            disabled={!sqaOn}
            onChange={(v) => update(setSqa(doc, sqaOn, v))}
            problems={problemsAt(problems, `[${sqaIndex}].max_execution_time`)}
            hint={`0 = dynamic; otherwise ${WLM_LIMITS.sqaMaxExecutionTimeMs.min}–${WLM_LIMITS.sqaMaxExecutionTimeMs.max}.`}
          />
        </div>
      </section>
    </div>
  );
}
