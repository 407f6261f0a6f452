import './texts.ts';
import { EditOutlined } from '@ant-design/icons';
import { type FollowUp, followUpLimits } from '@guanxi/contract';
import { Button, Descriptions, Drawer, Flex, Result, Skeleton, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { CommentThread } from '../../components/comment-thread.tsx';
import { ConfirmDeleteButton } from '../../components/confirm-delete-button.tsx';
import { QueryError } from '../../components/query-error.tsx';
import { useCan } from '../../lib/access.ts';
import { isApiError } from '../../lib/api.ts';
import { formatDateTime } from '../../lib/format.ts';
import { useIsPhone } from '../../lib/use-is-phone.ts';
import { useCustomFieldDescriptions } from '../custom-fields/custom-field-value.tsx';
import { AttachmentsPanel } from '../files/attachments-panel.tsx';
import { useAddComment, useDeleteFollowUp, useFollowUp, useFollowUpComments } from './api.ts';
import { AttitudeTag } from './labels.tsx';

type Props = {
  id: string | null;
  onClose: () => void;
  onEdit: (f: FollowUp) => void;
};

/** 跟进详情: what happened, its attachments and 点评 (a comment box for who may comment). */
export function FollowUpDetail({ id, onClose, onEdit }: Props) {
  const { t } = useTranslation('followUps');
  const isPhone = useIsPhone();
  const followUp = useFollowUp(id);
  const f = followUp.data;
  const remove = useDeleteFollowUp();

  const body = followUp.isError ? (
    isApiError(followUp.error, 'NOT_FOUND') ? (
      <Result status="404" subTitle={t('detail.notFound')} />
    ) : (
      <QueryError error={followUp.error} onRetry={() => void followUp.refetch()} />
    )
  ) : !f ? (
    <Skeleton active />
  ) : (
    <Flex vertical gap={16}>
      <Facts f={f} />
      <section aria-label={t('detail.attachments')}>
        <Typography.Title level={5}>{t('detail.attachments')}</Typography.Title>
        <AttachmentsPanel entity="follow-ups" entityId={f.id} canChange={f.canEdit} />
      </section>
      <Comments id={f.id} />
    </Flex>
  );

  return (
    <Drawer
      open={!!id}
      onClose={onClose}
      title={f ? `${f.customerName} · ${f.typeName}` : t('detail.title')}
      size={isPhone ? '100%' : 560}
      destroyOnHidden
      extra={
        f ? (
          <Flex gap={8}>
            {f.canDelete ? (
              <ConfirmDeleteButton
                title={t('deleteConfirm')}
                onConfirm={() => remove.mutateAsync({ id: f.id, version: f.version }).then(onClose)}
                doneMessage={t('deleted')}
              />
            ) : null}
            {f.canEdit ? (
              <Button icon={<EditOutlined aria-hidden />} onClick={() => onEdit(f)}>
                {t('actions.edit', { ns: 'common' })}
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

function Facts({ f }: { f: FollowUp }) {
  const { t } = useTranslation('followUps');
  const custom = useCustomFieldDescriptions('follow-ups', f.customFields);
  return (
    <>
      <Descriptions
        column={1}
        size="small"
        styles={{ label: { width: 96 } }}
        items={[
          {
            key: 'customer',
            label: t('fields.customerId'),
            children: <Link to={`/customers/${f.customerId}`}>{f.customerName}</Link>,
          },
          ...(f.contactName
            ? [{ key: 'contact', label: t('fields.contactId'), children: f.contactName }]
            : []),
          { key: 'type', label: t('fields.type'), children: <Tag>{f.typeName}</Tag> },
          { key: 'at', label: t('fields.occurredAt'), children: formatDateTime(f.occurredAt) },
          { key: 'user', label: t('fields.userId'), children: f.userName },
          ...(f.topicName ? [{ key: 'topic', label: t('fields.topic'), children: f.topicName }] : []),
          ...(f.stageName ? [{ key: 'stage', label: t('fields.stage'), children: f.stageName }] : []),
          ...(f.attitude
            ? [
                {
                  key: 'attitude',
                  label: t('fields.attitude'),
                  children: <AttitudeTag attitude={f.attitude} />,
                },
              ]
            : []),
          ...(f.nextFollowUpAt
            ? [{ key: 'next', label: t('fields.nextFollowUpAt'), children: formatDateTime(f.nextFollowUpAt) }]
            : []),
          ...custom,
        ]}
      />
      <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', marginBottom: 0 }}>
        {f.content}
      </Typography.Paragraph>
    </>
  );
}

function Comments({ id }: { id: string }) {
  const { t } = useTranslation('followUps');
  const can = useCan();
  const comments = useFollowUpComments(id);
  const add = useAddComment(id);
  return (
    <CommentThread
      name="follow-up-comment"
      texts={{
        title: t('detail.comments'),
        empty: t('detail.noComments'),
        placeholder: t('detail.commentPlaceholder'),
        send: t('detail.commentSend'),
        sent: t('detail.commented'),
      }}
      comments={
        comments.isError ? (
          <QueryError error={comments.error} onRetry={() => void comments.refetch()} />
        ) : comments.isPending ? (
          <Skeleton active paragraph={{ rows: 1 }} />
        ) : (
          comments.data
        )
      }
      canComment={can('follow-ups:comment')}
      maxLength={followUpLimits.comment}
      onSend={(content) => add.mutateAsync(content)}
      sending={add.isPending}
    />
  );
}
