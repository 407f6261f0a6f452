import { ReloadOutlined, WarningOutlined } from '@ant-design/icons';
import { Button, Flex, Typography } from 'antd';
import { Component, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { ChunkLoadError } from './lazy-page.tsx';

// Built from what the first load already has (no antd Result, whose illustrations are a chunk of
// their own): when one chunk failed to load, another would likely fail too.
function ChunkError() {
  const { t } = useTranslation('layout');
  return (
    <Flex vertical align="center" justify="center" gap={8} style={{ minHeight: '60vh', padding: 24 }}>
      <WarningOutlined aria-hidden style={{ fontSize: 48, color: '#faad14' }} />
      <Typography.Title level={4} style={{ margin: 0 }}>
        {t('chunkError.title')}
      </Typography.Title>
      <Typography.Text type="secondary">{t('chunkError.subTitle')}</Typography.Text>
      <Button
        type="primary"
        icon={<ReloadOutlined aria-hidden />}
        onClick={() => window.location.reload()}
        style={{ marginTop: 16 }}
      >
        {t('chunkError.reload')}
      </Button>
    </Flex>
  );
}

/**
 * Catches a page whose chunk failed to load and offers a reload (which fetches the current
 * index.html and its chunks). Any other error is thrown on, to be handled as before.
 */
export class ChunkErrorBoundary extends Component<
  { children: ReactNode /** shown instead of the reload offer */; fallback?: ReactNode },
  { error: unknown }
> {
  state = { error: null as unknown };

  static getDerivedStateFromError(error: unknown) {
    return { error };
  }

  render() {
    const { error } = this.state;
    if (error === null) return this.props.children;
    if (error instanceof ChunkLoadError)
      return this.props.fallback !== undefined ? this.props.fallback : <ChunkError />;
    throw error;
  }
}
