// The filters both tabs share. Names and labels offered as suggestions come from the rows shown (they
// are data: option values and text only). The queue is picked from the WLM configuration, or typed.
import type { ReactNode } from 'react';
import { testIds } from '../../../../shared/testIds.ts';
import type { QueueOption } from './useQueueOptions.ts';
import { NO_FILTERS, type SlowFilters } from './slowFilters.ts';
import { Button } from '../../components/Button';
import { ChoiceSelect } from '../../components/ChoiceSelect.tsx';

const ids = testIds.slow;

interface Props {
  filters: SlowFilters;
  onChange(next: SlowFilters): void;
  queues: readonly QueueOption[];
  users: readonly string[];
  labels: readonly string[];
}

export function SlowFilterBar({ filters, onChange, queues, users, labels }: Props) {
  const set = <K extends keyof SlowFilters>(key: K, value: SlowFilters[K]) =>
    onChange({ ...filters, [key]: value });
  /** A text filter's value and its setter, for the inputs below. */
  const bind = (key: 'user' | 'label') => ({ value: filters[key], onChange: (v: string) => set(key, v) });
  const queueKnown = filters.queue === '' || queues.some((q) => String(q.serviceClass) === filters.queue);

  return (
    <form
      className="panel slow-filters"
      role="search"
      aria-label="Filter queries"
      onSubmit={(e) => e.preventDefault()}
    >
      <FilterInput
        wide
        label="Text contains"
        type="search"
        testId={ids.filterText}
        value={filters.text}
        placeholder="e.g. royalty"
        onChange={(v) => set('text', v)}
      />
      <SuggestFilter
        label="User"
        listId="slow-users"
        testId={ids.filterUser}
        suggestions={users}
        {...bind('user')}
      />
      <SuggestFilter
        label="Query group / label"
        listId="slow-labels"
        testId={ids.filterLabel}
        suggestions={labels}
        {...bind('label')}
      />
      <FilterField label="Queue">
        {queues.length > 0 && queueKnown ? (
          <ChoiceSelect
            testId={ids.filterQueue}
            value={filters.queue}
            choices={[
              { value: '', label: 'any' },
              ...queues.map((q) => ({
                value: String(q.serviceClass),
                label: `${q.name} (${q.serviceClass})`,
              })),
            ]}
            onChange={(v) => set('queue', v)}
          />
        ) : (
          <input
            className="input"
            inputMode="numeric"
            data-testid={ids.filterQueue}
            value={filters.queue}
            placeholder="service class"
            onChange={(e) => set('queue', e.target.value.replace(/[^\d]/g, ''))}
          />
        )}
      </FilterField>
      <FilterInput
        narrow
        label="Min duration (s)"
        inputMode="decimal"
        testId={ids.filterMinDuration}
        value={filters.minSeconds}
        placeholder="0"
        onChange={(v) => set('minSeconds', v)}
      />
      <label className="slow-filter-check">
        <input
          type="checkbox"
          data-testid={ids.filterAborted}
          checked={filters.abortedOnly}
          onChange={(e) => set('abortedOnly', e.target.checked)}
        />
        Aborted only
      </label>
      <Button
        look="quiet"
        data-testid={ids.filterClear}
        onClick={() => onChange(NO_FILTERS)}
        disabled={JSON.stringify(filters) === JSON.stringify(NO_FILTERS)}
      >
        Clear
      </Button>
    </form>
  );
}

/** A free-text filter that offers the values seen in the rows (a datalist: values and text only). */
function SuggestFilter(props: {
  label: string;
  listId: string;
  testId: string;
  value: string;
  suggestions: readonly string[];
  onChange(value: string): void;
}) {
  return (
    <FilterInput {...props} list={props.listId} placeholder="any">
      <datalist id={props.listId}>
        {props.suggestions.map((v) => (
          <option key={v} value={v} />
        ))}
      </datalist>
    </FilterInput>
  );
}

/** A labelled filter of the bar; wide for text, narrow for a number. */
function FilterField(props: { label: string; wide?: boolean; narrow?: boolean; children: ReactNode }) {
  const size = props.wide ? ' slow-filter-wide' : props.narrow ? ' slow-filter-narrow' : '';
  return (
    <label className={`slow-filter${size}`}>
      <span className="slow-filter-label">{props.label}</span>
      {props.children}
    </label>
  );
}

/** A text box of the bar with its label; `children` follow it (a datalist). */
function FilterInput(props: {
  label: string;
  wide?: boolean;
  narrow?: boolean;
  testId: string;
  value: string;
  onChange(value: string): void;
  placeholder: string;
  type?: 'search';
  inputMode?: 'decimal';
  list?: string;
  children?: ReactNode;
}) {
  return (
    <FilterField label={props.label} wide={props.wide} narrow={props.narrow}>
      <input
        className="input"
        type={props.type}
        inputMode={props.inputMode}
        list={props.list}
        data-testid={props.testId}
        value={props.value}
        placeholder={props.placeholder}
        spellCheck={false}
        onChange={(e) => props.onChange(e.target.value)}
      />
      {props.children}
    </FilterField>
  );
}
