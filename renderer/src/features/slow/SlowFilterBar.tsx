// The filters both tabs share. Names and labels offered as suggestions come from the rows shown (they
// are data: option values and text only). The queue is picked from the WLM configuration, or typed.
import { testIds } from '../../../../shared/testIds.ts';
import type { QueueOption } from './useQueueOptions.ts';
import { NO_FILTERS, type SlowFilters } from './slowFilters.ts';
import { Button } from '../../components/Button';

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
      <label className="slow-filter slow-filter-wide">
        <span className="slow-filter-label">Text contains</span>
        <input
          className="input"
          type="search"
          data-testid={ids.filterText}
          value={filters.text}
          placeholder="e.g. royalty"
          spellCheck={false}
          onChange={(e) => set('text', e.target.value)}
        />
      </label>
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
      <label className="slow-filter">
        <span className="slow-filter-label">Queue</span>
        {queues.length > 0 && queueKnown ? (
          <select
            className="input"
            data-testid={ids.filterQueue}
            value={filters.queue}
            onChange={(e) => set('queue', e.target.value)}
          >
            <option value="">any</option>
            {queues.map((q) => (
              <option key={q.serviceClass} value={String(q.serviceClass)}>
                {q.name} ({q.serviceClass})
              </option>
            ))}
          </select>
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
      </label>
      <label className="slow-filter slow-filter-narrow">
        <span className="slow-filter-label">Min duration (s)</span>
        <input
          className="input"
          inputMode="decimal"
          data-testid={ids.filterMinDuration}
          value={filters.minSeconds}
          placeholder="0"
          onChange={(e) => set('minSeconds', e.target.value)}
        />
      </label>
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
    <label className="slow-filter">
      <span className="slow-filter-label">{props.label}</span>
      <input
        className="input"
        list={props.listId}
        data-testid={props.testId}
        value={props.value}
        placeholder="any"
        spellCheck={false}
        onChange={(e) => props.onChange(e.target.value)}
      />
      <datalist id={props.listId}>
        {props.suggestions.map((v) => (
          <option key={v} value={v} />
        ))}
      </datalist>
    </label>
  );
}
