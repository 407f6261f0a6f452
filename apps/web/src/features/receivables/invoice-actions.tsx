import './texts.ts';
import type { Invoice } from '@guanxi/contract';
import { App, Button, Flex } from 'antd';
import { useTranslation } from 'react-i18next';
import { useShowError } from '../../lib/use-show-error.ts';
import { useDecideInvoice } from './api.ts';

/** 通过 / 驳回 a request, 开具 an approved one (holders of invoices:approve; the answer says which apply). */
export function InvoiceActions({
  invoice,
  onReject,
  onIssue,
}: {
  invoice: Invoice;
  onReject: (i: Invoice) => void;
  onIssue: (i: Invoice) => void;
}) {
  const { t } = useTranslation('receivables');
  const { message } = App.useApp();
  const showError = useShowError();
  const decide = useDecideInvoice();
  return (
    <Flex gap={4} wrap>
      {invoice.canDecide ? (
        <>
          <Button
            size="small"
            type="link"
            loading={decide.isPending}
            onClick={() =>
              decide
                .mutateAsync({ id: invoice.id, version: invoice.version, decision: 'approve' })
                .then(() => message.success(t('approved')), showError)
            }
          >
            {t('actions.approve')}
          </Button>
          <Button size="small" type="link" danger onClick={() => onReject(invoice)}>
            {t('actions.reject')}
          </Button>
        </>
      ) : null}
      {invoice.canIssue ? (
        <Button size="small" type="link" onClick={() => onIssue(invoice)}>
          {t('actions.issue')}
        </Button>
      ) : null}
    </Flex>
  );
}
