// A row of buttons where exactly one is chosen: toggles (the time zone, the connection kind) and tabs
// (the WLM editor's form / raw JSON). Written out by hand on each page before, button by button.
import type { ReactNode } from 'react';

export interface Segment<T extends string> {
  value: T;
  label: ReactNode;
  testId: string;
  title?: string;
}

interface Props<T extends string> {
  /** The group's name for assistive technology. */
  label: string;
  /** The container's class and each option's (pages style them their own way). */
  className: string;
  optionClassName: string;
  /** Tabs say which one is selected (role tab); toggles say which one is pressed. */
  tabs?: boolean;
  segments: readonly Segment<T>[];
  value: T;
  onChange(value: T): void;
}

export function Segmented<T extends string>({
  label,
  className,
  optionClassName,
  tabs,
  segments,
  value,
  onChange,
}: Props<T>) {
  return (
    <div className={className} role={tabs ? 'tablist' : 'group'} aria-label={label}>
      {segments.map((s) => (
        <button
          key={s.value}
          type="button"
          role={tabs ? 'tab' : undefined}
          className={optionClassName}
          aria-pressed={tabs ? undefined : s.value === value}
          aria-selected={tabs ? s.value === value : undefined}
          data-testid={s.testId}
          title={s.title}
          onClick={() => onChange(s.value)}
        >
          {s.label}
        </button>
      ))}
    </div>
  );
}
