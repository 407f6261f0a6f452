import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

export default defineConfig({
  plugins: [react()],
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    chunkSizeWarningLimit: 1200,
    rolldownOptions: {
      // The contract's modules only declare schemas and constants: a page that uses one error code
      // must not pull every zod schema of every module into its chunk.
      treeshake: { moduleSideEffects: (id) => !id.includes('/packages/contract/') },
      output: {
        // long-lived vendor chunks, so an app release does not invalidate the libraries' cache
        codeSplitting: {
          groups: [
            {
              name: 'react',
              test: /node_modules[\\/](react|react-dom|scheduler|react-router)[\\/]/,
              priority: 3,
            },
          ],
        },
      },
    },
  },
  server: {
    port: 5173,
    // `GUANXI_API=http://localhost:3100 npm run dev -w apps/web` to use a server on another port
    proxy: { '/api': process.env.GUANXI_API ?? 'http://localhost:3000' },
  },
});
