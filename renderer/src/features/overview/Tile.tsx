import type { ReactNode } from 'react';
import { testIds } from '../../../../shared/testIds.ts';
import { useView } from '../../app/ViewState.ts';

interface Props {
  title: string;
  /** The page this tile opens, and the words of its link. */
  target: string;
  linkText: string;
  linkParams?: Record<string, string | number | undefined>;
  testId: string;
  tone?: 'ok' | 'warn' | 'error' | 'idle';
  wide?: boolean;
  extra?: Record<string, string | number>;
  children: ReactNode;
}

/** One overview tile: a title, its content, and a link to the view that says more. */
export function Tile({ title, target, linkText, linkParams, testId, tone, wide, extra, children }: Props) {
  const { linkTo } = useView();
  const dataAttrs = Object.fromEntries(Object.entries(extra ?? {}).map(([k, v]) => [`data-${k}`, v]));
  return (
    <section
      className={`ov-tile${wide ? ' ov-tile-wide' : ''}`}
      data-testid={testId}
      data-tone={tone}
      aria-label={title}
      {...dataAttrs}
    >
      <header className="ov-tile-header">
        <h2 className="ov-tile-title">{title}</h2>
        <a
          className="ov-tile-link"
          href={linkTo(target, linkParams)}
          data-testid={testIds.overview.tileLink}
          data-target={target}
        >
          {linkText} →
        </a>
      </header>
      <div className="ov-tile-body">{children}</div>
    </section>
  );
}
