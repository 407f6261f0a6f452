import './texts.ts';
import { PlusOutlined } from '@ant-design/icons';
import { type DictionaryType, dictionaryType, dictionaryTypes } from '@guanxi/contract';
import { App, Button, Card, Col, Flex, Row, Tag } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { PageHeader } from '../../components/page-header.tsx';
import { QueryError } from '../../components/query-error.tsx';
import { useIsPhone } from '../../lib/use-is-phone.ts';
import { useCreateDictionaryItem, useDictionarySummaries } from './api.ts';
import { DictionaryItemsTable } from './dictionary-items-table.tsx';
import { DictionaryTypeNav } from './dictionary-type-nav.tsx';
import { cleanValues, ItemFormModal } from './item-form-modal.tsx';
import type { ItemRow } from './item-rows.ts';

/** `null` adds at the top level; an item adds below it. */
type Adding = { parent: ItemRow | null } | null;

/** 数据字典: the dictionaries on the left (a select on phones), the chosen one's items on the right. */
export function DictionariesPage() {
  const { t } = useTranslation('dictionaries');
  const { message } = App.useApp();
  const isPhone = useIsPhone();
  const summaries = useDictionarySummaries();
  // the chosen dictionary lives in the address, so a reload or a shared link keeps it
  const [params, setParams] = useSearchParams();
  const parsed = dictionaryType.safeParse(params.get('type'));
  const type: DictionaryType = parsed.success ? parsed.data : 'customer-source';
  const [expanded, setExpanded] = useState<{ type: DictionaryType; keys: string[] }>({ type, keys: [] });
  const expandedKeys = expanded.type === type ? expanded.keys : [];
  const [adding, setAdding] = useState<Adding>(null);
  const [created, setCreated] = useState<string | null>(null);
  const create = useCreateDictionaryItem(type);

  const chooseType = (next: DictionaryType) => setParams({ type: next }, { replace: true });
  const typeName = t(`types.${type}`);

  if (summaries.isError) {
    return (
      <>
        <PageHeader title={t('title')} />
        <QueryError error={summaries.error} onRetry={() => void summaries.refetch()} />
      </>
    );
  }

  return (
    <>
      <PageHeader title={t('title')} subTitle={isPhone ? undefined : t('subtitle')} />
      <Row gutter={[16, 12]}>
        <Col xs={24} md={8} xl={6} xxl={5}>
          <DictionaryTypeNav
            value={type}
            onChange={chooseType}
            summaries={summaries.data}
            loading={summaries.isPending}
          />
        </Col>
        <Col xs={24} md={16} xl={18} xxl={19}>
          <Card
            variant="borderless"
            title={
              <Flex align="center" gap={8}>
                <span>{typeName}</span>
                {dictionaryTypes[type].tree ? <Tag>{t('treeHint')}</Tag> : null}
              </Flex>
            }
            extra={
              <Button
                type="primary"
                size={isPhone ? 'small' : 'middle'}
                icon={<PlusOutlined aria-hidden />}
                onClick={() => setAdding({ parent: null })}
              >
                {t('actions.add')}
              </Button>
            }
            styles={{ body: { padding: isPhone ? 8 : 16 } }}
          >
            <DictionaryItemsTable
              key={type}
              type={type}
              expanded={expandedKeys}
              onExpandedChange={(keys) => setExpanded({ type, keys })}
              onAddChild={(parent) => setAdding({ parent })}
              created={created}
            />
          </Card>
        </Col>
      </Row>
      <ItemFormModal
        open={!!adding}
        title={
          adding?.parent
            ? t('actions.addChildOf', { name: adding.parent.name })
            : `${t('actions.add')} · ${typeName}`
        }
        onCancel={() => setAdding(null)}
        onSubmit={async (values) => {
          const item = await create.mutateAsync({ ...cleanValues(values), parentId: adding?.parent?.id });
          message.success(t('done.created'));
          setAdding(null);
          // show the new item: open its parent, mark its row
          if (item.parentId && !expandedKeys.includes(item.parentId))
            setExpanded({ type, keys: [...expandedKeys, item.parentId] });
          setCreated(item.id);
        }}
      />
    </>
  );
}
