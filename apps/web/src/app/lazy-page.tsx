import { type ComponentType, type LazyExoticComponent, lazy } from 'react';

/** A failed `import()` of a page's chunk (network down, or the app was redeployed under the page). */
export class ChunkLoadError extends Error {
  constructor(cause: unknown) {
    super('A part of the app could not be loaded', { cause });
    this.name = 'ChunkLoadError';
  }
}

export type LazyPage<P = object> = LazyExoticComponent<ComponentType<P>> & {
  /** Starts loading the chunk before the page renders (e.g. with the other chunks a route needs). */
  preload(): void;
};

/**
 * A page (or any rarely shown component) loaded on first use, in its own chunk:
 * `lazyPage(() => import('../features/x/x-page.tsx').then((m) => m.XPage))`.
 * A failed load is marked as such, so the error boundary offers a reload instead of a crash.
 */
export function lazyPage<P extends object = object>(load: () => Promise<ComponentType<P>>): LazyPage<P> {
  let loaded: Promise<{ default: ComponentType<P> }> | undefined;
  const get = () => {
    loaded ??= load().then(
      (Page) => ({ default: Page }),
      (err: unknown) => {
        throw new ChunkLoadError(err);
      },
    );
    return loaded;
  };
  return Object.assign(lazy(get), {
    preload: () => {
      // a failure shows when the page renders, through the error boundary
      get().catch(() => {});
    },
  });
}

/** The `handle` of a route whose chunk can load before it renders (see the auth gate). */
export type PreloadHandle = { preload(): void };
