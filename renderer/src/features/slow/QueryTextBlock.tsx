// The full text of a query, verbatim (pre-wrap: every space and line break kept, long lines wrap),
// with a Copy button that copies exactly that string.
import { useEffect, useState } from 'react';
import { testIds } from '../../../../shared/testIds.ts';
import { copyText } from './copyText.ts';
import { Button } from '../../components/Button';

const ids = testIds.queryDetail;

export function QueryTextBlock({ text, complete }: { text: string; complete: boolean }) {
  const [copied, setCopied] = useState<'ok' | 'failed' | null>(null);
  useEffect(() => {
    if (copied === null) return;
    const timer = setTimeout(() => setCopied(null), 2_500);
    return () => clearTimeout(timer);
  }, [copied]);

  return (
    <div className="qd-text-block">
      <div className="panel-header qd-text-bar">
        <span className="muted small">
          {text.length.toLocaleString('en-US')} characters
          {!complete && (
            <span className="qd-incomplete" data-testid={ids.textIncomplete}>
              {' '}
              · only the first 4,000 characters: the cluster no longer held the rest
            </span>
          )}
        </span>
        <span className="qd-copy">
          {copied && (
            <span
              className={copied === 'ok' ? 'qd-copied' : 'qd-copy-failed'}
              data-testid={ids.copied}
              role="status"
            >
              {copied === 'ok' ? 'Copied' : 'Could not copy: select the text instead'}
            </span>
          )}
          <Button
            data-testid={ids.copy}
            onClick={() => void copyText(text).then((ok) => setCopied(ok ? 'ok' : 'failed'))}
          >
            Copy
          </Button>
        </span>
      </div>
      <pre className="qd-text mono" data-testid={ids.text}>
        {text}
      </pre>
    </div>
  );
}
