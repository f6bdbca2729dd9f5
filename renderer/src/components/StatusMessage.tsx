// The quiet "Saved." / "Could not save: …" line a form shows after it acted, read out by screen
// readers (role="status"). Eight forms wrote it out by hand (issue #15). Nothing while there is no
// message.
interface Props {
  message: string | null;
  testId?: string;
  /** A paragraph under the form instead of a span beside its buttons. */
  block?: boolean;
}

export function StatusMessage({ message, testId, block = false }: Props) {
  if (!message) return null;
  const Element = block ? 'p' : 'span';
  return (
    <Element className="muted" role="status" data-testid={testId}>
      {message}
    </Element>
  );
}
