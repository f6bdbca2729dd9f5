// The bar above every on-call view: which connection, which time range, which time zone, refresh.
// Chosen once here and shown by every view (ViewState). A zoomed or linked window shows as
// "from – to" in the chosen zone with a way back to the preset it came from.
import { useEffect } from 'react';
import { testIds } from '../../../shared/testIds.ts';
import { useAppState } from '../app/AppState.ts';
import { useView } from '../app/ViewState.ts';
import { hashForPage } from '../app/route.ts';
import { formatDateTime, zoneLabel } from '../time/formatTime.ts';
import { isPresetId, presetOf, RANGE_PRESETS, type RangePresetId } from '../time/timeRange.ts';
import { Button } from './Button';
import { ChoiceSelect } from './ChoiceSelect.tsx';
import './ViewToolbar.css';
import { Segmented } from './Segmented';

const ids = testIds.viewToolbar;

/**
 * The preset a zoom started from, for "back to Last 7 days". Kept for the page's life (not per mount:
 * the toolbar unmounts on pages without it, and a zoom survives that).
 */
let lastPreset: RangePresetId = '24h';

/** `rangeNote`: the page shows now, whatever the range (issue #14: "the range selector does nothing"). */
export function ViewToolbar({ rangeNote }: { rangeNote?: string }) {
  const { connections } = useAppState();
  const view = useView();
  const { range, resolved, zone } = view;
  useEffect(() => {
    if (range.kind === 'preset') lastPreset = range.preset;
  }, [range]);
  const list = connections.list ?? [];

  return (
    <div className="view-toolbar" role="toolbar" aria-label="View" data-testid={ids.root}>
      <label className="toolbar-field">
        <span className="toolbar-label">Connection</span>
        {list.length === 0 ? (
          <span className="toolbar-none" data-testid={ids.noConnection}>
            {connections.list === null ? 'Loading…' : 'None yet — '}
            {connections.list !== null && <a href={hashForPage('connections')}>add one</a>}
          </span>
        ) : (
          <ChoiceSelect
            className="toolbar-select"
            testId={ids.connection}
            value={view.connectionId ?? ''}
            choices={list.map((c) => ({ value: c.id, label: c.name }))}
            onChange={view.setConnectionId}
          />
        )}
      </label>

      <label className="toolbar-field">
        <span className="toolbar-label">Range</span>
        <ChoiceSelect
          className="toolbar-select"
          testId={ids.rangePreset}
          value={range.kind === 'preset' ? range.preset : ''}
          placeholder={range.kind === 'fixed' ? 'Custom window' : undefined}
          choices={RANGE_PRESETS.map((p) => ({ value: p.id, label: p.label }))}
          onChange={(v) => {
            if (isPresetId(v)) view.setRange({ kind: 'preset', preset: v });
          }}
        />
      </label>
      {rangeNote !== undefined && (
        <span className="toolbar-note faint small" data-testid={testIds.agree.rangeNote}>
          {rangeNote}
        </span>
      )}

      {range.kind === 'fixed' && (
        <div className="toolbar-window">
          <span className="toolbar-window-text mono" data-testid={ids.rangeWindow}>
            {formatDateTime(resolved.from, zone)} – {formatDateTime(resolved.to, zone)}
          </span>
          <Button
            look="quiet"
            data-testid={ids.rangeBack}
            onClick={() => view.setRange({ kind: 'preset', preset: lastPreset })}
          >
            Back to {presetOf(lastPreset).label.toLowerCase()}
          </Button>
        </div>
      )}

      <div className="toolbar-field">
        <span className="toolbar-label">Time</span>
        <Segmented
          label="Time zone"
          className="segmented"
          optionClassName="segmented-option"
          segments={[
            { value: 'utc', label: 'UTC', testId: ids.zoneUtc },
            { value: 'local', label: 'Local', testId: ids.zoneLocal, title: zoneLabel('local') },
          ]}
          value={zone}
          onChange={view.setZone}
        />
      </div>

      <Button className="toolbar-refresh" data-testid={ids.refresh} onClick={view.refresh}>
        <span aria-hidden="true">⟳</span> Refresh
      </Button>
    </div>
  );
}
