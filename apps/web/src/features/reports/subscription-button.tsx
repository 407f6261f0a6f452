import { MailOutlined } from '@ant-design/icons';
import { Button } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { type SubscribedReport, SubscriptionModal } from './subscription-modal.tsx';
import './texts.ts';

/** 订阅: the report as it is on the page (its period, grouping, filters) by e-mail, weekly or monthly. */
export function SubscriptionButton({
  report,
  query,
}: {
  report: SubscribedReport;
  query: Record<string, string>;
}) {
  const { t } = useTranslation('reports');
  const [open, setOpen] = useState(false);
  return (
    <>
      <Button icon={<MailOutlined aria-hidden />} onClick={() => setOpen(true)}>
        {t('subscriptions.subscribe')}
      </Button>
      <SubscriptionModal open={open} onClose={() => setOpen(false)} report={report} query={query} />
    </>
  );
}
