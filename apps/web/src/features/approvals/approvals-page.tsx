import './texts.ts';
import type { ApprovalBox, ApprovalListItem } from '@guanxi/contract';
import { approvalDocumentTypes } from '@guanxi/contract';
import { Button, Form, Select, Tabs, Tag } from 'antd';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { ListPage } from '../../components/list-page/list-page.tsx';
import type { ListColumn } from '../../components/list-page/types.ts';
import { PageHeader } from '../../components/page-header.tsx';
import { formatDateTime } from '../../lib/format.ts';
import { useOpenRecord } from '../../lib/use-open-record.ts';
import { useUpdateParams } from '../../lib/use-update-params.ts';
import { approvalKeys, fetchApprovals } from './api.ts';
import { ApprovalDetail } from './approval-detail.tsx';
import { ApprovalStatusTag, money, useDocumentTypeLabel } from './labels.tsx';

const boxes: ApprovalBox[] = ['pending', 'done', 'submitted'];
const urlState = { filterKeys: ['documentType'] };

/** 审批中心: 我的待办 / 我已处理 / 我发起的 (`?box=`), a drawer with the approval (`?id=`, where notifications link). */
export function ApprovalsPage() {
  const { t } = useTranslation('approvals');
  const typeLabel = useDocumentTypeLabel();
  const [params] = useSearchParams();
  const updateParams = useUpdateParams();
  const box = (boxes as string[]).includes(params.get('box') ?? '')
    ? (params.get('box') as ApprovalBox)
    : 'pending';
  const [openId, openRecord] = useOpenRecord();
  const setBox = (b: string) =>
    updateParams(
      (p) => {
        // another box is another list: its own first page, no cursor of this one
        const id = p.get('id');
        for (const key of [...p.keys()]) p.delete(key);
        if (id) p.set('id', id);
        p.set('box', b);
      },
      { replace: true },
    );

  const columns = useMemo<ListColumn<ApprovalListItem>[]>(
    () => [
      {
        key: 'title',
        title: t('fields.title'),
        alwaysVisible: true,
        render: (a) => (
          <Button
            type="link"
            size="small"
            style={{ padding: 0, height: 'auto', whiteSpace: 'normal', textAlign: 'left' }}
            onClick={() => openRecord(a.id)}
          >
            {a.title}
          </Button>
        ),
      },
      {
        key: 'documentType',
        title: t('fields.documentType'),
        render: (a) => <Tag>{typeLabel(a.documentType)}</Tag>,
      },
      { key: 'amount', title: t('fields.amount'), align: 'right', render: (a) => money(a.amount) },
      { key: 'submitter', title: t('fields.submitter'), render: (a) => a.submitter.name },
      {
        key: 'step',
        title: t('fields.step'),
        render: (a) =>
          a.status === 'pending'
            ? `${t('stepOf', a.step)} · ${a.step.approvers.map((p) => p.name).join('、')}`
            : '',
      },
      { key: 'status', title: t('fields.status'), render: (a) => <ApprovalStatusTag status={a.status} /> },
      ...(box === 'done'
        ? [
            {
              key: 'myDecision',
              title: t('fields.myDecision'),
              render: (a: ApprovalListItem) => (a.myDecision ? t(`taskStatus.${a.myDecision}`) : ''),
            },
          ]
        : []),
      { key: 'createdAt', title: t('fields.createdAt'), render: (a) => formatDateTime(a.createdAt) },
      {
        key: 'decidedAt',
        title: t('fields.decidedAt'),
        defaultHidden: box === 'pending',
        render: (a) => formatDateTime(a.decidedAt),
      },
    ],
    [t, openRecord, typeLabel, box],
  );

  return (
    <>
      <PageHeader title={t('title')} />
      <Tabs
        activeKey={box}
        onChange={setBox}
        items={boxes.map((b) => ({ key: b, label: t(`boxes.${b}`) }))}
      />
      <ListPage<ApprovalListItem>
        key={box}
        queryKey={[...approvalKeys.all, 'list', box]}
        fetcher={fetchApprovals}
        fixedParams={{ box }}
        columns={columns}
        rowKey={(a) => a.id}
        columnPreferenceKey={`columns.approvals.${box}`}
        searchPlaceholder={t('searchPlaceholder')}
        emptyText={t(`empty.${box}`)}
        urlState={urlState}
        filterFields={[
          <Form.Item key="documentType" name="documentType" label={t('fields.documentType')}>
            <Select
              allowClear
              options={approvalDocumentTypes.map((d) => ({ value: d, label: typeLabel(d) }))}
            />
          </Form.Item>,
        ]}
      />
      <ApprovalDetail id={openId} onClose={() => openRecord(null)} />
    </>
  );
}
