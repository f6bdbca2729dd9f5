// Start-up: pick the theme before the first paint, choose the transport once, render.
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { createApi } from './api/Api.ts';
import { ApiContext } from './api/ApiContext.tsx';
import { browserEnvironment, chooseTransport } from './api/chooseTransport.ts';
import { App } from './app/App.tsx';
import { FatalScreen } from './components/FatalScreen.tsx';
import { applyTheme, initialTheme, prefersDark, readStoredTheme } from './theme/theme.ts';
import './theme/themes.css';
import './components/controls.css';

applyTheme(initialTheme(readStoredTheme(), prefersDark()));

const container = document.getElementById('root');
if (!container) throw new Error('index.html has no #root');
const root = createRoot(container);

const choice = chooseTransport(browserEnvironment(window));
if (choice.ok) {
  const api = createApi(choice.transport);
  root.render(
    <StrictMode>
      <ApiContext.Provider value={api}>
        <App />
      </ApiContext.Provider>
    </StrictMode>,
  );
} else {
  root.render(
    <FatalScreen
      title="This page needs its access link"
      message="Open the full link the Nightshift server printed when it started (it ends in ?token=…). The token is kept for this tab only."
    />,
  );
}
