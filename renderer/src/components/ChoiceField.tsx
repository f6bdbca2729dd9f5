// A labelled <select> over a list of choices: the filter bars and toolbars of several pages (audit,
// live activity) had the same label / select / options block, each written out by hand.
import type { ReactNode } from 'react';
import { ChoiceSelect, type Choice } from './ChoiceSelect.tsx';

export type { Choice };

interface Props {
  label: ReactNode;
  /** The <label>'s class and the caption's: a form field unless the page lays it out its own way. */
  className?: string;
  captionClassName?: string;
  testId: string;
  value: string;
  choices: readonly Choice[];
  onChange(value: string): void;
}

export function ChoiceField({
  label,
  className = 'field',
  captionClassName = 'field-label',
  testId,
  value,
  choices,
  onChange,
}: Props) {
  return (
    <label className={className}>
      <span className={captionClassName}>{label}</span>
      <ChoiceSelect testId={testId} value={value} choices={choices} onChange={onChange} />
    </label>
  );
}
