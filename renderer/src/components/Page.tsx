// The frame every full page shares: a <section> labelled by its <h1>, a header with the title, the
// subtitle and the page's own buttons on the right, then the body. Eleven pages wrote these ten
// lines out by hand (issue #15); one home keeps them alike for screen readers and the stylesheet.
import { useId, type ReactNode } from 'react';

interface Props {
  /** Classes after "page", e.g. "alerts-page". */
  className?: string;
  testId: string;
  title: ReactNode;
  /** Under the title; a page that explains itself in its body has none. */
  subtitle?: ReactNode;
  /** The subtitle in the muted colour. */
  muted?: boolean;
  /** Under the subtitle, still in the header (a notice about the whole page). */
  note?: ReactNode;
  /** On the header's right (buttons). */
  actions?: ReactNode;
  busy?: boolean;
  children: ReactNode;
}

export function Page(props: Props) {
  const titleId = useId();
  return (
    <section
      className={props.className ? `page ${props.className}` : 'page'}
      data-testid={props.testId}
      aria-labelledby={titleId}
      aria-busy={props.busy}
    >
      <header className="page-header">
        <div>
          <h1 id={titleId} className="page-title">
            {props.title}
          </h1>
          {props.subtitle !== undefined && (
            <p className={props.muted ? 'page-subtitle muted' : 'page-subtitle'}>{props.subtitle}</p>
          )}
          {props.note}
        </div>
        {props.actions}
      </header>
      {props.children}
    </section>
  );
}
