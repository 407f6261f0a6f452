import { QueryClientProvider } from '@tanstack/react-query';
import { ConfigProvider, theme } from 'antd';
// the ES modules, not the CommonJS files that antd/locale/* point at (smaller, no interop code)
import enUS from 'antd/es/locale/en_US';
import zhCN from 'antd/es/locale/zh_CN';
import { type ReactNode, Suspense, useSyncExternalStore } from 'react';
import { useTranslation } from 'react-i18next';
import { RouterProvider } from 'react-router';
import { usePrefersReducedMotion } from '../lib/use-media-query.ts';
import { ChunkErrorBoundary } from './chunk-error-boundary.tsx';
import { lazyPage } from './lazy-page.tsx';
import { queryClient } from './query-client.ts';
import { router } from './router.tsx';
import { isUpdateWaiting, subscribeToUpdate } from './service-worker.ts';

const UpdatePrompt = lazyPage(() => import('./update-prompt.tsx').then((m) => m.UpdatePrompt));

/** The update prompt once a new version is waiting; its code loads only then (nothing if that fails). */
function UpdateWatcher() {
  const waiting = useSyncExternalStore(subscribeToUpdate, isUpdateWaiting);
  if (!waiting) return null;
  return (
    <ChunkErrorBoundary fallback={null}>
      <Suspense fallback={null}>
        <UpdatePrompt />
      </Suspense>
    </ChunkErrorBoundary>
  );
}

const fontFamily =
  "-apple-system, BlinkMacSystemFont, 'Segoe UI', Roboto, 'Helvetica Neue', Arial, 'PingFang SC', " +
  "'Hiragino Sans GB', 'Microsoft YaHei', 'WenQuanYi Micro Hei', 'Noto Sans CJK SC', sans-serif";

/**
 * The text style antd's App gives the signed-in pages, for every page: the login page renders
 * without antd's App, whose message, notification and modal code it does not need.
 */
function BaseText({ children }: { children: ReactNode }) {
  const { token } = theme.useToken();
  const style = {
    color: token.colorText,
    fontSize: token.fontSize,
    lineHeight: token.lineHeight,
    fontFamily: token.fontFamily,
  };
  return <div style={style}>{children}</div>;
}

/**
 * Query cache, antd theme and locale (switched with the UI language), router. antd's App (the
 * message/modal context) is in signed-in-frame.tsx.
 */
export function Providers() {
  const { i18n } = useTranslation();
  const locale = i18n.language === 'en-US' ? enUS : zhCN;
  const reducedMotion = usePrefersReducedMotion();
  return (
    <QueryClientProvider client={queryClient}>
      <ConfigProvider
        locale={locale}
        button={{ autoInsertSpace: false }}
        theme={{
          algorithm: theme.defaultAlgorithm,
          token: { colorPrimary: '#1668dc', borderRadius: 6, fontFamily, motion: !reducedMotion },
          components: {
            Layout: { headerBg: '#ffffff', headerPadding: '0 16px', siderBg: '#001529' },
            Table: { headerBg: '#fafafa' },
          },
        }}
      >
        <BaseText>
          <RouterProvider router={router} />
          <UpdateWatcher />
        </BaseText>
      </ConfigProvider>
    </QueryClientProvider>
  );
}
