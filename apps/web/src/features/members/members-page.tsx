import './texts.ts';
import { DownloadOutlined, PlusOutlined } from '@ant-design/icons';
import { type Member, memberStatuses } from '@guanxi/contract';
import { Button, Flex, Form, Select } from 'antd';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { ListPage } from '../../components/list-page/list-page.tsx';
import type { ListColumn } from '../../components/list-page/types.ts';
import { PageHeader } from '../../components/page-header.tsx';
import { useCan } from '../../lib/access.ts';
import type { QueryValue } from '../../lib/api.ts';
import { download, listExportUrl } from '../../lib/download.ts';
import { DictionarySelect } from '../dictionaries/dictionary-select.tsx';
import { fetchMembers, memberKeys } from './api.ts';
import { LevelTag, MemberStatusTag } from './labels.tsx';
import { MemberFormModal } from './member-form-modal.tsx';

const urlState = { filterKeys: ['status', 'levelId'] };

/** 会员: members of the customers I see, by level and status; q on the number or the customer's name. */
export function MembersPage() {
  const { t } = useTranslation('members');
  const can = useCan();
  const [creating, setCreating] = useState(false);
  const [params] = useSearchParams();
  const columns = useMemo<ListColumn<Member>[]>(
    () => [
      {
        key: 'number',
        title: t('fields.number'),
        alwaysVisible: true,
        sortable: true,
        render: (m) => <Link to={`/members/${m.id}`}>{m.number}</Link>,
      },
      { key: 'customer', title: t('fields.customer'), alwaysVisible: true, render: (m) => m.customerName },
      { key: 'level', title: t('fields.level'), render: (m) => <LevelTag name={m.levelName} /> },
      {
        key: 'points',
        title: t('fields.points'),
        align: 'right',
        sortable: true,
        alwaysVisible: true,
        render: (m) => m.points,
      },
      { key: 'status', title: t('fields.status'), render: (m) => <MemberStatusTag status={m.status} /> },
      { key: 'joinedAt', title: t('fields.joinedAt'), render: (m) => m.joinedAt },
      { key: 'contact', title: t('fields.contact'), defaultHidden: true, render: (m) => m.contactName ?? '' },
    ],
    [t],
  );
  return (
    <>
      <PageHeader
        title={t('title')}
        extra={
          <Flex gap={8} wrap>
            {can('members:export') ? (
              <Button
                icon={<DownloadOutlined aria-hidden />}
                onClick={() => download(listExportUrl('/api/v1/members/export', params, urlState.filterKeys))}
              >
                {t('export')}
              </Button>
            ) : null}
            {can('members:create') ? (
              <Button type="primary" icon={<PlusOutlined aria-hidden />} onClick={() => setCreating(true)}>
                {t('newMember')}
              </Button>
            ) : null}
          </Flex>
        }
      />
      <ListPage<Member>
        queryKey={memberKeys.list}
        fetcher={fetchMembers}
        columns={columns}
        rowKey={(m) => m.id}
        rowLabel={(m) => m.number}
        columnPreferenceKey="columns.members"
        searchPlaceholder={t('search')}
        emptyText={t('empty')}
        defaultSort="-createdAt"
        urlState={urlState}
        mapFilters={(v): Record<string, QueryValue> => ({
          status: typeof v.status === 'string' ? v.status : undefined,
          levelId: typeof v.levelId === 'string' && v.levelId ? v.levelId : undefined,
        })}
        filterFields={[
          <Form.Item key="levelId" name="levelId" label={t('fields.level')}>
            <DictionarySelect type="member-level" />
          </Form.Item>,
          <Form.Item key="status" name="status" label={t('fields.status')}>
            <Select
              allowClear
              options={memberStatuses.map((s) => ({ value: s, label: t(`statuses.${s}`) }))}
            />
          </Form.Item>,
        ]}
      />
      <MemberFormModal open={creating} onClose={() => setCreating(false)} />
    </>
  );
}
