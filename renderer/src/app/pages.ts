// The pages the frame offers, in navigation order. Adding a page is one entry here.
import type { ComponentType } from 'react';
import { testIds } from '../../../shared/testIds.ts';
import { ConnectionsPage } from '../features/connections/ConnectionsPage.tsx';
import { AuditPage } from '../features/governance/AuditPage.tsx';
import { WlmEditorPage } from '../features/governance/WlmEditorPage.tsx';
import { LivePage } from '../features/live/LivePage.tsx';
import { OverviewPage } from '../features/overview/OverviewPage.tsx';
import { WlmPressurePage } from '../features/pressure/WlmPressurePage.tsx';
import { QueryDetailPage } from '../features/slow/QueryDetailPage.tsx';
import { SlowQueriesPage } from '../features/slow/SlowQueriesPage.tsx';

export interface PageDef {
  /** Also the URL hash: `#/connections`. */
  id: string;
  title: string;
  testId: string;
  component: ComponentType;
  /** Shows the connection, time range and time zone toolbar above the page. */
  toolbar: boolean;
  /** Reached by links only (e.g. a query's detail), not listed in the navigation. */
  hidden?: boolean;
}

export const PAGES: readonly PageDef[] = [
  { id: 'overview', title: 'Overview', testId: testIds.nav.overview, component: OverviewPage, toolbar: true },
  { id: 'live', title: 'Live activity', testId: testIds.nav.live, component: LivePage, toolbar: true },
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
  { id: 'audit', title: 'Audit', testId: testIds.nav.audit, component: AuditPage, toolbar: false },
  {
    id: 'connections',
    title: 'Connections',
    testId: testIds.nav.connections,
    component: ConnectionsPage,
    toolbar: false,
  },
];
