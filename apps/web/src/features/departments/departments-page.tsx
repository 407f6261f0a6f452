import './texts.ts';
import { ApartmentOutlined, DragOutlined, EditOutlined, PlusOutlined } from '@ant-design/icons';
import type { Department } from '@guanxi/contract';
import {
  App,
  Button,
  Card,
  Col,
  Descriptions,
  Empty,
  Flex,
  Input,
  Row,
  Switch,
  Tabs,
  Tree,
  Typography,
} from 'antd';
import { useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ConfirmDeleteButton } from '../../components/confirm-delete-button.tsx';
import { FieldHistory } from '../../components/field-history.tsx';
import { ListPage } from '../../components/list-page/list-page.tsx';
import { PageHeader } from '../../components/page-header.tsx';
import { QueryError } from '../../components/query-error.tsx';
import { useCan } from '../../lib/access.ts';
import { formatDateTime } from '../../lib/format.ts';
import { useIsPhone } from '../../lib/use-is-phone.ts';
import { fetchUsers } from '../users/api.ts';
import { userColumns } from '../users/user-columns.tsx';
import {
  useCreateDepartment,
  useDeleteDepartment,
  useDepartmentHistory,
  useDepartments,
  useUpdateDepartment,
} from './api.ts';
import { DepartmentFormModal } from './department-form-modal.tsx';
import { MoveDepartmentModal } from './move-department-modal.tsx';
import { buildTree, departmentPath, type TreeNode } from './tree.ts';

type Dialog = 'create' | 'rename' | 'move' | null;

function filterTree(nodes: TreeNode[], text: string): TreeNode[] {
  if (!text) return nodes;
  const out: TreeNode[] = [];
  for (const node of nodes) {
    const children = filterTree(node.children ?? [], text);
    if (node.title.toLowerCase().includes(text) || children.length > 0) {
      out.push({ ...node, children: children.length > 0 ? children : node.children });
    }
  }
  return out;
}

/** Department tree with details, users, history and the tree actions. */
export function DepartmentsPage() {
  const { t } = useTranslation('departments');
  const { t: tc } = useTranslation();
  const { t: tu } = useTranslation('users');
  const { message } = App.useApp();
  const can = useCan();
  const isPhone = useIsPhone();
  const departments = useDepartments();
  const [selectedId, setSelectedId] = useState<string | null>(null);
  const [search, setSearch] = useState('');
  const [dialog, setDialog] = useState<Dialog>(null);
  const [includeChildren, setIncludeChildren] = useState(false);
  // a new department is selected; its node is scrolled into view once the tree shows it
  const [created, setCreated] = useState<string | null>(null);
  const treeBox = useRef<HTMLDivElement>(null);
  const create = useCreateDepartment();
  const update = useUpdateDepartment();
  const remove = useDeleteDepartment();

  const list = departments.data ?? [];
  const selected: Department | undefined =
    list.find((d) => d.id === selectedId) ?? list.find((d) => d.parentId === null) ?? list[0];
  const tree = useMemo(() => buildTree(list), [list]);
  const shownTree = useMemo(() => filterTree(tree, search.trim().toLowerCase()), [tree, search]);
  const history = useDepartmentHistory(selected?.id);
  const columns = useMemo(() => userColumns(tu).filter((c) => c.key !== 'lastLoginAt'), [tu]);
  const parentName = selected?.parentId ? list.find((d) => d.id === selected.parentId)?.name : undefined;
  const createdShown = !!created && list.some((d) => d.id === created);
  useEffect(() => {
    if (createdShown)
      treeBox.current?.querySelector('.ant-tree-treenode-selected')?.scrollIntoView({ block: 'nearest' });
  }, [createdShown]);

  if (departments.isError) {
    return (
      <>
        <PageHeader title={t('title')} />
        <QueryError error={departments.error} onRetry={() => void departments.refetch()} />
      </>
    );
  }

  const actions = selected ? (
    <Flex gap={8} wrap>
      {can('departments:create') ? (
        <Button type="primary" icon={<PlusOutlined aria-hidden />} onClick={() => setDialog('create')}>
          {t('actions.addChild')}
        </Button>
      ) : null}
      {can('departments:edit') ? (
        <>
          <Button icon={<EditOutlined aria-hidden />} onClick={() => setDialog('rename')}>
            {t('actions.rename')}
          </Button>
          <Button
            icon={<DragOutlined aria-hidden />}
            disabled={!selected.parentId}
            onClick={() => setDialog('move')}
          >
            {t('actions.move')}
          </Button>
        </>
      ) : null}
      {can('departments:delete') ? (
        <ConfirmDeleteButton
          title={t('delete.title')}
          description={t('delete.confirm', { name: selected.name })}
          disabled={!selected.parentId}
          onConfirm={async () => {
            await remove.mutateAsync({ id: selected.id, version: selected.version });
            setSelectedId(selected.parentId);
          }}
          doneMessage={t('delete.done')}
        />
      ) : null}
    </Flex>
  ) : null;

  return (
    <>
      <PageHeader title={t('title')} subTitle={t('subtitle')} />
      <Row gutter={[16, 16]}>
        <Col xs={24} md={9} xl={7}>
          <Card
            variant="borderless"
            title={t('tree')}
            loading={departments.isPending}
            styles={{ body: { padding: isPhone ? 12 : 16 } }}
          >
            <Input.Search
              allowClear
              aria-label={t('searchTree')}
              placeholder={t('searchTree')}
              value={search}
              onChange={(e) => setSearch(e.target.value)}
              style={{ marginBottom: 12 }}
            />
            <div ref={treeBox} style={{ maxHeight: isPhone ? 320 : 'calc(100vh - 260px)', overflow: 'auto' }}>
              {shownTree.length > 0 ? (
                <Tree<TreeNode>
                  blockNode
                  showLine
                  showIcon={false}
                  defaultExpandAll
                  key={search ? `search-${search}` : `tree-${list.length}`}
                  treeData={shownTree}
                  selectedKeys={selected ? [selected.id] : []}
                  titleRender={(node) => (
                    <Flex justify="space-between" gap={8}>
                      <span>{node.title}</span>
                      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                        {node.department.userCount}
                      </Typography.Text>
                    </Flex>
                  )}
                  onSelect={(keys) => {
                    if (keys.length > 0) setSelectedId(String(keys[0]));
                  }}
                />
              ) : (
                <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('emptyTree')} />
              )}
            </div>
          </Card>
        </Col>
        <Col xs={24} md={15} xl={17}>
          {selected ? (
            <Card
              variant="borderless"
              title={
                <Flex align="center" gap={8}>
                  <ApartmentOutlined aria-hidden />
                  <span>{selected.name}</span>
                </Flex>
              }
              styles={{ body: { padding: isPhone ? 12 : 20 } }}
            >
              <Flex vertical gap={16}>
                {actions}
                <Descriptions
                  size="small"
                  column={{ xs: 1, sm: 2, xl: 3 }}
                  items={[
                    {
                      key: 'path',
                      label: t('fields.path'),
                      children: departmentPath(list, selected.id).join(' / '),
                    },
                    { key: 'parent', label: t('fields.parent'), children: parentName ?? t('none') },
                    { key: 'userCount', label: t('fields.userCount'), children: selected.userCount },
                    { key: 'sortOrder', label: t('fields.sortOrder'), children: selected.sortOrder },
                    {
                      key: 'createdAt',
                      label: t('fields.createdAt'),
                      children: formatDateTime(selected.createdAt),
                    },
                    {
                      key: 'updatedAt',
                      label: t('fields.updatedAt'),
                      children: formatDateTime(selected.updatedAt),
                    },
                  ]}
                />
                <Tabs
                  items={[
                    ...(can('users:view')
                      ? [
                          {
                            key: 'users',
                            label: t('tabs.users'),
                            children: (
                              <ListPage
                                bare
                                queryKey={['users']}
                                fetcher={fetchUsers}
                                columns={columns}
                                rowKey={(u) => u.id}
                                rowLabel={(u) => u.name}
                                columnPreferenceKey="columns.departmentUsers"
                                fixedParams={{
                                  departmentId: selected.id,
                                  includeChildren: includeChildren ? 'true' : undefined,
                                }}
                                searchPlaceholder={tu('searchPlaceholder')}
                                emptyText={t('noUsers')}
                                toolbar={
                                  <Flex align="center" gap={6}>
                                    <Switch
                                      size="small"
                                      checked={includeChildren}
                                      onChange={setIncludeChildren}
                                      aria-label={t('includeChildren')}
                                    />
                                    <Typography.Text>{t('includeChildren')}</Typography.Text>
                                  </Flex>
                                }
                              />
                            ),
                          },
                        ]
                      : []),
                    {
                      key: 'history',
                      label: t('tabs.history'),
                      children: (
                        <FieldHistory
                          changes={history.data}
                          loading={history.isPending}
                          error={history.error}
                          onRetry={() => void history.refetch()}
                          fieldLabel={(f) => t(`fieldNames.${f}`, { defaultValue: f })}
                        />
                      ),
                    },
                  ]}
                />
              </Flex>
            </Card>
          ) : (
            <Card variant="borderless" loading={departments.isPending}>
              <Empty description={t('selectHint')} />
            </Card>
          )}
        </Col>
      </Row>
      {selected ? (
        <>
          <DepartmentFormModal
            name="department-create"
            open={dialog === 'create'}
            title={t('actions.addChildOf', { name: selected.name })}
            onCancel={() => setDialog(null)}
            onSubmit={async (values) => {
              const d = await create.mutateAsync({
                name: values.name.trim(),
                parentId: selected.id,
                sortOrder: values.sortOrder ?? undefined,
              });
              message.success(t('created'));
              setDialog(null);
              // show the new department: selected, with its details
              setSelectedId(d.id);
              setCreated(d.id);
            }}
          />
          <DepartmentFormModal
            name="department-rename"
            open={dialog === 'rename'}
            title={t('actions.rename')}
            initial={{ name: selected.name, sortOrder: selected.sortOrder }}
            onCancel={() => setDialog(null)}
            onSubmit={async (values) => {
              await update.mutateAsync({
                id: selected.id,
                version: selected.version,
                name: values.name.trim(),
                sortOrder: values.sortOrder ?? undefined,
              });
              message.success(tc('status.saved'));
              setDialog(null);
            }}
          />
          <MoveDepartmentModal
            open={dialog === 'move'}
            department={selected}
            all={list}
            onCancel={() => setDialog(null)}
            onSubmit={async (parentId) => {
              await update.mutateAsync({ id: selected.id, version: selected.version, parentId });
              message.success(t('move.done'));
              setDialog(null);
            }}
          />
        </>
      ) : null}
    </>
  );
}
