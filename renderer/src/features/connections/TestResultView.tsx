import type { ConnectionTestResult } from '../../../../shared/model/connection.ts';
import { failureLabel, formatLatency, shortServerVersion } from './describeConnection.ts';

/** One connection's test: not run, running, answered by the core, or the call itself failed. */
export type TestState =
  | { state: 'idle' }
  | { state: 'testing' }
  | { state: 'done'; result: ConnectionTestResult }
  | { state: 'error'; message: string };

export function TestResultView({ test }: { test: TestState }) {
  switch (test.state) {
    case 'idle':
      return <span className="faint">Not tested</span>;
    case 'testing':
      return <span className="muted">Connecting…</span>;
    case 'error':
      return (
        <div className="test-result">
          <span className="badge badge-danger">Error</span>
          <span className="test-message">{test.message}</span>
        </div>
      );
    case 'done': {
      const { result } = test;
      if (result.ok) {
        return (
          <div className="test-result">
            <span className="badge badge-ok">Connected</span>
            <span className="mono" title={result.serverVersion}>
              {shortServerVersion(result.serverVersion)}
            </span>
            <span className="muted small">
              {formatLatency(result.latencyMs)} · {result.reached}
            </span>
          </div>
        );
      }
      return (
        <div className="test-result">
          <span className="badge badge-danger">{failureLabel(result.reason)}</span>
          <span className="test-message">{result.message}</span>
        </div>
      );
    }
  }
}
