// The batch views' own navigation: one night, two nights side by side, per-job drift, month-start.
// Each keeps what it can of the current night in its link (a stable URL per view).
import { testIds } from '../../../../shared/testIds.ts';
import { useView } from '../../app/ViewState.ts';

const VIEWS = [
  { page: 'batches', text: 'One night' },
  { page: 'batch-compare', text: 'Two nights' },
  { page: 'batch-jobs', text: 'Jobs: drift and SLAs' },
  { page: 'batch-month', text: 'Month-start' },
] as const;

export function BatchViewLinks({ current, night }: { current: string; night?: string | undefined }) {
  const { linkTo } = useView();
  return (
    <nav className="batches-views" aria-label="Batch views" data-testid={testIds.batches.viewLinks}>
      {VIEWS.map((v) =>
        v.page === current ? (
          <strong key={v.page} aria-current="page">
            {v.text}
          </strong>
        ) : (
          <a
            key={v.page}
            href={linkTo(v.page, v.page === 'batches' || v.page === 'batch-compare' ? { night } : {})}
            data-page={v.page}
          >
            {v.text}
          </a>
        ),
      )}
    </nav>
  );
}
