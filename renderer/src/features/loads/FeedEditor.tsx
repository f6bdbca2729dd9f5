// One feed's edits on the ledger: its name, muted (shown greyed, never counted as a problem), its own
// oversized / undersized thresholds, and a merge into another learned feed (or out of it again).
// Saving is an audited change (loads.setFeed, loads.mergeFeeds); a read-only door refuses it and the
// refusal is shown.
import { useState } from 'react';
import type { FeedLedger } from '../../../../shared/model/load.ts';
import { testIds } from '../../../../shared/testIds.ts';
import { useApi } from '../../api/ApiContext.tsx';
import { StatusMessage } from '../../components/StatusMessage.tsx';
import { Button } from '../../components/Button.tsx';
import { auditedChange } from '../../components/auditedChange.ts';
import { submitTo } from '../../components/submitTo.ts';

const ids = testIds.feeds;

/** "" when the feed uses the default (3x / one third), else the number as typed. */
const thresholdText = (value: number, defaultValue: number): string =>
  Math.abs(value - defaultValue) < 1e-9 ? '' : String(Number(value.toFixed(3)));

export function FeedEditor({
  connectionId,
  feed,
  others,
  onSaved,
}: {
  connectionId: string;
  feed: FeedLedger;
  /** The other feeds of the ledger: what this one can be merged into. */
  others: FeedLedger[];
  onSaved(): void;
}) {
  const { call } = useApi();
  const [name, setName] = useState(feed.name ?? '');
  const [muted, setMuted] = useState(feed.muted);
  const [oversized, setOversized] = useState(thresholdText(feed.oversizedAt, 3));
  const [undersized, setUndersized] = useState(thresholdText(feed.undersizedAt, 1 / 3));
  const [into, setInto] = useState('');
  const [message, setMessage] = useState<string | null>(null);

  const save = async () => {
    const change = async () => {
      await call('loads.setFeed', {
        connectionId,
        feedKey: feed.feedKey,
        name: name.trim() === '' ? null : name.trim(),
        muted,
        oversizedAt: oversized.trim() === '' ? null : Number(oversized),
        undersizedAt: undersized.trim() === '' ? null : Number(undersized),
      });
      if (into !== '') await call('loads.mergeFeeds', { connectionId, feedKey: feed.feedKey, into });
    };
    if (await auditedChange(setMessage, change)) onSaved();
  };

  const split = async (key: string) => {
    const change = () => call('loads.mergeFeeds', { connectionId, feedKey: key, into: null });
    const done = `${key} is a feed of its own again (recorded in the audit log).`;
    if (await auditedChange(setMessage, change, done)) onSaved();
  };

  return (
    <form className="feeds-editor" data-testid={ids.editor} onSubmit={submitTo(save)}>
      <p className="mono feeds-editor-key">{feed.feedKey}</p>
      <label>
        Name
        <input
          data-testid={ids.editName}
          value={name}
          placeholder={feed.tableName}
          maxLength={120}
          onChange={(e) => setName(e.target.value)}
        />
      </label>
      <label>
        <input
          type="checkbox"
          data-testid={ids.editMuted}
          checked={muted}
          onChange={(e) => setMuted(e.target.checked)}
        />
        Muted (shown greyed, never counted as a problem)
      </label>
      {(
        [
          ['Oversized at ≥ × median rows', 1.1, 1000, '3', ids.editOversized, oversized, setOversized],
          [
            'Undersized at ≤ share of median',
            0.001,
            0.9,
            '0.333',
            ids.editUndersized,
            undersized,
            setUndersized,
          ],
        ] as const
      ).map(([label, min, max, placeholder, testId, value, setValue]) => (
        <label key={testId}>
          {label}
          <input
            type="number"
            step="any"
            min={min}
            max={max}
            placeholder={placeholder}
            data-testid={testId}
            value={value}
            onChange={(e) => setValue(e.target.value)}
          />
        </label>
      ))}
      <label>
        Merge into
        <select data-testid={ids.editMergeInto} value={into} onChange={(e) => setInto(e.target.value)}>
          <option value="">— keep as its own feed —</option>
          {others.map((o) => (
            <option key={o.feedKey} value={o.feedKey}>
              {o.name ?? o.tableName} ({o.sourcePrefix})
            </option>
          ))}
        </select>
      </label>
      <Button type="submit" data-testid={ids.editSave}>
        Save
      </Button>
      {feed.mergedFeedKeys.map((key) => (
        <Button key={key} onClick={() => void split(key)}>
          Split off {key}
        </Button>
      ))}
      <StatusMessage message={message} testId={ids.editMessage} />
    </form>
  );
}
