import './texts.ts';
import {
  DislikeFilled,
  DislikeOutlined,
  EditOutlined,
  LikeFilled,
  LikeOutlined,
  RollbackOutlined,
  SendOutlined,
} from '@ant-design/icons';
import type { KbArticle, KbArticleStatus } from '@guanxi/contract';
import {
  Alert,
  App,
  Button,
  Divider,
  Drawer,
  Flex,
  Result,
  Skeleton,
  Space,
  Tabs,
  Tag,
  Typography,
} from 'antd';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { ConfirmDeleteButton } from '../../components/confirm-delete-button.tsx';
import { FieldHistory } from '../../components/field-history.tsx';
import { QueryError } from '../../components/query-error.tsx';
import { RichContent } from '../../components/rich-text/rich-content.tsx';
import { isApiError } from '../../lib/api.ts';
import { formatDateTime, formatValue } from '../../lib/format.ts';
import { useIsPhone } from '../../lib/use-is-phone.ts';
import { AttachmentsPanel } from '../files/attachments-panel.tsx';
import {
  useArticle,
  useArticleHistory,
  useCountView,
  useDeleteArticle,
  useSetPublished,
  useVote,
} from './api.ts';

type Props = {
  id: string | null;
  onClose: () => void;
  onEdit: (a: KbArticle) => void;
};

export function KbStatusTag({ status }: { status: KbArticleStatus }) {
  const { t } = useTranslation('kb');
  return <Tag color={status === 'published' ? 'green' : 'default'}>{t(`status.${status}`)}</Tag>;
}

/** 文章: the sanitised text, 有帮助 / 没帮助, attachments, history; 编辑 / 发布 / 撤回 / 删除 as allowed. */
export function ArticleDetail({ id, onClose, onEdit }: Props) {
  const { t } = useTranslation('kb');
  const { message } = App.useApp();
  const isPhone = useIsPhone();
  const article = useArticle(id);
  const a = article.data;
  const remove = useDeleteArticle();
  const setPublished = useSetPublished();
  const countView = useCountView();

  // a reading counts once the article is there (the server counts once per person and day)
  const readable = a?.id === id && a?.status === 'published';
  // biome-ignore lint/correctness/useExhaustiveDependencies: once per opened article
  useEffect(() => {
    if (id && readable) countView.mutate(id);
  }, [id, readable]);

  const publish = (publish: boolean) =>
    a &&
    setPublished
      .mutateAsync({ id: a.id, version: a.version, publish })
      .then(() => message.success(publish ? t('published') : t('unpublished')))
      .catch((e) => message.error(isApiError(e, 'CONFLICT') ? t('conflict') : (e as Error).message));

  const body = article.isError ? (
    isApiError(article.error, 'NOT_FOUND') ? (
      <Result status="404" subTitle={t('detail.notFound')} />
    ) : (
      <QueryError error={article.error} onRetry={() => void article.refetch()} />
    )
  ) : !a ? (
    <Skeleton active />
  ) : (
    <Tabs
      items={[
        { key: 'article', label: t('tabs.article'), children: <ArticleBody a={a} /> },
        {
          key: 'attachments',
          label: t('tabs.attachments'),
          children: <AttachmentsPanel entity="kb-articles" entityId={a.id} canChange={a.canEdit} />,
        },
        { key: 'history', label: t('tabs.history'), children: <HistoryTab a={a} /> },
      ]}
    />
  );

  return (
    <Drawer
      open={!!id}
      onClose={onClose}
      title={a ? a.title : t('detail.title')}
      size={isPhone ? '100%' : 760}
      destroyOnHidden
      extra={
        a ? (
          <Flex gap={8} wrap justify="flex-end">
            {a.canDelete ? (
              <ConfirmDeleteButton
                title={t('deleteConfirm')}
                onConfirm={() => remove.mutateAsync({ id: a.id, version: a.version }).then(onClose)}
                doneMessage={t('deleted')}
                look={isPhone ? 'icon' : 'button'}
              />
            ) : null}
            {a.canPublish && a.status === 'published' ? (
              <Button
                icon={<RollbackOutlined aria-hidden />}
                loading={setPublished.isPending}
                onClick={() => void publish(false)}
                aria-label={t('actions.unpublish')}
              >
                {isPhone ? null : t('actions.unpublish')}
              </Button>
            ) : null}
            {a.canEdit ? (
              <Button
                icon={<EditOutlined aria-hidden />}
                onClick={() => onEdit(a)}
                aria-label={t('actions.edit', { ns: 'common' })}
              >
                {isPhone ? null : t('actions.edit', { ns: 'common' })}
              </Button>
            ) : null}
            {a.canPublish && a.status === 'draft' ? (
              <Button
                type="primary"
                icon={<SendOutlined aria-hidden />}
                loading={setPublished.isPending}
                onClick={() => void publish(true)}
              >
                {t('actions.publish')}
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

function ArticleBody({ a }: { a: KbArticle }) {
  const { t } = useTranslation('kb');
  return (
    <Flex vertical gap={12}>
      <Flex gap={8} wrap align="center">
        <KbStatusTag status={a.status} />
        {a.categoryName ? <Tag>{a.categoryName}</Tag> : null}
        <Typography.Text type="secondary">
          {a.authorName ? t('detail.by', { name: a.authorName }) : null}
          {a.publishedAt && a.publishedByName
            ? ` · ${t('detail.publishedBy', { name: a.publishedByName, time: formatDateTime(a.publishedAt) })}`
            : null}
        </Typography.Text>
      </Flex>
      {a.status === 'draft' ? <Alert type="info" showIcon title={t('detail.draftNote')} /> : null}
      <RichContent html={a.content} testId="kb-article-content" />
      <Typography.Text type="secondary">
        {t('detail.views', { count: a.viewCount })} · {t('detail.solved', { count: a.solvedCount })}
      </Typography.Text>
      {a.status === 'published' ? (
        <>
          <Divider style={{ margin: '4px 0' }} />
          <Votes a={a} />
        </>
      ) : null}
    </Flex>
  );
}

/** 有帮助 / 没帮助: one vote per person; pressing the chosen one again takes it back. */
function Votes({ a }: { a: KbArticle }) {
  const { t } = useTranslation('kb');
  const { message } = App.useApp();
  const vote = useVote();
  const cast = (helpful: boolean) =>
    vote
      .mutateAsync({ id: a.id, helpful: a.myVote === helpful ? null : helpful })
      .then((r) => (r.myVote !== null ? message.success(t('thanks')) : undefined));
  return (
    <Flex vertical gap={8}>
      <Typography.Text>{t('detail.wasHelpful')}</Typography.Text>
      <Space wrap>
        <Button
          icon={a.myVote === true ? <LikeFilled aria-hidden /> : <LikeOutlined aria-hidden />}
          type={a.myVote === true ? 'primary' : 'default'}
          aria-pressed={a.myVote === true}
          loading={vote.isPending && vote.variables?.helpful !== false}
          onClick={() => void cast(true)}
        >
          {t('actions.helpful')} {a.helpfulCount}
        </Button>
        <Button
          icon={a.myVote === false ? <DislikeFilled aria-hidden /> : <DislikeOutlined aria-hidden />}
          type={a.myVote === false ? 'primary' : 'default'}
          aria-pressed={a.myVote === false}
          loading={vote.isPending && vote.variables?.helpful === false}
          onClick={() => void cast(false)}
        >
          {t('actions.unhelpful')} {a.unhelpfulCount}
        </Button>
      </Space>
    </Flex>
  );
}

const fieldKeys: Record<string, string> = {
  title: 'fields.title',
  categoryId: 'fields.category',
  content: 'fields.content',
  status: 'fields.status',
};

function HistoryTab({ a }: { a: KbArticle }) {
  const { t } = useTranslation('kb');
  const { t: tc } = useTranslation();
  const history = useArticleHistory(a.id);
  const valueLabel = (field: string, value: unknown) => {
    if (value === null || value === undefined || value === '') return '';
    if (field === 'status') return t(`status.${value as KbArticleStatus}`);
    if (field === 'categoryId' && value === a.categoryId) return a.categoryName ?? String(value);
    // the HTML's text is what a reader compares
    if (field === 'content')
      return String(value)
        .replace(/<[^>]*>/g, ' ')
        .replace(/\s+/g, ' ')
        .trim()
        .slice(0, 200);
    return formatValue(value, { yes: tc('history.yes'), no: tc('history.no') });
  };
  return (
    <FieldHistory
      changes={history.data}
      loading={history.isPending}
      error={history.error}
      onRetry={() => void history.refetch()}
      fieldLabel={(f) => (fieldKeys[f] ? t(fieldKeys[f] as 'fields.title') : f)}
      valueLabel={valueLabel}
    />
  );
}
