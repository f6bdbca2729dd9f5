// Raw load-error text exactly as delivered: plain runs as React text, every invisible character as a
// labelled token, the failing range marked, and a button that copies the original text. Never HTML.
import { useState } from 'react';
import { visibleText } from '../../../../shared/loads/visibleText.ts';
import { testIds } from '../../../../shared/testIds.ts';
import { copyText } from '../slow/copyText.ts';

const ids = testIds.loadDetail;

interface Props {
  text: string;
  failing?: { start: number; end: number } | null;
  testId: string;
  copyTestId: string;
  label: string;
}

export function VisibleText({ text, failing, testId, copyTestId, label }: Props) {
  const [copied, setCopied] = useState(false);
  const segments = visibleText(text, failing);
  return (
    <div className="ld-raw">
      <code className="ld-raw-text" data-testid={testId} aria-label={label}>
        {segments.length === 0 && <span className="muted">(empty)</span>}
        {segments.map((s, i) => {
          const cls = s.failing ? 'ld-failing' : undefined;
          if (s.kind === 'text')
            return (
              <span key={i} className={cls} data-testid={s.failing ? ids.failing : undefined}>
                {s.shown}
              </span>
            );
          return (
            <span
              key={i}
              className={`ld-invisible ld-${s.kind}${s.failing ? ' ld-failing' : ''}`}
              data-testid={ids.invisible}
              data-kind={s.kind}
              title={s.label}
            >
              {s.shown}
              {s.kind !== 'non-ascii' && s.kind !== 'trailing-blank' && <sub>{s.label.split(' ')[0]}</sub>}
            </span>
          );
        })}
      </code>
      <button
        type="button"
        className="button button-quiet ld-copy"
        data-testid={copyTestId}
        onClick={() => {
          void copyText(text).then((ok) => {
            setCopied(ok);
            if (ok) setTimeout(() => setCopied(false), 1500);
          });
        }}
      >
        {copied ? 'Copied' : 'Copy'}
      </button>
      {copied && <span className="visually-hidden" data-testid={ids.copied} />}
    </div>
  );
}
