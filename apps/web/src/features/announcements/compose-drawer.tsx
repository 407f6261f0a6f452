import './texts.ts';
import {
  type Announcement,
  type AnnouncementKind,
  announcementLimits,
  type FileInfo,
} from '@guanxi/contract';
import { App, DatePicker, Form, Input, Radio, Select, Switch, TreeSelect } from 'antd';
import type { Dayjs } from 'dayjs';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { FormDrawer } from '../../components/form-drawer.tsx';
import { RichTextEditor } from '../../components/rich-text/rich-text-editor.tsx';
import { useDebouncedValue } from '../../lib/use-debounced-value.ts';
import { PendingUploads } from '../files/pending-uploads.tsx';
import { useAudience, useCreateAnnouncement } from './api.ts';

type Values = {
  kind: AnnouncementKind;
  title: string;
  departmentIds?: string[];
  userIds?: string[];
  content?: string;
  pinned?: boolean;
  expiresAt?: Dayjs | null;
  dueAt?: Dayjs | null;
  files?: FileInfo[];
};

type Tree = { value: string; title: string; children: Tree[] };

/** The reachable departments as a tree (a department whose parent is out of reach is a root). */
function toTree(list: { id: string; name: string; parentId: string | null }[]): Tree[] {
  const nodes = new Map(list.map((d) => [d.id, { value: d.id, title: d.name, children: [] as Tree[] }]));
  const roots: Tree[] = [];
  for (const d of list) {
    const parent = d.parentId ? nodes.get(d.parentId) : undefined;
    (parent ? parent.children : roots).push(nodes.get(d.id)!);
  }
  return roots;
}

/** 发通知: a notice or an instruction to departments (with their sub-departments) and people in my scope. */
export function ComposeDrawer({
  open,
  onClose,
  onSent,
}: {
  open: boolean;
  onClose: () => void;
  onSent: (a: Announcement) => void;
}) {
  const { t } = useTranslation('announcements');
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const kind = Form.useWatch('kind', form) ?? 'notice';
  const [search, setSearch] = useState('');
  const q = useDebouncedValue(search, 250);
  const audience = useAudience(q, open);
  const create = useCreateAnnouncement();
  const departments = useMemo(() => toTree(audience.data?.departments ?? []), [audience.data]);
  // people chosen earlier stay labelled while the search shows others
  const [known, setKnown] = useState(new Map<string, string>());
  const people = useMemo(() => {
    const all = new Map(known);
    for (const u of audience.data?.users ?? []) all.set(u.id, `${u.name}（${u.departmentName}）`);
    return [...all].map(([value, label]) => ({ value, label }));
  }, [audience.data, known]);

  return (
    <FormDrawer<Values>
      open={open}
      title={t('form.title')}
      width={720}
      onClose={onClose}
      name="announcement"
      form={form}
      submitText={t('form.submit')}
      onSubmit={async (v) => {
        if (!v.departmentIds?.length && !v.userIds?.length) {
          form.setFields([{ name: 'departmentIds', errors: [t('form.audienceRequired')] }]);
          return;
        }
        const a = await create.mutateAsync({
          kind: v.kind,
          title: v.title,
          content: v.content ?? '',
          departmentIds: v.departmentIds ?? [],
          userIds: v.userIds ?? [],
          pinned: v.pinned ?? false,
          expiresAt: v.expiresAt ? v.expiresAt.toISOString() : null,
          dueAt: v.kind === 'instruction' && v.dueAt ? v.dueAt.toISOString() : null,
          fileIds: (v.files ?? []).map((f) => f.id),
        });
        message.success(t('form.sent', { count: a.recipientCount }));
        form.resetFields();
        setKnown(new Map());
        onSent(a);
      }}
    >
      <Form.Item name="kind" label={t('fields.kind')} initialValue="notice" extra={t('form.kindHint')}>
        <Radio.Group
          optionType="button"
          options={[
            { value: 'notice', label: t('kinds.notice') },
            { value: 'instruction', label: t('kinds.instruction') },
          ]}
        />
      </Form.Item>
      <Form.Item name="title" label={t('fields.title')} rules={[{ required: true, whitespace: true }]}>
        <Input maxLength={announcementLimits.title} />
      </Form.Item>
      <Form.Item name="departmentIds" label={t('fields.departments')} extra={t('form.departmentsHint')}>
        <TreeSelect
          multiple
          treeData={departments}
          treeDefaultExpandAll
          showSearch
          treeNodeFilterProp="title"
          placeholder={t('form.departmentsPlaceholder')}
          loading={audience.isPending}
          onChange={() => form.setFields([{ name: 'departmentIds', errors: [] }])}
        />
      </Form.Item>
      <Form.Item name="userIds" label={t('fields.users')}>
        <Select
          mode="multiple"
          showSearch
          filterOption={false}
          onSearch={setSearch}
          options={people}
          placeholder={t('form.usersPlaceholder')}
          loading={audience.isFetching}
          onChange={(ids: string[]) => {
            form.setFields([{ name: 'departmentIds', errors: [] }]);
            setKnown((m) => {
              const next = new Map(m);
              for (const id of ids) {
                const p = people.find((x) => x.value === id);
                if (p) next.set(id, p.label);
              }
              return next;
            });
          }}
        />
      </Form.Item>
      {kind === 'instruction' ? (
        <Form.Item
          name="dueAt"
          label={t('fields.dueAt')}
          rules={[{ required: true, message: t('form.dueRequired') }]}
        >
          <DatePicker showTime={{ format: 'HH:mm' }} format="YYYY-MM-DD HH:mm" style={{ width: '100%' }} />
        </Form.Item>
      ) : null}
      <Form.Item name="content" label={t('fields.content')}>
        <RichTextEditor aria-label={t('fields.content')} placeholder={t('editor.placeholder')} />
      </Form.Item>
      {/* uploaded while the form is open, they go out with the announcement */}
      <Form.Item name="files" label={t('fields.attachments')}>
        <PendingUploads />
      </Form.Item>
      <Form.Item name="expiresAt" label={t('fields.expiresAt')}>
        <DatePicker showTime={{ format: 'HH:mm' }} format="YYYY-MM-DD HH:mm" style={{ width: '100%' }} />
      </Form.Item>
      <Form.Item name="pinned" label={t('fields.pinned')} valuePropName="checked">
        <Switch />
      </Form.Item>
    </FormDrawer>
  );
}
