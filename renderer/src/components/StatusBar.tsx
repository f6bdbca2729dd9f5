import { testIds } from '../../../shared/testIds.ts';
import { useStreamState } from '../api/ApiContext.tsx';
import type { Door, StreamState } from '../api/Transport.ts';
import { summariseCollector } from '../features/collector/describeCollector.ts';
import { useCollectorStatus } from '../features/collector/useCollectorStatus.ts';
import { useNow } from '../hooks/useNow.ts';
import './StatusBar.css';

interface Props {
  door: Door;
  admin: boolean;
  /** null while the list is loading. */
  connectionCount: number | null;
  version: string;
}

const STREAM_LABELS: Record<StreamState, string> = {
  connecting: 'connecting',
  live: 'live',
  reconnecting: 'reconnecting',
};

/** The app's tone dots (controls.css): the event stream's state as a tone. */
const STREAM_TONES: Record<StreamState, 'idle' | 'ok' | 'warn'> = {
  connecting: 'idle',
  live: 'ok',
  reconnecting: 'warn',
};

/**
 * One line of facts an operator glances at: how this page reaches the core, what it may do, and
 * whether it is still hearing from it, and what the collector is doing. Later items go before the spacer.
 */
export function StatusBar({ door, admin, connectionCount, version }: Props) {
  const stream = useStreamState();
  const collector = useCollectorStatus();
  const now = useNow();
  const summary =
    collector.status === null && collector.error !== null
      ? { tone: 'idle' as const, text: `Collector unavailable: ${collector.error}` }
      : summariseCollector(collector.status, now);
  return (
    <footer className="status-bar" data-testid={testIds.statusBar.root}>
      <span
        className="status-item"
        data-testid={testIds.statusBar.door}
        title="How this window reaches the core"
      >
        {door === 'desktop' ? 'Desktop' : 'Browser'}
      </span>
      <span
        className={`status-item ${admin ? 'status-admin' : 'status-readonly'}`}
        data-testid={testIds.statusBar.access}
      >
        {admin ? 'Admin' : 'Read-only'}
      </span>
      <span className="status-item" data-testid={testIds.statusBar.connections}>
        {connectionCount === null
          ? 'Connections …'
          : `${connectionCount} ${connectionCount === 1 ? 'connection' : 'connections'}`}
      </span>
      <span className="status-item" data-testid={testIds.statusBar.events} data-state={stream}>
        <span className={`tone-dot tone-dot-${STREAM_TONES[stream]}`} aria-hidden="true" />
        Events {STREAM_LABELS[stream]}
      </span>
      <span
        className={`status-item status-collector${summary.tone === 'error' || summary.tone === 'warn' ? ` tone-text-${summary.tone}` : ''}`}
        data-testid={testIds.statusBar.collector}
        data-tone={summary.tone}
        title={summary.text}
      >
        <span className={`tone-dot tone-dot-${summary.tone}`} aria-hidden="true" />
        <span className="status-collector-text">{summary.text}</span>
      </span>
      <span className="status-spacer" />
      <span className="status-item status-version" data-testid={testIds.statusBar.version}>
        Nightshift {version}
      </span>
    </footer>
  );
}
