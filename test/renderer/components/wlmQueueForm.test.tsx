// @vitest-environment jsdom
// The WLM form validates as the user types: a wrong value is kept as typed, marked invalid and
// explained next to its field, and fixing it clears the problem. Rendered the way the editor page
// wires it (the JSON text is the draft; problems come from checkDraft).
import { cleanup, fireEvent, render, screen, within } from '@testing-library/react';
import { useState } from 'react';
import { afterEach, describe, expect, it } from 'vitest';
import { testIds } from '../../../shared/testIds.ts';
import { WlmForm } from '../../../renderer/src/features/governance/WlmForm.tsx';
import { checkDraft, readDoc } from '../../../renderer/src/features/governance/wlmDraft.ts';

const ids = testIds.wlmEditor;

afterEach(cleanup);

const MANUAL = JSON.stringify([
  { name: 'etl', query_concurrency: 5, user_group: ['etl'] },
  { query_concurrency: 5 },
  { short_query_queue: false },
]);

function Editor({ initial, onText }: { initial: string; onText: (t: string) => void }) {
  const [text, setText] = useState(initial);
  const doc = readDoc(text);
  if (!doc.ok) return <p>{doc.message}</p>;
  return (
    <WlmForm
      doc={doc.doc}
      problems={checkDraft(text)}
      onChange={(next) => {
        setText(next);
        onText(next);
      }}
    />
  );
}

function firstQueue() {
  return within(screen.getAllByTestId(ids.queue)[0]!);
}

describe('WlmQueueForm', () => {
  it('explains an out-of-range concurrency next to the field and clears it once fixed', () => {
    let text = MANUAL;
    render(<Editor initial={MANUAL} onText={(t) => (text = t)} />);
    const concurrency = firstQueue().getByTestId(ids.concurrency) as HTMLInputElement;
    expect(concurrency.value).toBe('5');
    expect(firstQueue().queryByTestId(ids.fieldProblem)).toBeNull();

    fireEvent.change(concurrency, { target: { value: '80' } });
    expect(concurrency.getAttribute('aria-invalid')).toBe('true');
    const problem = firstQueue().getByTestId(ids.fieldProblem);
    expect(problem.textContent).toBe('concurrency must be a whole number from 1 to 50 (got 80)');
    expect(problem.dataset.severity).toBe('error');
    expect(concurrency.getAttribute('aria-describedby')).toBe(problem.parentElement?.id);
    expect((JSON.parse(text) as { query_concurrency?: unknown }[])[0]?.query_concurrency).toBe(80);

    fireEvent.change(concurrency, { target: { value: '8' } });
    expect(concurrency.getAttribute('aria-invalid')).toBeNull();
    expect(firstQueue().queryByTestId(ids.fieldProblem)).toBeNull();
  });

  it('keeps what was typed when it is not a number, and says so', () => {
    render(<Editor initial={MANUAL} onText={() => undefined} />);
    const concurrency = firstQueue().getByTestId(ids.concurrency) as HTMLInputElement;
    fireEvent.change(concurrency, { target: { value: '6a' } });
    expect(concurrency.value).toBe('6a');
    expect(concurrency.getAttribute('aria-invalid')).toBe('true');
    expect(firstQueue().getByTestId(ids.fieldProblem).textContent).toBe('must be a number, not a string');
  });

  it('the default queue cannot be moved below itself or removed when alone', () => {
    render(<Editor initial={JSON.stringify([{ query_concurrency: 5 }])} onText={() => undefined} />);
    const only = firstQueue();
    expect((only.getByTestId(ids.queueRemove) as HTMLButtonElement).disabled).toBe(true);
    expect((only.getByTestId(ids.queueDown) as HTMLButtonElement).disabled).toBe(true);
    expect(only.queryByTestId(ids.userGroups)).toBeNull();
  });
});
