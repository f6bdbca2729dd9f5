// The red "could not read …" line a page or panel shows when its call failed: the same <p> with
// role="alert" stood in a dozen places (issue #15). Renders nothing while there is no error. The
// error is shown as text, never as HTML.
interface Props {
  error: string | null;
  testId?: string;
  /** What failed, e.g. "Could not read the jobs"; the error follows after a colon. */
  what?: string;
  /** The page still shows an earlier answer. */
  stale?: boolean;
}

export function ErrorNotice({ error, testId, what, stale = false }: Props) {
  if (error === null) return null;
  return (
    <p className="notice notice-error" role="alert" data-testid={testId}>
      {what !== undefined && `${what}: `}
      {error}
      {stale && ' (showing the last answer)'}
    </p>
  );
}
