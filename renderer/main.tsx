import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { connectWorkstationApi } from './api';
import { App } from './components/App';
import { MissingToken } from './components/MissingToken';
import { pickUiLocale } from './i18n';
import { LocaleProvider } from './i18n/context';
import { createStores, StoresProvider } from './state/stores';
import './styles.css';

const locale = pickUiLocale(navigator.languages.length > 0 ? navigator.languages : [navigator.language]);
document.documentElement.lang = locale;

const connection = connectWorkstationApi(window);
const container = document.getElementById('root');
if (container === null) throw new Error('renderer/index.html must contain <div id="root">.');

createRoot(container).render(
  <StrictMode>
    <LocaleProvider locale={locale}>
      {connection.kind === 'ready' ? (
        <StoresProvider stores={createStores(connection.api)}>
          <App />
        </StoresProvider>
      ) : (
        <MissingToken />
      )}
    </LocaleProvider>
  </StrictMode>,
);
