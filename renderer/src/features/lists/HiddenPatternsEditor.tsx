// Edits a connection's hidden patterns (issue #14): SQL LIKE patterns, one a line, saved through
// lists.setHiddenPatterns (audited; refused on a read-only door, with the door's reason shown).
import { useEffect, useState } from 'react';
import { testIds } from '../../../../shared/testIds.ts';
import { useApi } from '../../api/ApiContext.tsx';
import { errorMessage } from '../../api/ApiCallError.ts';
import { Button } from '../../components/Button.tsx';
import { bumpHiddenVersion } from './hiddenVersion.ts';
import { ErrorNotice } from '../../components/ErrorNotice.tsx';
import { submitTo } from '../../components/submitTo.ts';

const ids = testIds.hidden;

export function HiddenPatternsEditor({ connectionId, onDone }: { connectionId: string; onDone: () => void }) {
  const { call } = useApi();
  const [text, setText] = useState<string | null>(null);
  const [isDefault, setIsDefault] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);

  useEffect(() => {
    let stopped = false;
    call('lists.hiddenPatterns', { connectionId }).then(
      (p) => {
        if (stopped) return;
        setText(p.patterns.join('\n'));
        setIsDefault(p.isDefault);
      },
      (e: unknown) => !stopped && setError(errorMessage(e)),
    );
    return () => {
      stopped = true;
    };
  }, [call, connectionId]);

  const save = () => {
    if (text === null) return;
    const patterns = text
      .split('\n')
      .map((line) => line.trim())
      .filter((line) => line !== '');
    setSaving(true);
    setError(null);
    call('lists.setHiddenPatterns', { connectionId, patterns }).then(
      () => {
        setSaving(false);
        bumpHiddenVersion();
        onDone();
      },
      (e: unknown) => {
        setSaving(false);
        setError(errorMessage(e));
      },
    );
  };

  return (
    <form className="hidden-editor" data-testid={ids.editor} onSubmit={submitTo(save)}>
      <label className="hidden-editor-label" htmlFor={`hidden-patterns-${connectionId}`}>
        Hide statements whose text matches (SQL LIKE: <code>%</code> any text, <code>_</code> one character;
        the whole text must match, letters in any case), one pattern a line
        {isDefault && ' — the defaults of this connection until you save'}:
      </label>
      <textarea
        id={`hidden-patterns-${connectionId}`}
        className="input mono hidden-editor-patterns"
        data-testid={ids.patterns}
        rows={4}
        spellCheck={false}
        placeholder="SELECT pg_sleep(%)"
        value={text ?? ''}
        disabled={text === null}
        onChange={(e) => setText(e.target.value)}
      />
      <ErrorNotice error={error} testId={ids.error} />
      <div className="hidden-editor-actions">
        <Button type="submit" look="primary" small data-testid={ids.save} disabled={text === null || saving}>
          {saving ? 'Saving…' : 'Save patterns'}
        </Button>
        <Button small data-testid={ids.cancel} onClick={onDone}>
          Cancel
        </Button>
      </div>
    </form>
  );
}
