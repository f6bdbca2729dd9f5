import { Suspense, useEffect, useState } from 'react';
import type { AppInfo } from '../../../shared/model/app.ts';
import { testIds } from '../../../shared/testIds.ts';
import { errorMessage } from '../api/ApiCallError.ts';
import { useApi } from '../api/ApiContext.tsx';
import { FatalScreen } from '../components/FatalScreen.tsx';
import { StatusBar } from '../components/StatusBar.tsx';
import { useConnections } from '../features/connections/useConnections.ts';
import { PageNotifier } from '../features/alerts/PageNotifications.tsx';
import { useTheme } from '../theme/useTheme.ts';
import { ViewToolbar } from '../components/ViewToolbar.tsx';
import { ViewStateContext } from './ViewState.ts';
import { useViewStateStore } from './useViewStateStore.ts';
import { AppStateContext } from './AppState.ts';
import { PAGES, prefetchPages } from './pages.ts';
import { hashForPage } from './route.ts';
import { useHashPage } from './useHashPage.ts';
import './App.css';

const PAGE_IDS = PAGES.map((p) => p.id);

/** Loads who we are (app.info) once; until then, or if the core cannot be reached, says so. */
export function App() {
  const { call } = useApi();
  const [info, setInfo] = useState<AppInfo | null>(null);
  const [failure, setFailure] = useState<string | null>(null);

  useEffect(() => {
    call('app.info', {}).then(setInfo, (e: unknown) => setFailure(errorMessage(e)));
  }, [call]);

  if (failure !== null) return <FatalScreen title="Cannot reach Nightshift" message={failure} />;
  if (info === null) return <p className="starting muted">Connecting to Nightshift…</p>;
  return <Frame info={info} />;
}

function Frame({ info }: { info: AppInfo }) {
  const api = useApi();
  const connections = useConnections();
  const { theme, toggle } = useTheme();
  const pageId = useHashPage(PAGE_IDS);
  const page = PAGES.find((p) => p.id === pageId);
  const Page = page?.component;
  const view = useViewStateStore(connections.list);

  useEffect(() => {
    // Once the first view is drawn and nothing else is going on: the other views' code.
    if (!('requestIdleCallback' in window)) return;
    const id = window.requestIdleCallback(() => void prefetchPages());
    return () => window.cancelIdleCallback(id);
  }, []);

  return (
    <AppStateContext.Provider value={{ info, connections }}>
      <ViewStateContext.Provider value={view}>
        <div className="frame" data-testid={testIds.app.root}>
          <PageNotifier />
          <nav className="sidebar" aria-label="Main" data-testid={testIds.app.nav}>
            <div className="brand">
              <span className="brand-mark" aria-hidden="true" />
              <span className="brand-name">Nightshift</span>
            </div>
            <ul className="nav-list">
              {PAGES.filter((p) => !p.hidden).map((p) => (
                <li key={p.id}>
                  <a
                    className="nav-link"
                    href={hashForPage(p.id)}
                    aria-current={p.id === pageId ? 'page' : undefined}
                    data-testid={p.testId}
                  >
                    {p.title}
                  </a>
                </li>
              ))}
            </ul>
            <div className="sidebar-footer">
              <button
                type="button"
                className="theme-toggle"
                data-testid={testIds.app.themeToggle}
                onClick={toggle}
                aria-label={theme === 'dark' ? 'Switch to light theme' : 'Switch to dark theme'}
              >
                <span aria-hidden="true">{theme === 'dark' ? '☀' : '☾'}</span>
                {theme === 'dark' ? 'Light theme' : 'Dark theme'}
              </button>
            </div>
          </nav>
          <main className="content">
            {page?.toolbar && <ViewToolbar {...(page.rangeNote ? { rangeNote: page.rangeNote } : {})} />}
            {Page && (
              <Suspense fallback={<p className="muted page-loading">Loading {page.title.toLowerCase()}…</p>}>
                <Page />
              </Suspense>
            )}
          </main>
          <StatusBar
            door={api.door}
            admin={info.admin}
            connectionCount={connections.list?.length ?? null}
            version={info.version}
          />
        </div>
      </ViewStateContext.Provider>
    </AppStateContext.Provider>
  );
}
