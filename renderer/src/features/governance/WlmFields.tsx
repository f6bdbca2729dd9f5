// The WLM form's inputs. Text-backed fields keep what the user typed while they type ("1." or "a,")
// and push the parsed value up; when the value changes from elsewhere (the JSON tab, a reload) the
// text follows it. Problems for the field's path are shown under it and mark it invalid.
import { useEffect, useId, useRef, useState, type ReactNode } from 'react';
import { testIds } from '../../../../shared/testIds.ts';
import type { WlmProblem } from '../../../../shared/wlm/types.ts';
import { textOfValue } from './wlmDraft.ts';

interface TextFieldProps<T> {
  label: ReactNode;
  testId: string;
  value: unknown;
  /** The JSON value for a text (undefined: remove the property). */
  parse: (text: string) => T;
  /** How the value reads in the box; the JSON value as text unless said otherwise. */
  format?: (value: unknown) => string;
  onChange: (value: T) => void;
  problems: WlmProblem[];
  disabled?: boolean;
  hint?: ReactNode;
  inputMode?: 'numeric' | 'text';
  placeholder?: string;
  className?: string;
}

export function TextField<T>(props: TextFieldProps<T>) {
  const { value, parse, format = textOfValue } = props;
  const [text, setText] = useState(() => format(value));
  const lastPushed = useRef<string>(JSON.stringify(value ?? null));
  const problemId = useId();

  useEffect(() => {
    const incoming = JSON.stringify(value ?? null);
    if (incoming !== lastPushed.current) {
      lastPushed.current = incoming;
      setText(format(value));
    }
  }, [value, format]);

  return (
    <FieldFrame {...props} problemId={problemId}>
      <input
        {...controlAttributes(props, problemId)}
        value={text}
        inputMode={props.inputMode}
        placeholder={props.placeholder}
        spellCheck={false}
        autoComplete="off"
        onChange={(e) => {
          const next = e.target.value;
          setText(next);
          const parsed = parse(next);
          lastPushed.current = JSON.stringify(parsed ?? null);
          props.onChange(parsed);
        }}
      />
    </FieldFrame>
  );
}

export function FieldProblems({ problems, id }: { problems: WlmProblem[]; id?: string }) {
  if (problems.length === 0) return null;
  return (
    <span id={id}>
      {problems.map((p, i) => (
        <span
          key={i}
          className={`field-problem${p.severity === 'warning' ? ' field-problem-warning' : ''}`}
          data-testid={testIds.wlmEditor.fieldProblem}
          data-severity={p.severity}
        >
          {p.severity === 'warning' ? 'Warning: ' : ''}
          {p.message}
        </span>
      ))}
    </span>
  );
}

interface SelectFieldProps {
  label: ReactNode;
  testId: string;
  value: unknown;
  options: readonly { value: string; label: string }[];
  /** Shown when the value is absent; choosing it removes the property. */
  unsetLabel?: string;
  onChange: (value: string | undefined) => void;
  problems: WlmProblem[];
  disabled?: boolean;
  className?: string;
}

export function SelectField(props: SelectFieldProps) {
  const current =
    typeof props.value === 'string' ? props.value : props.value === undefined ? '' : String(props.value);
  const known = props.options.some((o) => o.value === current) || current === '';
  const problemId = useId();
  return (
    <FieldFrame {...props} problemId={problemId}>
      <select
        {...controlAttributes(props, problemId)}
        value={current}
        onChange={(e) => props.onChange(e.target.value === '' ? undefined : e.target.value)}
      >
        {props.unsetLabel !== undefined && <option value="">{props.unsetLabel}</option>}
        {!known && <option value={current}>{current} (not valid)</option>}
        {props.options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
    </FieldFrame>
  );
}

/** A field's label, its control, an optional hint and its problems (TextField, SelectField). */
function FieldFrame(props: {
  label: ReactNode;
  className?: string;
  hint?: ReactNode;
  problems: WlmProblem[];
  problemId: string;
  children: ReactNode;
}) {
  return (
    <label className={`field ${props.className ?? ''}`}>
      <span className="field-label">{props.label}</span>
      {props.children}
      {props.hint && <span className="field-hint">{props.hint}</span>}
      <FieldProblems id={props.problemId} problems={props.problems} />
    </label>
  );
}

/** The control's own attributes: invalid when an error is among its problems, pointing at them. */
const controlAttributes = (
  props: { testId: string; disabled?: boolean; problems: WlmProblem[] },
  problemId: string,
) => ({
  className: 'input',
  'data-testid': props.testId,
  disabled: props.disabled,
  'aria-invalid': props.problems.some((p) => p.severity === 'error') || undefined,
  'aria-describedby': props.problems.length > 0 ? problemId : undefined,
});

export function CheckField(props: {
  label: ReactNode;
  testId: string;
  checked: boolean;
  onChange: (checked: boolean) => void;
  problems: WlmProblem[];
  disabled?: boolean;
}) {
  return (
    <span className="field">
      <label className="check">
        <input
          type="checkbox"
          data-testid={props.testId}
          checked={props.checked}
          disabled={props.disabled}
          onChange={(e) => props.onChange(e.target.checked)}
        />
        {props.label}
      </label>
      <FieldProblems problems={props.problems} />
    </span>
  );
}
