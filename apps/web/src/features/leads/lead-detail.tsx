import './texts.ts';
import { EditOutlined } from '@ant-design/icons';
import { type Lead, type LeadActivity, leadLimits } from '@guanxi/contract';
import {
  App,
  Button,
  Descriptions,
  Drawer,
  Empty,
  Flex,
  Input,
  Result,
  Skeleton,
  Timeline,
  Typography,
} from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { ConfirmDeleteButton } from '../../components/confirm-delete-button.tsx';
import { QueryError } from '../../components/query-error.tsx';
import { useCan, useMe } from '../../lib/access.ts';
import { isApiError } from '../../lib/api.ts';
import { formatDateTime } from '../../lib/format.ts';
import { useIsPhone } from '../../lib/use-is-phone.ts';
import { useShowError } from '../../lib/use-show-error.ts';
import {
  useAddLeadNote,
  useDeleteLead,
  useGrabLead,
  useLead,
  useLeadLog,
  useReleaseLead,
  useSetLeadStatus,
} from './api.ts';
import { LeadStatusTag } from './labels.tsx';

type Props = {
  id: string | null;
  onClose: () => void;
  onEdit: (l: Lead) => void;
  onAssign: (l: Lead) => void;
  onConvert: (l: Lead) => void;
  onDisqualify: (l: Lead) => void;
};

/** 线索详情: the facts, what may be done with it now, and its log with a note box. */
export function LeadDetail({ id, onClose, onEdit, onAssign, onConvert, onDisqualify }: Props) {
  const { t } = useTranslation('leads');
  const isPhone = useIsPhone();
  const lead = useLead(id);
  const l = lead.data;
  const remove = useDeleteLead();
  const can = useCan();

  const body = lead.isError ? (
    isApiError(lead.error, 'NOT_FOUND') ? (
      <Result status="404" subTitle={t('detail.notFound')} />
    ) : (
      <QueryError error={lead.error} onRetry={() => void lead.refetch()} />
    )
  ) : !l ? (
    <Skeleton active />
  ) : (
    <Flex vertical gap={16}>
      <Actions l={l} onAssign={onAssign} onConvert={onConvert} onDisqualify={onDisqualify} />
      <Facts l={l} />
      <Log l={l} />
    </Flex>
  );

  const open = l && l.status !== 'converted';
  return (
    <Drawer
      open={!!id}
      onClose={onClose}
      title={l ? l.name : t('detail.title')}
      size={isPhone ? '100%' : 560}
      destroyOnHidden
      extra={
        l ? (
          <Flex gap={8}>
            {can('leads:delete') ? (
              <ConfirmDeleteButton
                look="icon"
                title={t('deleteConfirm')}
                onConfirm={() => remove.mutateAsync({ id: l.id, version: l.version }).then(onClose)}
                doneMessage={t('deleted')}
              />
            ) : null}
            {open && l.status !== 'disqualified' && can('leads:edit') ? (
              <Button icon={<EditOutlined aria-hidden />} onClick={() => onEdit(l)}>
                {t('actions.edit')}
              </Button>
            ) : null}
          </Flex>
        ) : null
      }
    >
      {body}
    </Drawer>
  );
}

function Actions({
  l,
  onAssign,
  onConvert,
  onDisqualify,
}: {
  l: Lead;
  onAssign: (l: Lead) => void;
  onConvert: (l: Lead) => void;
  onDisqualify: (l: Lead) => void;
}) {
  const { t } = useTranslation('leads');
  const { message } = App.useApp();
  const showError = useShowError();
  const can = useCan();
  const me = useMe();
  const grab = useGrabLead();
  const release = useReleaseLead();
  const setStatus = useSetLeadStatus();
  const act = (p: Promise<unknown>, done: string) =>
    p.then(() => message.success(done)).catch((e) => showError(e));
  if (l.status === 'converted')
    return (
      <Flex gap={8} wrap>
        {l.customerId ? (
          <Link to={`/customers/${l.customerId}`}>
            <Button type="primary">{t('actions.openCustomer')}</Button>
          </Link>
        ) : null}
        {l.opportunityId && can('opportunities:view') ? (
          <Link to={`/opportunities?id=${l.opportunityId}`}>
            <Button>{t('actions.openOpportunity')}</Button>
          </Link>
        ) : null}
      </Flex>
    );
  if (l.status === 'disqualified')
    return can('leads:edit') && l.ownerId ? (
      <Flex>
        <Button
          onClick={() =>
            void act(
              setStatus.mutateAsync({ id: l.id, status: 'following', version: l.version }),
              t('statusSaved'),
            )
          }
        >
          {t('actions.reopen')}
        </Button>
      </Flex>
    ) : null;
  return (
    <Flex gap={8} wrap>
      {l.inPool ? (
        <Button
          type="primary"
          loading={grab.isPending}
          onClick={() => void act(grab.mutateAsync(l.id), t('grabbed', { name: l.name }))}
        >
          {t('actions.grab')}
        </Button>
      ) : null}
      {!l.inPool && can('leads:convert') ? (
        <Button type="primary" onClick={() => onConvert(l)}>
          {t('actions.convert')}
        </Button>
      ) : null}
      {can('leads:assign') ? <Button onClick={() => onAssign(l)}>{t('actions.assign')}</Button> : null}
      {!l.inPool && can('leads:edit') && l.status !== 'qualified' ? (
        <Button
          onClick={() =>
            void act(
              setStatus.mutateAsync({ id: l.id, status: 'qualified', version: l.version }),
              t('statusSaved'),
            )
          }
        >
          {t('actions.qualify')}
        </Button>
      ) : null}
      {!l.inPool && can('leads:edit') ? (
        <Button danger onClick={() => onDisqualify(l)}>
          {t('actions.disqualify')}
        </Button>
      ) : null}
      {!l.inPool && can('leads:edit') && (l.ownerId === me.user.id || can('leads:assign')) ? (
        <Button
          onClick={() => void act(release.mutateAsync({ id: l.id, version: l.version }), t('released'))}
        >
          {t('actions.release')}
        </Button>
      ) : null}
    </Flex>
  );
}

function Facts({ l }: { l: Lead }) {
  const { t } = useTranslation('leads');
  return (
    <Descriptions column={1} size="small" bordered>
      <Descriptions.Item label={t('fields.status')}>
        <LeadStatusTag status={l.status} />
        {l.disqualifyReasonName ? ` ${l.disqualifyReasonName}` : ''}
      </Descriptions.Item>
      <Descriptions.Item label={t('fields.contactName')}>{l.contactName}</Descriptions.Item>
      {'mobile' in l ? <Descriptions.Item label={t('fields.mobile')}>{l.mobile}</Descriptions.Item> : null}
      {'email' in l ? <Descriptions.Item label={t('fields.email')}>{l.email}</Descriptions.Item> : null}
      <Descriptions.Item label={t('fields.owner')}>
        {l.ownerName ?? t('views.pool')}
        {l.departmentName ? ` · ${l.departmentName}` : ''}
      </Descriptions.Item>
      <Descriptions.Item label={t('fields.source')}>{l.sourceName}</Descriptions.Item>
      {l.formName ? <Descriptions.Item label={t('fields.form')}>{l.formName}</Descriptions.Item> : null}
      {l.regionName || l.regionCode ? (
        <Descriptions.Item label={t('fields.region')}>{l.regionName ?? l.regionCode}</Descriptions.Item>
      ) : null}
      <Descriptions.Item label={t('fields.remark')}>{l.remark}</Descriptions.Item>
      <Descriptions.Item label={t('fields.createdAt')}>{formatDateTime(l.createdAt)}</Descriptions.Item>
      {l.customerId ? (
        <Descriptions.Item label={t('fields.customer')}>
          <Link to={`/customers/${l.customerId}`}>{t('actions.openCustomer')}</Link>
        </Descriptions.Item>
      ) : null}
    </Descriptions>
  );
}

/** What an activity says, in the reader's language (its content is a code or the note itself). */
function useActivityText() {
  const { t } = useTranslation('leads');
  return (a: LeadActivity) => {
    switch (a.kind) {
      case 'note':
        return a.content;
      case 'created':
        return a.content.startsWith('form:')
          ? t('activity.form', { form: a.content.slice(5) })
          : t(a.content === 'import' ? 'activity.import' : 'activity.manual');
      case 'assigned':
        if (a.content === 'pool') return t('activity.pool');
        if (a.content.startsWith('rule:')) return t('activity.byRule', { rule: a.content.slice(5) });
        return t('activity.assigned');
      case 'status':
        return t(`status.${a.content}` as 'status.new');
      default:
        return t(`activity.${a.kind}`);
    }
  };
}

function Log({ l }: { l: Lead }) {
  const { t } = useTranslation('leads');
  const log = useLeadLog(l.id);
  const add = useAddLeadNote();
  const can = useCan();
  const showError = useShowError();
  const [note, setNote] = useState('');
  const text = useActivityText();
  return (
    <section aria-label={t('detail.log')}>
      <Typography.Title level={5}>{t('detail.log')}</Typography.Title>
      {can('leads:edit') && !l.inPool && l.status !== 'converted' ? (
        <Flex vertical gap={8} style={{ marginBottom: 16 }}>
          <Input.TextArea
            aria-label={t('actions.addNote')}
            rows={2}
            maxLength={leadLimits.note}
            value={note}
            placeholder={t('detail.notePlaceholder')}
            onChange={(e) => setNote(e.target.value)}
          />
          <Flex justify="end">
            <Button
              type="primary"
              disabled={!note.trim()}
              loading={add.isPending}
              onClick={() =>
                add
                  .mutateAsync({ id: l.id, content: note.trim() })
                  .then(() => setNote(''))
                  .catch((e) => showError(e))
              }
            >
              {t('actions.addNote')}
            </Button>
          </Flex>
        </Flex>
      ) : null}
      {log.isError ? (
        <QueryError error={log.error} onRetry={() => void log.refetch()} />
      ) : !log.data ? (
        <Skeleton active />
      ) : log.data.length === 0 ? (
        <Empty description={t('detail.noLog')} />
      ) : (
        <Timeline
          items={log.data.map((a) => ({
            key: a.id,
            color: a.kind === 'note' ? 'blue' : 'gray',
            content: (
              <Flex vertical>
                <Typography.Text strong={a.kind === 'note'}>{text(a)}</Typography.Text>
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {formatDateTime(a.createdAt)} {a.userName ?? ''}
                </Typography.Text>
              </Flex>
            ),
          }))}
        />
      )}
    </section>
  );
}
