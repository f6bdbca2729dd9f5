// A <select> over a list of choices, reporting the chosen value. The toolbar, the connection form and
// every ChoiceField wrote the same select / options block by hand (issue #15).
import type { ReactNode } from 'react';

export interface Choice {
  value: string;
  label: ReactNode;
}

interface Props {
  testId: string;
  value: string;
  choices: readonly Choice[];
  onChange(value: string): void;
  /** After "input": e.g. "toolbar-select". */
  className?: string;
  name?: string;
  /** A disabled first option shown while the value is none of the choices (e.g. "Custom window"). */
  placeholder?: string;
}

export function ChoiceSelect({ testId, value, choices, onChange, className, name, placeholder }: Props) {
  return (
    <select
      name={name}
      className={className ? `input ${className}` : 'input'}
      data-testid={testId}
      value={value}
      onChange={(e) => onChange(e.target.value)}
    >
      {placeholder !== undefined && (
        <option value="" disabled>
          {placeholder}
        </option>
      )}
      {choices.map((c) => (
        <option key={c.value} value={c.value}>
          {c.label}
        </option>
      ))}
    </select>
  );
}
