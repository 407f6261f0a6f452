import { type ReactNode, Suspense } from 'react';
import { FullPageSpin } from '../components/full-page-spin.tsx';
import { ChunkErrorBoundary } from './chunk-error-boundary.tsx';

/** Around lazily loaded parts: a spinner while their chunk loads, and a reload offer if that fails. */
export function Loading({ children }: { children: ReactNode }) {
  return (
    <ChunkErrorBoundary>
      <Suspense fallback={<FullPageSpin />}>{children}</Suspense>
    </ChunkErrorBoundary>
  );
}
