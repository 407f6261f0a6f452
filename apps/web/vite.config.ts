import path from 'node:path';
import react from '@vitejs/plugin-react';
import { defineConfig, type Plugin } from 'vite';
import { VitePWA } from 'vite-plugin-pwa';
import { formatFirstLoad, measureFirstLoad } from './build/first-load.ts';
import { precompressAssets } from './build/precompress.ts';

/** Prints, after each build, the JS the login page and the desk home load (`npm run bench -- web` checks it). */
function reportFirstLoad(): Plugin {
  let outDir = 'dist';
  return {
    name: 'guanxi:first-load',
    apply: 'build',
    configResolved(config) {
      outDir = path.resolve(config.root, config.build.outDir);
    },
    closeBundle() {
      console.log(`\nFirst load (JS):\n${formatFirstLoad(measureFirstLoad(outDir)).join('\n')}\n`);
    },
  };
}

/** Gzipped copies of the hashed assets, for the server to send as they are (see build/precompress.ts). */
function precompress(): Plugin {
  let outDir = 'dist';
  return {
    name: 'guanxi:precompress',
    apply: 'build',
    configResolved(config) {
      outDir = path.resolve(config.root, config.build.outDir);
    },
    closeBundle() {
      precompressAssets(outDir);
    },
  };
}

export default defineConfig({
  plugins: [
    react(),
    VitePWA({
      // a new version waits until the user chooses to reload (app/service-worker.ts shows the prompt)
      registerType: 'prompt',
      injectRegister: false,
      includeAssets: ['icons/apple-touch-icon.png'],
      manifest: {
        name: '关系 · Guanxi CRM',
        short_name: '关系',
        description: '客户关系管理 · Customer relationship management',
        lang: 'zh-CN',
        start_url: '/',
        scope: '/',
        display: 'standalone',
        // a long press on the installed app's icon goes straight to the field page (it opens offline)
        shortcuts: [{ name: '外勤签到', short_name: '签到', url: '/field' }],
        theme_color: '#1668dc',
        background_color: '#f5f6f8',
        icons: [
          { src: '/icons/icon-192.png', sizes: '192x192', type: 'image/png' },
          { src: '/icons/icon-512.png', sizes: '512x512', type: 'image/png' },
          { src: '/icons/maskable-512.png', sizes: '512x512', type: 'image/png', purpose: 'maskable' },
        ],
      },
      workbox: {
        // the app shell and every hashed chunk, so the app opens offline (the manifest's icons and
        // includeAssets are added by the plugin)
        globPatterns: ['**/*.{js,css,html}'],
        navigateFallback: '/index.html',
        // the server's own pages (API, its docs, health checks) are never answered with the app
        navigateFallbackDenylist: [/^\/api(\/|$)/, /^\/(healthz|readyz)$/],
        cleanupOutdatedCaches: true,
        // A new version activates only when the user says so (the prompt sends SKIP_WAITING); it then
        // takes over the open pages at once, which reload. Without this, a page opened before the
        // first service worker was installed would never be taken over, and would not reload.
        clientsClaim: true,
      },
    }),
    reportFirstLoad(),
    precompress(),
  ],
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    // the manifest lets build/first-load.ts follow what each route loads
    manifest: true,
    rolldownOptions: {
      // The contract's modules only declare schemas and constants: a page that uses one error code
      // must not pull every zod schema of every module into its chunk.
      treeshake: { moduleSideEffects: (id) => !id.includes('/packages/contract/') },
      output: {
        // React is one long-lived chunk (an app release does not invalidate its cache); antd and
        // the rest split by use, so a page loads only the components it renders.
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
