import { DashboardOutlined } from '@ant-design/icons';
import './texts.ts';
import '../dashboards/texts.ts';
import { type DataScope, type FieldAccess, type Role, roleLimits } from '@guanxi/contract';
import { Alert, App, Button, Card, Col, Form, Input, Row, Skeleton, Switch, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate, useParams } from 'react-router';
import { FieldHistory } from '../../components/field-history.tsx';
import { useFormRules } from '../../components/form-rules.ts';
import { PageHeader } from '../../components/page-header.tsx';
import { QueryError } from '../../components/query-error.tsx';
import { useCan } from '../../lib/access.ts';
import { formatValue } from '../../lib/format.ts';
import { useIsPhone } from '../../lib/use-is-phone.ts';
import { useShowError } from '../../lib/use-show-error.ts';
import { useCreateRole, usePermissionCatalog, useRole, useRoleHistory, useUpdateRole } from './api.ts';
import { DataScopeTable, DEFAULT_SCOPE } from './data-scope-table.tsx';
import { FieldPermissionTable } from './field-permission-table.tsx';
import { PermissionMatrix } from './permission-matrix.tsx';

type BasicValues = { name: string; description?: string; requireTotp: boolean };
type FieldMap = Record<string, Record<string, FieldAccess>>;

/** Create or edit a role: basics, permission matrix, data scopes, field permissions, history. */
export function RoleEditPage() {
  const { t } = useTranslation('roles');
  const { t: tc } = useTranslation();
  const { id } = useParams();
  const navigate = useNavigate();
  const { message } = App.useApp();
  const can = useCan();
  const isPhone = useIsPhone();
  const showError = useShowError();
  const rules = useFormRules();
  const isNew = !id;
  const role = useRole(id);
  const catalog = usePermissionCatalog();
  const history = useRoleHistory(id);
  const create = useCreateRole();
  const update = useUpdateRole();
  const [form] = Form.useForm<BasicValues>();
  const [permissions, setPermissions] = useState<Set<string>>(new Set());
  const [scopes, setScopes] = useState<Record<string, DataScope>>({});
  const [fields, setFields] = useState<FieldMap>({});
  const [dirty, setDirty] = useState(false);
  const readOnly = isNew ? !can('roles:create') : !can('roles:edit');

  useEffect(() => {
    const r: Role | undefined = role.data;
    if (!r) return;
    form.setFieldsValue({ name: r.name, description: r.description, requireTotp: r.requireTotp });
    setPermissions(new Set(r.permissions));
    setScopes({ ...r.dataScopes });
    setFields(JSON.parse(JSON.stringify(r.fieldPermissions)) as FieldMap);
    setDirty(false);
  }, [role.data, form]);

  const save = (values: BasicValues) => {
    const modules = catalog.data ?? [];
    const dataScopes: Record<string, DataScope> = {};
    for (const m of modules.filter((x) => x.scoped)) dataScopes[m.module] = scopes[m.module] ?? DEFAULT_SCOPE;
    const body = {
      name: values.name.trim(),
      description: values.description?.trim() ?? '',
      requireTotp: !!values.requireTotp,
      permissions: [...permissions].sort(),
      dataScopes: { ...scopes, ...dataScopes },
      fieldPermissions: fields,
    };
    // back to the list, where a new role is marked (see roles-page)
    const done = (saved: Role) => {
      message.success(tc('status.saved'));
      setDirty(false);
      void navigate('/roles', isNew ? { state: { created: saved.id } } : undefined);
    };
    if (isNew) create.mutate(body, { onSuccess: done, onError: (e) => showError(e, form) });
    else if (role.data)
      update.mutate(
        { id: role.data.id, version: role.data.version, ...body },
        { onSuccess: done, onError: (e) => showError(e, form) },
      );
  };

  const title = isNew ? t('edit.createTitle') : t('edit.editTitle', { name: role.data?.name ?? '' });
  const loading = (!isNew && role.isPending) || catalog.isPending;
  const error = role.error ?? catalog.error;
  const cardBody = { body: { padding: isPhone ? 12 : 20 } };

  return (
    <>
      <PageHeader
        title={title}
        onBack={() => navigate('/roles')}
        extra={
          <>
            {!isNew && (
              <Button icon={<DashboardOutlined />} onClick={() => navigate(`/roles/${id}/dashboard`)}>
                {t('editor.roleDashboard', { ns: 'dashboards' })}
              </Button>
            )}
            {!readOnly && (
              <>
                <Button onClick={() => navigate('/roles')}>{tc('actions.cancel')}</Button>
                <Button
                  type="primary"
                  loading={create.isPending || update.isPending}
                  onClick={() => form.submit()}
                >
                  {tc('actions.save')}
                </Button>
              </>
            )}
          </>
        }
      />
      {error ? (
        <QueryError
          error={error}
          onRetry={() => {
            void role.refetch();
            void catalog.refetch();
          }}
        />
      ) : loading ? (
        <Card variant="borderless">
          <Skeleton active paragraph={{ rows: 8 }} />
        </Card>
      ) : (
        <>
          {dirty && !readOnly ? (
            <Alert type="info" showIcon title={t('edit.unsaved')} style={{ marginBottom: 16 }} />
          ) : null}
          <Card variant="borderless" className="section-card" title={t('edit.basics')} styles={cardBody}>
            <Form<BasicValues>
              name="role"
              form={form}
              layout="vertical"
              disabled={readOnly}
              initialValues={{ requireTotp: false }}
              onFinish={save}
              onValuesChange={() => setDirty(true)}
            >
              <Row gutter={16}>
                <Col xs={24} md={12}>
                  <Form.Item
                    name="name"
                    label={t('fields.name')}
                    rules={[rules.required(), rules.maxLength(roleLimits.name)]}
                  >
                    <Input maxLength={roleLimits.name} />
                  </Form.Item>
                </Col>
                <Col xs={24} md={12}>
                  <Form.Item
                    name="requireTotp"
                    label={t('fields.requireTotp')}
                    valuePropName="checked"
                    extra={t('edit.requireTotpHelp')}
                  >
                    <Switch />
                  </Form.Item>
                </Col>
                <Col span={24}>
                  <Form.Item
                    name="description"
                    label={t('fields.description')}
                    rules={[rules.maxLength(roleLimits.description)]}
                  >
                    <Input.TextArea rows={2} maxLength={roleLimits.description} showCount />
                  </Form.Item>
                </Col>
              </Row>
            </Form>
          </Card>
          <Card
            variant="borderless"
            className="section-card"
            title={t('edit.permissions')}
            extra={
              <Typography.Text type="secondary">
                {t('edit.permissionCount', { count: permissions.size })}
              </Typography.Text>
            }
            styles={cardBody}
          >
            <PermissionMatrix
              modules={catalog.data ?? []}
              value={permissions}
              disabled={readOnly}
              onChange={(next) => {
                setPermissions(next);
                setDirty(true);
              }}
            />
          </Card>
          <Row gutter={16}>
            <Col xs={24} xl={11}>
              <Card
                variant="borderless"
                className="section-card"
                title={t('edit.dataScopes')}
                styles={cardBody}
              >
                <Typography.Paragraph type="secondary">{t('edit.dataScopesHelp')}</Typography.Paragraph>
                <DataScopeTable
                  modules={catalog.data ?? []}
                  value={scopes}
                  disabled={readOnly}
                  onChange={(next) => {
                    setScopes(next);
                    setDirty(true);
                  }}
                />
              </Card>
            </Col>
            <Col xs={24} xl={13}>
              <Card
                variant="borderless"
                className="section-card"
                title={t('edit.fieldPermissions')}
                styles={cardBody}
              >
                <Typography.Paragraph type="secondary">{t('edit.fieldPermissionsHelp')}</Typography.Paragraph>
                <FieldPermissionTable
                  modules={catalog.data ?? []}
                  value={fields}
                  disabled={readOnly}
                  onChange={(next) => {
                    setFields(next);
                    setDirty(true);
                  }}
                />
              </Card>
            </Col>
          </Row>
          {isNew ? null : (
            <Card variant="borderless" className="section-card" title={t('edit.history')} styles={cardBody}>
              <FieldHistory
                changes={history.data}
                loading={history.isPending}
                error={history.error}
                onRetry={() => void history.refetch()}
                fieldLabel={(f) => t(`fields.${f}` as 'fields.name', { defaultValue: f })}
                valueLabel={(_f, v) => formatValue(v, { yes: tc('history.yes'), no: tc('history.no') })}
              />
            </Card>
          )}
        </>
      )}
    </>
  );
}
