// "3 hidden by your patterns — show" (issue #14): a list that leaves statements out says how many and
// lets the reader see them, or edit the patterns, in place. Shown while something is hidden or shown.
import { useState } from 'react';
import { testIds } from '../../../../shared/testIds.ts';
import { Button } from '../../components/Button.tsx';
import { HiddenPatternsEditor } from './HiddenPatternsEditor.tsx';
import './lists.css';

const ids = testIds.hidden;

/** What each list hides, said for one and for several. */
const NOUNS = {
  live: ['statement', 'statements'],
  fingerprints: ['fingerprint', 'fingerprints'],
  newlySlow: ['fingerprint', 'fingerprints'],
  slowest: ['query', 'queries'],
  runs: ['run', 'runs'],
} as const;

interface Props {
  connectionId: string;
  /** Which list (a test and the reader tell several apart); it names what is hidden. */
  list: keyof typeof NOUNS;
  /** How many the patterns left out of this answer (0 while showing them). */
  hidden: number;
  showing: boolean;
  onShowingChange: (showing: boolean) => void;
  /** Offer "edit patterns" even when nothing is hidden (the slow queries view). */
  always?: boolean;
}

export function HiddenNotice(props: Props) {
  const { connectionId, list, hidden, showing, onShowingChange, always = false } = props;
  const noun = NOUNS[list];
  const [editing, setEditing] = useState(false);
  if (!showing && hidden === 0 && !always && !editing) return null;
  return (
    <div className="hidden-notice small" data-testid={ids.notice} data-list={list} data-hidden={hidden}>
      <span className="muted">
        {showing
          ? 'Showing statements your patterns hide.'
          : hidden === 0
            ? 'Nothing hidden by your patterns.'
            : `${hidden.toLocaleString('en-US')} ${hidden === 1 ? noun[0] : noun[1]} hidden by your patterns.`}
      </span>{' '}
      {(showing || hidden > 0) && (
        <Button look="quiet" small data-testid={ids.toggle} onClick={() => onShowingChange(!showing)}>
          {showing ? 'Hide them' : 'Show'}
        </Button>
      )}
      <Button
        look="quiet"
        small
        data-testid={ids.edit}
        aria-expanded={editing}
        onClick={() => setEditing((e) => !e)}
      >
        Edit patterns
      </Button>
      {editing && <HiddenPatternsEditor connectionId={connectionId} onDone={() => setEditing(false)} />}
    </div>
  );
}
