/// <reference types="vite-plugin-pwa/client" />
import { registerSW } from 'virtual:pwa-register';

// An open tab of a single-page app seldom navigates, which is when browsers look for a new
// service worker: look every hour as well.
const UPDATE_CHECK_MS = 60 * 60 * 1000;

let waiting = false;
const listeners = new Set<() => void>();

/**
 * Registers the service worker, which serves the app shell offline. A new version is installed in
 * the background and waits: the update prompt asks the user before it takes over.
 */
export function registerServiceWorker() {
  registerSW({
    onNeedRefresh() {
      waiting = true;
      for (const listener of listeners) listener();
    },
    onRegisteredSW(_url, registration) {
      if (registration) setInterval(() => registration.update().catch(() => {}), UPDATE_CHECK_MS);
    },
    // Pages reload when their user chooses to (applyUpdate), not when another tab's user did.
    onNeedReload() {},
  });
}

/** For `useSyncExternalStore`: whether a new version is waiting. */
export function subscribeToUpdate(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}
export const isUpdateWaiting = () => waiting;

/** Lets the waiting version take over, and reloads the page once it is in control. */
export async function applyUpdate() {
  const next = (await navigator.serviceWorker.getRegistration())?.waiting;
  // already taken over (its user reloaded another tab): this page only needs reloading
  if (!next) return window.location.reload();
  navigator.serviceWorker.addEventListener('controllerchange', () => window.location.reload(), {
    once: true,
  });
  next.postMessage({ type: 'SKIP_WAITING' });
}
