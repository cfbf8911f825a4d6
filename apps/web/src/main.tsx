import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app/App';
import { EngineClient } from './engine/client';
import { createI18n } from './i18n';
import './ui/style.css';

const root = document.getElementById('root');
if (root === null) throw new Error('no #root element');
createRoot(root).render(
  <StrictMode>
    <App i18n={createI18n()} engine={new EngineClient()} />
  </StrictMode>,
);
