import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import './app/app.css';
import { Providers } from './app/providers.tsx';
import { registerServiceWorker } from './app/service-worker.ts';
import { i18nReady } from './lib/i18n.ts';

void i18nReady.then(() =>
  createRoot(document.getElementById('root')!).render(
    <StrictMode>
      <Providers />
    </StrictMode>,
  ),
);
// not under `vite` (dev): a service worker would serve stale modules there
if (import.meta.env.PROD) registerServiceWorker();
