// The frame of the four batch views: the page with its title, the links between the views and the
// line that says what could not be read. Each view repeated these twenty lines (issue #15); the
// words per view stand in one table here.
import type { ReactNode } from 'react';
import { testIds } from '../../../../shared/testIds.ts';
import { ErrorNotice } from '../../components/ErrorNotice.tsx';
import { Page } from '../../components/Page.tsx';
import { BatchViewLinks } from './BatchViewLinks.tsx';

const ids = testIds.batches;

const VIEWS = {
  batches: {
    testId: ids.page,
    title: 'Nightly batches',
    subtitle:
      "Each night's jobs (recurring query groups) from first start to last end, what made the batch finish when it did, and how its finish time drifts against the SLA.",
    what: 'Could not read the batches',
  },
  'batch-compare': {
    testId: ids.comparePage,
    title: 'Two nights side by side',
    subtitle:
      "Each job's start, end, duration and queue wait on both nights, the jobs that moved the finish most first; jobs that appeared, disappeared or are new in the last 30 nights.",
    what: 'Could not compare the nights',
  },
  'batch-jobs': {
    testId: ids.jobsPage,
    title: 'Jobs: drift and SLAs',
    subtitle:
      "Which jobs make the batch finish later night after night, whether by more waiting or longer execution, and each job's own SLA.",
    what: 'Could not read the jobs',
  },
  'batch-month': {
    testId: ids.monthPage,
    title: 'Month-start',
    subtitle:
      'How this month-start compares with the last ones, day by day, and whether the next one will fit.',
    what: 'Could not read the month-starts',
  },
} as const;

interface Props {
  view: keyof typeof VIEWS;
  /** The night the links to the one-night views keep. */
  night?: string | undefined;
  error: string | null;
  children: ReactNode;
}

export function BatchPage({ view, night, error, children }: Props) {
  const v = VIEWS[view];
  return (
    <Page className="batches-page" testId={v.testId} title={v.title} subtitle={v.subtitle}>
      <BatchViewLinks current={view} night={night} />
      <ErrorNotice error={error} testId={ids.error} what={v.what} />
      {children}
    </Page>
  );
}
