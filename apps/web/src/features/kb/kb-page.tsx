import './texts.ts';
import { DislikeOutlined, LikeOutlined, PlusOutlined } from '@ant-design/icons';
import { type KbArticle, type KbArticleListItem, kbArticleStatuses } from '@guanxi/contract';
import { Button, Card, Flex, Form, Select, Space, Typography } from 'antd';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { ListPage } from '../../components/list-page/list-page.tsx';
import type { ListColumn, ShownRecord } from '../../components/list-page/types.ts';
import { PageHeader } from '../../components/page-header.tsx';
import { useCan } from '../../lib/access.ts';
import { formatDateTime } from '../../lib/format.ts';
import { useIsPhone } from '../../lib/use-is-phone.ts';
import { useOpenRecord } from '../../lib/use-open-record.ts';
import { useUpdateParams } from '../../lib/use-update-params.ts';
import { DictionarySelect } from '../dictionaries/dictionary-select.tsx';
import { fetchArticles, kbKeys } from './api.ts';
import { ArticleDetail, KbStatusTag } from './article-detail.tsx';
import { ArticleDrawer } from './article-drawer.tsx';
import { KbCategoryTree } from './category-tree.tsx';

const urlState = { filterKeys: ['status', 'mine'] };

/**
 * 知识库: the articles I may read with the category tree beside them (a cascader above them on a
 * phone), search by two characters or pinyin initials, 写文章 and the article in a drawer (`?id=`).
 */
export function KbPage() {
  const { t } = useTranslation('kb');
  const can = useCan();
  const isPhone = useIsPhone();
  const [params] = useSearchParams();
  const updateParams = useUpdateParams();
  const [openId, openRecord] = useOpenRecord();
  const [drawer, setDrawer] = useState<'new' | KbArticle | null>(null);
  const [shown, setShown] = useState<ShownRecord | null>(null);
  const categoryId = params.get('categoryId');
  const setCategory = (id: string | null) =>
    updateParams((p) => {
      if (id) p.set('categoryId', id);
      else p.delete('categoryId');
      p.delete('page');
      p.delete('cursor');
    });

  const columns = useMemo<ListColumn<KbArticleListItem>[]>(
    () => [
      {
        key: 'title',
        title: t('fields.title'),
        sortable: true,
        alwaysVisible: true,
        width: 420,
        render: (a) => (
          // the excerpt is cut to the column: the title and its first words, never a row wider than the page
          <Flex vertical gap={2} style={{ minWidth: 200, maxWidth: 420 }}>
            <Button
              type="link"
              size="small"
              style={{
                padding: 0,
                height: 'auto',
                justifyContent: 'flex-start',
                textAlign: 'left',
                whiteSpace: 'normal',
              }}
              onClick={() => openRecord(a.id)}
            >
              {a.title}
            </Button>
            <Typography.Text type="secondary" style={{ fontSize: 12 }} ellipsis={{ tooltip: false }}>
              {a.excerpt}
            </Typography.Text>
          </Flex>
        ),
      },
      { key: 'categoryName', title: t('fields.category'), render: (a) => a.categoryName ?? '' },
      { key: 'status', title: t('fields.status'), render: (a) => <KbStatusTag status={a.status} /> },
      { key: 'authorName', title: t('fields.author'), render: (a) => a.authorName ?? '' },
      {
        key: 'viewCount',
        title: t('fields.views'),
        sortable: true,
        align: 'right',
        render: (a) => a.viewCount,
      },
      {
        key: 'helpful',
        title: t('fields.helpful'),
        render: (a) => (
          <Space size={8}>
            <span title={t('actions.helpful')}>
              <LikeOutlined aria-label={t('actions.helpful')} /> {a.helpfulCount}
            </span>
            <span title={t('actions.unhelpful')}>
              <DislikeOutlined aria-label={t('actions.unhelpful')} /> {a.unhelpfulCount}
            </span>
          </Space>
        ),
      },
      {
        key: 'solvedCount',
        title: t('fields.solved'),
        align: 'right',
        defaultHidden: true,
        render: (a) => a.solvedCount,
      },
      {
        key: 'publishedAt',
        title: t('fields.publishedAt'),
        sortable: true,
        defaultHidden: true,
        render: (a) => (a.publishedAt ? formatDateTime(a.publishedAt) : ''),
      },
      {
        key: 'updatedAt',
        title: t('fields.updatedAt'),
        sortable: true,
        render: (a) => formatDateTime(a.updatedAt),
      },
    ],
    [t, openRecord],
  );

  const list = (
    <ListPage<KbArticleListItem>
      queryKey={kbKeys.all}
      fetcher={fetchArticles}
      columns={columns}
      rowKey={(a) => a.id}
      rowLabel={(a) => a.title}
      columnPreferenceKey="columns.kb"
      searchPlaceholder={t('searchPlaceholder')}
      emptyText={t('empty')}
      defaultSort="-updatedAt"
      urlState={urlState}
      fixedParams={{ categoryId: categoryId ?? undefined }}
      show={shown}
      filterFields={[
        <Form.Item key="status" name="status" label={t('fields.status')}>
          <Select
            allowClear
            options={kbArticleStatuses.map((s) => ({ value: s, label: t(`status.${s}`) }))}
          />
        </Form.Item>,
        <Form.Item key="mine" name="mine" label={t('mine')}>
          <Select allowClear options={[{ value: 'true', label: t('mine') }]} />
        </Form.Item>,
      ]}
    />
  );

  return (
    <>
      <PageHeader
        title={t('title')}
        extra={
          can('kb:create') ? (
            <Button type="primary" icon={<PlusOutlined aria-hidden />} onClick={() => setDrawer('new')}>
              {t('create')}
            </Button>
          ) : null
        }
      />
      {isPhone ? (
        <Flex vertical gap={12}>
          <DictionarySelect
            type="kb-category"
            value={categoryId}
            onChange={setCategory}
            placeholder={t('allCategories')}
            aria-label={t('fields.category')}
            style={{ width: '100%' }}
          />
          {list}
        </Flex>
      ) : (
        <Flex gap={16} align="flex-start">
          <Card size="small" title={t('categoryTree')} style={{ width: 220, flex: 'none' }}>
            <KbCategoryTree value={categoryId} onChange={setCategory} />
          </Card>
          <div style={{ flex: 1, minWidth: 0 }}>{list}</div>
        </Flex>
      )}
      <ArticleDrawer
        target={drawer}
        categoryId={categoryId}
        onClose={() => {
          // back to the article after editing it (it was closed to show the form)
          if (drawer && drawer !== 'new') openRecord(drawer.id);
          setDrawer(null);
        }}
        onSaved={(a) => {
          if (drawer === 'new') {
            setShown({ id: a.id, search: a.title });
            openRecord(a.id);
          }
        }}
      />
      <ArticleDetail
        id={drawer ? null : openId}
        onClose={() => openRecord(null)}
        onEdit={(a) => {
          openRecord(null);
          setDrawer(a);
        }}
      />
    </>
  );
}
