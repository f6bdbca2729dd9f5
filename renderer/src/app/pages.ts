// The pages the frame offers, in navigation order. Adding a page is one entry here.
import type { ComponentType } from 'react';
import { testIds } from '../../../shared/testIds.ts';
import { ConnectionsPage } from '../features/connections/ConnectionsPage.tsx';

export interface PageDef {
  /** Also the URL hash: `#/connections`. */
  id: string;
  title: string;
  testId: string;
  component: ComponentType;
}

export const PAGES: readonly PageDef[] = [
  { id: 'connections', title: 'Connections', testId: testIds.nav.connections, component: ConnectionsPage },
];
