// The pages the frame offers, in navigation order. Adding a page is one entry here.
import { lazy, type ComponentType, type LazyExoticComponent } from 'react';
import { testIds } from '../../../shared/testIds.ts';

/** Every page's chunk loader, in navigation order (prefetchPages). */
const loaders: (() => Promise<unknown>)[] = [];

/**
 * Each page is its own chunk, loaded when first opened (the frame shows a fallback meanwhile) or
 * prefetched, so the first paint does not wait for every view's code and charts (issue #14: one
 * 670 KB+ chunk). A failed load is tried again the next time.
 */
function page<K extends string>(
  load: () => Promise<Record<K, ComponentType>>,
  name: K,
): LazyExoticComponent<ComponentType> {
  let loading: Promise<{ default: ComponentType }> | undefined;
  const get = () =>
    (loading ??= load().then(
      (m) => ({ default: m[name] }),
      (error: unknown) => {
        loading = undefined;
        throw error;
      },
    ));
  loaders.push(get);
  return lazy(get);
}

/**
 * Loads the pages' chunks one after another (the frame calls it once the first view is drawn and the
 * browser is idle), so opening a view later waits for its data and drawing only, not for its code and
 * charts: a 90-day chart painted within 200 ms of the click (issue #14, bench/chartFirstPaint.bench.ts).
 */
export async function prefetchPages(): Promise<void> {
  for (const load of loaders) await load().catch(() => undefined);
}

const OverviewPage = page(() => import('../features/overview/OverviewPage.tsx'), 'OverviewPage');
const LivePage = page(() => import('../features/live/LivePage.tsx'), 'LivePage');
const SlowQueriesPage = page(() => import('../features/slow/SlowQueriesPage.tsx'), 'SlowQueriesPage');
const QueryDetailPage = page(() => import('../features/slow/QueryDetailPage.tsx'), 'QueryDetailPage');
const WlmPressurePage = page(() => import('../features/pressure/WlmPressurePage.tsx'), 'WlmPressurePage');
const WlmEditorPage = page(() => import('../features/governance/WlmEditorPage.tsx'), 'WlmEditorPage');
const AuditPage = page(() => import('../features/governance/AuditPage.tsx'), 'AuditPage');
// Loads and deliveries (issue #11).
const LoadsPage = page(() => import('../features/loads/LoadsPage.tsx'), 'LoadsPage');
const LedgerPage = page(() => import('../features/loads/LedgerPage.tsx'), 'LedgerPage');
const ImpactPage = page(() => import('../features/loads/ImpactPage.tsx'), 'ImpactPage');
const AlertsPage = page(() => import('../features/alerts/AlertsPage.tsx'), 'AlertsPage');
// Nightly batches (issue #10)
const BatchesPage = page(() => import('../features/batches/BatchesPage.tsx'), 'BatchesPage');
const BatchComparePage = page(() => import('../features/batches/BatchComparePage.tsx'), 'BatchComparePage');
const BatchJobsPage = page(() => import('../features/batches/BatchJobsPage.tsx'), 'BatchJobsPage');
const BatchMonthPage = page(() => import('../features/batches/BatchMonthPage.tsx'), 'BatchMonthPage');
const ConnectionsPage = page(() => import('../features/connections/ConnectionsPage.tsx'), 'ConnectionsPage');

export interface PageDef {
  /** Also the URL hash: `#/connections`. */
  id: string;
  title: string;
  testId: string;
  /** Loaded with its chunk when first shown (see page()). */
  component: LazyExoticComponent<ComponentType>;
  /** Shows the connection, time range and time zone toolbar above the page. */
  toolbar: boolean;
  /** Reached by links only (e.g. a query's detail), not listed in the navigation. */
  hidden?: boolean;
  /** A page that shows "now" says so beside the range, which then only carries to the views it opens. */
  rangeNote?: string;
}

const NOW_NOTE = 'This view shows now; the range applies to the views it opens.';

export const PAGES: readonly PageDef[] = [
  {
    id: 'overview',
    title: 'Overview',
    testId: testIds.nav.overview,
    component: OverviewPage,
    toolbar: true,
    rangeNote: NOW_NOTE,
  },
  {
    id: 'live',
    title: 'Live activity',
    testId: testIds.nav.live,
    component: LivePage,
    toolbar: true,
    rangeNote: NOW_NOTE,
  },
  { id: 'slow', title: 'Slow queries', testId: testIds.nav.slow, component: SlowQueriesPage, toolbar: true },
  {
    id: 'query',
    title: 'Query',
    testId: testIds.nav.query,
    component: QueryDetailPage,
    toolbar: true,
    hidden: true,
  },
  { id: 'wlm', title: 'WLM pressure', testId: testIds.nav.wlm, component: WlmPressurePage, toolbar: true },
  {
    id: 'wlm-editor',
    title: 'WLM editor',
    testId: testIds.nav.wlmEditor,
    component: WlmEditorPage,
    toolbar: true,
  },
  // Loads and deliveries (issue #11).
  { id: 'loads', title: 'Loads', testId: testIds.nav.loads, component: LoadsPage, toolbar: true },
  { id: 'feeds', title: 'Deliveries', testId: testIds.nav.feeds, component: LedgerPage, toolbar: true },
  {
    id: 'impact',
    title: 'Impact of bad data',
    testId: testIds.nav.impact,
    component: ImpactPage,
    toolbar: false,
    hidden: true,
  },
  // Nightly batches (issue #10)
  { id: 'batches', title: 'Batches', testId: testIds.nav.batches, component: BatchesPage, toolbar: true },
  // Reached from the Batches page's view links (each with a stable URL).
  {
    id: 'batch-compare',
    title: 'Batches: two nights',
    testId: testIds.nav.batchCompare,
    component: BatchComparePage,
    toolbar: true,
    hidden: true,
  },
  {
    id: 'batch-jobs',
    title: 'Batches: jobs',
    testId: testIds.nav.batchJobs,
    component: BatchJobsPage,
    toolbar: true,
    hidden: true,
  },
  {
    id: 'batch-month',
    title: 'Batches: month-start',
    testId: testIds.nav.batchMonth,
    component: BatchMonthPage,
    toolbar: true,
    hidden: true,
  },
  { id: 'audit', title: 'Audit', testId: testIds.nav.audit, component: AuditPage, toolbar: false },
  // Alerts (issue #12)
  { id: 'alerts', title: 'Alerts', testId: testIds.nav.alerts, component: AlertsPage, toolbar: true },
  {
    id: 'connections',
    title: 'Connections',
    testId: testIds.nav.connections,
    component: ConnectionsPage,
    toolbar: false,
  },
];
