import './texts.ts';
import type { Customer } from '@guanxi/contract';
import { Button, Card, Flex, Result, Skeleton, Tabs, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { useNavigate, useParams, useSearchParams } from 'react-router';
import { PageHeader } from '../../components/page-header.tsx';
import { QueryError } from '../../components/query-error.tsx';
import { useCan } from '../../lib/access.ts';
import { isApiError } from '../../lib/api.ts';
import { useDocumentTitle } from '../../lib/use-document-title.ts';
import { useIsPhone } from '../../lib/use-is-phone.ts';
import { CustomerChurn } from '../churn/customer-churn.tsx';
import { useCustomer } from './api.ts';
import { CustomerActions } from './customer-actions.tsx';
import { CustomerFacts } from './customer-facts.tsx';
import { CustomerStateTag, InvalidTag } from './customer-state-tag.tsx';
import { customerTabs } from './customer-tabs.tsx';
import { NextSteps } from './next-steps.tsx';

function Gone() {
  const { t } = useTranslation('customers');
  const navigate = useNavigate();
  useDocumentTitle(t('notFound.title'));
  return (
    <Result
      status="404"
      title={t('notFound.title')}
      subTitle={t('notFound.text')}
      extra={
        <Button type="primary" onClick={() => navigate('/customers')}>
          {t('notFound.back')}
        </Button>
      }
    />
  );
}

function Tabbed({ customer }: { customer: Customer }) {
  const { t } = useTranslation();
  const can = useCan();
  const [params, setParams] = useSearchParams();
  const tabs = customerTabs.filter(
    (tab) => (!tab.permission || can(tab.permission)) && (!tab.visible || tab.visible(customer)),
  );
  const active = tabs.some((tab) => tab.key === params.get('tab')) ? params.get('tab')! : tabs[0]?.key;
  return (
    <Tabs
      activeKey={active}
      onChange={(key) => {
        const next = new URLSearchParams(params);
        next.set('tab', key);
        setParams(next, { replace: true });
      }}
      items={tabs.map((tab) => ({ key: tab.key, label: tab.label(t), children: tab.render(customer) }))}
    />
  );
}

/** Customer 360 (客户全景): key facts, next steps, actions and the tabs of everything about it. */
export function CustomerPage() {
  const { t } = useTranslation('customers');
  const { id } = useParams();
  const navigate = useNavigate();
  const isPhone = useIsPhone();
  const customer = useCustomer(id);

  const back = () => {
    // back to the list as it was (page, filters), or to the list when opened directly
    const idx = (window.history.state as { idx?: number } | null)?.idx ?? 0;
    if (idx > 0) void navigate(-1);
    else void navigate('/customers');
  };

  if (customer.isError) {
    if (isApiError(customer.error, 'NOT_FOUND')) return <Gone />;
    return <QueryError error={customer.error} onRetry={() => void customer.refetch()} />;
  }
  if (customer.isPending) {
    return (
      <Card variant="borderless">
        <Skeleton active paragraph={{ rows: 6 }} />
      </Card>
    );
  }
  const c = customer.data;
  return (
    <>
      <PageHeader
        title={c.name}
        documentTitle={c.name}
        onBack={back}
        subTitle={
          <Flex gap={8} align="center" wrap component="span">
            <CustomerStateTag state={c.state} />
            <InvalidTag customer={c} />
            <Typography.Text type="secondary">{c.number ?? t('facts.noNumber')}</Typography.Text>
            {c.shortName ? <Typography.Text type="secondary">· {c.shortName}</Typography.Text> : null}
          </Flex>
        }
      />
      <Flex vertical gap={16}>
        <Card variant="borderless" styles={{ body: { padding: isPhone ? 12 : 20 } }}>
          <Flex vertical gap={16}>
            <CustomerActions customer={c} />
            <NextSteps customer={c} />
            <CustomerChurn customer={c} />
            <CustomerFacts customer={c} />
          </Flex>
        </Card>
        <Card
          variant="borderless"
          styles={{ body: { padding: isPhone ? '4px 12px 12px' : '4px 20px 20px' } }}
        >
          <Tabbed customer={c} />
        </Card>
      </Flex>
    </>
  );
}
