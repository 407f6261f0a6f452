import './texts.ts';
import '../receivables/texts.ts';
import { EditOutlined, PrinterOutlined } from '@ant-design/icons';
import { type Contract, contractLimits } from '@guanxi/contract';
import {
  App,
  Button,
  Descriptions,
  Drawer,
  Flex,
  Form,
  Input,
  Popconfirm,
  Result,
  Skeleton,
  Typography,
} from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { ConfirmDeleteButton } from '../../components/confirm-delete-button.tsx';
import { FormModal } from '../../components/form-modal.tsx';
import { useFormRules } from '../../components/form-rules.ts';
import { QueryError } from '../../components/query-error.tsx';
import { useCan } from '../../lib/access.ts';
import { isApiError } from '../../lib/api.ts';
import { useIsPhone } from '../../lib/use-is-phone.ts';
import { useShowError } from '../../lib/use-show-error.ts';
import { ApprovalHistory } from '../approvals/approval-history.tsx';
import { formatMoney } from '../customers/money.ts';
import { AttachmentsPanel } from '../files/attachments-panel.tsx';
import { DocumentMoney } from '../receivables/document-money.tsx';
import {
  DOCUMENT_TYPE,
  useContract,
  useDeleteContract,
  useSubmitContract,
  useTerminateContract,
} from './api.ts';
import { ContractStatusTag, DaysToEnd } from './labels.tsx';

type Props = { id: string | null; onClose: () => void; onEdit: (c: Contract) => void };

function Section({ title, children }: { title: string; children: React.ReactNode }) {
  return (
    <section aria-label={title}>
      <Typography.Title level={5}>{title}</Typography.Title>
      {children}
    </section>
  );
}

/** 合同详情: overview and parties, attachments, the approval's history, its money (回款与开票); 提交 / 终止 / 打印. */
export function ContractDetail({ id, onClose, onEdit }: Props) {
  const { t } = useTranslation('contracts');
  const isPhone = useIsPhone();
  const can = useCan();
  const { message } = App.useApp();
  const showError = useShowError();
  const contract = useContract(id);
  const remove = useDeleteContract();
  const submit = useSubmitContract();
  const [terminating, setTerminating] = useState(false);
  const k = contract.data;

  const body = contract.isError ? (
    isApiError(contract.error, 'NOT_FOUND') ? (
      <Result status="404" subTitle={t('notFound')} />
    ) : (
      <QueryError error={contract.error} onRetry={() => void contract.refetch()} />
    )
  ) : !k ? (
    <Skeleton active />
  ) : (
    <Flex vertical gap={20}>
      <Descriptions size="small" column={isPhone ? 1 : 2} bordered>
        <Descriptions.Item label={t('fields.status')}>
          <Flex gap={8} wrap>
            <ContractStatusTag status={k.status} />
            <DaysToEnd contract={k} />
          </Flex>
        </Descriptions.Item>
        <Descriptions.Item label={t('fields.amount')}>¥{formatMoney(k.amount)}</Descriptions.Item>
        <Descriptions.Item label={t('fields.customer')}>
          <Link to={`/customers/${k.customerId}`}>{k.customerName}</Link>
        </Descriptions.Item>
        <Descriptions.Item label={t('fields.order')}>
          {k.orderId ? <Link to={`/orders?id=${k.orderId}`}>{k.orderNumber ?? '—'}</Link> : '—'}
        </Descriptions.Item>
        <Descriptions.Item label={t('fields.signedAt')}>{k.signedAt ?? '—'}</Descriptions.Item>
        <Descriptions.Item label={t('fields.dates')}>{`${k.startDate} ~ ${k.endDate}`}</Descriptions.Item>
        <Descriptions.Item label={t('fields.ourCompany')}>{k.ourCompany ?? '—'}</Descriptions.Item>
        <Descriptions.Item label={t('fields.ourSignatory')}>{k.ourSignatory ?? '—'}</Descriptions.Item>
        <Descriptions.Item label={t('fields.theirCompany')}>{k.theirCompany ?? '—'}</Descriptions.Item>
        <Descriptions.Item label={t('fields.theirSignatory')}>{k.theirSignatory ?? '—'}</Descriptions.Item>
        <Descriptions.Item
          label={t('fields.owner')}
        >{`${k.ownerName}（${k.departmentName}）`}</Descriptions.Item>
        <Descriptions.Item label={t('fields.createdAt')}>{k.createdAt.slice(0, 10)}</Descriptions.Item>
        {k.terminationReason ? (
          <Descriptions.Item label={t('fields.terminationReason')} span={isPhone ? 1 : 2}>
            {k.terminationReason}
          </Descriptions.Item>
        ) : null}
        {k.terms ? (
          <Descriptions.Item label={t('fields.terms')} span={isPhone ? 1 : 2}>
            <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', margin: 0 }}>
              {k.terms}
            </Typography.Paragraph>
          </Descriptions.Item>
        ) : null}
      </Descriptions>
      {can('receivables:view') ? (
        <Section title={t('detail.money')}>
          <DocumentMoney doc={{ contractId: k.id }} invoiceTitle={k.theirCompany ?? k.customerName} />
        </Section>
      ) : null}
      <Section title={t('detail.files')}>
        <AttachmentsPanel
          entity="contracts"
          entityId={k.id}
          canChange={can('contracts:edit') && k.status !== 'terminated'}
        />
      </Section>
      {k.status !== 'draft' || k.approvalId ? (
        <Section title={t('detail.approval')}>
          <Flex vertical gap={8}>
            <ApprovalHistory documentType={DOCUMENT_TYPE} documentId={k.id} />
            {k.approvalId ? (
              <Link to={`/approvals?id=${k.approvalId}`}>{t('detail.approvalOpen')}</Link>
            ) : (
              <Typography.Text type="secondary">{t('detail.noApproval')}</Typography.Text>
            )}
          </Flex>
        </Section>
      ) : null}
    </Flex>
  );

  // on a phone the header has no room beside the title: the actions lead the body
  const actions = k ? (
    <Flex gap={8} wrap justify={isPhone ? 'flex-start' : 'flex-end'}>
      <Link to={`/print/contract/${k.id}`}>
        <Button icon={<PrinterOutlined aria-hidden />}>{t('actions.print')}</Button>
      </Link>
      {k.canDelete ? (
        <ConfirmDeleteButton
          title={t('deleteConfirm')}
          onConfirm={() => remove.mutateAsync({ id: k.id, version: k.version }).then(onClose)}
          doneMessage={t('deleted')}
        />
      ) : null}
      {k.canEdit ? (
        <Button icon={<EditOutlined aria-hidden />} onClick={() => onEdit(k)}>
          {t('actions.edit', { ns: 'common' })}
        </Button>
      ) : null}
      {k.canSubmit ? (
        <Popconfirm
          title={t('actions.submit')}
          description={<div style={{ maxWidth: 280 }}>{t('submitConfirm')}</div>}
          onConfirm={() =>
            submit
              .mutateAsync({ id: k.id, version: k.version })
              .then(
                (c) => message.success(c.status === 'active' ? t('submittedActive') : t('submittedApproval')),
                showError,
              )
          }
        >
          <Button type="primary" loading={submit.isPending}>
            {t('actions.submit')}
          </Button>
        </Popconfirm>
      ) : null}
      {k.canTerminate ? (
        <Button danger onClick={() => setTerminating(true)}>
          {t('actions.terminate')}
        </Button>
      ) : null}
    </Flex>
  ) : null;

  return (
    <Drawer
      open={!!id}
      onClose={onClose}
      title={k ? `${k.number} · ${k.title}` : t('detail.title')}
      size={isPhone ? '100%' : 860}
      destroyOnHidden
      extra={isPhone ? null : actions}
    >
      {isPhone && actions ? <div style={{ marginBottom: 16 }}>{actions}</div> : null}
      {body}
      {k ? <TerminateDialog contract={terminating ? k : null} onClose={() => setTerminating(false)} /> : null}
    </Drawer>
  );
}

function TerminateDialog({ contract, onClose }: { contract: Contract | null; onClose: () => void }) {
  const { t } = useTranslation('contracts');
  const { message } = App.useApp();
  const rules = useFormRules();
  const terminate = useTerminateContract();
  return (
    <FormModal<{ reason: string }>
      open={!!contract}
      name="contract-terminate-form"
      title={t('terminateTitle')}
      danger
      okText={t('actions.terminate')}
      onCancel={onClose}
      onSubmit={async (v) => {
        await terminate.mutateAsync({
          id: contract!.id,
          version: contract!.version,
          reason: v.reason.trim(),
        });
        message.success(t('terminated'));
        onClose();
      }}
    >
      <Form.Item
        name="reason"
        label={t('fields.terminationReason')}
        rules={[rules.required(), rules.maxLength(contractLimits.reason)]}
      >
        <Input.TextArea rows={3} maxLength={contractLimits.reason} />
      </Form.Item>
    </FormModal>
  );
}
