import { ArrowLeftOutlined } from '@ant-design/icons';
import { Button, Flex, Typography } from 'antd';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useDocumentTitle } from '../lib/use-document-title.ts';

type Props = {
  title: string;
  subTitle?: ReactNode;
  extra?: ReactNode;
  onBack?: () => void;
  /** Document title when it differs from the visible title. */
  documentTitle?: string;
};

/** Title row of every page: sets the document title, optional back button, primary actions right. */
export function PageHeader({ title, subTitle, extra, onBack, documentTitle }: Props) {
  const { t } = useTranslation();
  useDocumentTitle(documentTitle ?? title);
  return (
    <Flex className="page-header" justify="space-between" align="center" wrap gap={12}>
      <Flex align="center" gap={8} style={{ minWidth: 0 }}>
        {onBack ? (
          <Button
            type="text"
            icon={<ArrowLeftOutlined aria-hidden />}
            aria-label={t('actions.back')}
            onClick={onBack}
          />
        ) : null}
        <div style={{ minWidth: 0 }}>
          <Typography.Title level={4} style={{ margin: 0 }}>
            {title}
          </Typography.Title>
          {subTitle ? <Typography.Text type="secondary">{subTitle}</Typography.Text> : null}
        </div>
      </Flex>
      {extra ? (
        <Flex gap={8} wrap className="page-header-extra">
          {extra}
        </Flex>
      ) : null}
    </Flex>
  );
}
