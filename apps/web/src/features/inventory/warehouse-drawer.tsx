import './texts.ts';
import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { inventoryLimits, type Warehouse, warehouseStatuses } from '@guanxi/contract';
import { App, Button, Col, Flex, Form, Input, Row, Select, Typography } from 'antd';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { ConfirmDeleteButton } from '../../components/confirm-delete-button.tsx';
import { FormDrawer } from '../../components/form-drawer.tsx';
import { useFormRules } from '../../components/form-rules.ts';
import { IconAction } from '../../components/icon-action.tsx';
import { isApiError } from '../../lib/api.ts';
import { useCreateWarehouse, useDeleteWarehouse, useUpdateWarehouse } from './api.ts';

type Location = { id?: string; code?: string; name?: string };
type Values = {
  code?: string;
  name?: string;
  address?: string | null;
  status?: Warehouse['status'];
  locations?: Location[];
};

/** 新建 / 编辑仓库 with its 库位 (one the ledger names cannot be removed: the server says so). */
export function WarehouseDrawer({
  target,
  onClose,
}: {
  target: 'new' | Warehouse | null;
  onClose: () => void;
}) {
  const { t } = useTranslation('inventory');
  const { t: tc } = useTranslation();
  const { message } = App.useApp();
  const rules = useFormRules();
  const [form] = Form.useForm<Values>();
  const create = useCreateWarehouse();
  const update = useUpdateWarehouse();
  const remove = useDeleteWarehouse();
  const editing = target && target !== 'new' ? target : undefined;

  // biome-ignore lint/correctness/useExhaustiveDependencies: refilled only when the target changes
  useEffect(() => {
    if (!target) return;
    form.resetFields();
    if (editing)
      form.setFieldsValue({
        code: editing.code,
        name: editing.name,
        address: editing.address,
        status: editing.status,
        locations: editing.locations.map((l) => ({ id: l.id, code: l.code, name: l.name })),
      });
    else form.setFieldsValue({ status: 'active', locations: [] });
  }, [target]);

  const submit = async (v: Values) => {
    const common = {
      code: (v.code ?? '').trim(),
      name: (v.name ?? '').trim(),
      address: v.address?.trim() || null,
      status: v.status,
      locations: (v.locations ?? []).map((l) => ({
        ...(l.id ? { id: l.id } : {}),
        code: (l.code ?? '').trim(),
        name: (l.name ?? '').trim(),
      })),
    };
    try {
      if (editing) await update.mutateAsync({ id: editing.id, version: editing.version, ...common });
      else await create.mutateAsync(common);
      message.success(editing ? tc('status.saved') : t('warehouses.created'));
      onClose();
    } catch (e) {
      if (!isApiError(e, 'CONFLICT')) throw e;
      message.error(t('warehouses.conflict'));
      onClose();
    }
  };

  return (
    <FormDrawer<Values>
      open={!!target}
      onClose={onClose}
      title={editing ? t('warehouses.editTitle') : t('warehouses.createTitle')}
      width={560}
      name="warehouse-form"
      form={form}
      onSubmit={submit}
      extra={
        editing && !editing.inUse ? (
          <ConfirmDeleteButton
            title={t('warehouses.deleteConfirm')}
            onConfirm={() => remove.mutateAsync({ id: editing.id, version: editing.version }).then(onClose)}
            doneMessage={t('warehouses.deleted')}
            look="icon"
          />
        ) : null
      }
    >
      <Row gutter={16}>
        <Col xs={24} sm={10}>
          <Form.Item
            name="code"
            label={t('warehouses.fields.code')}
            rules={[rules.required(), rules.maxLength(inventoryLimits.code)]}
          >
            <Input maxLength={inventoryLimits.code} autoComplete="off" />
          </Form.Item>
        </Col>
        <Col xs={24} sm={14}>
          <Form.Item
            name="name"
            label={t('warehouses.fields.name')}
            rules={[rules.required(), rules.maxLength(inventoryLimits.name)]}
          >
            <Input maxLength={inventoryLimits.name} />
          </Form.Item>
        </Col>
        <Col xs={24} sm={16}>
          <Form.Item
            name="address"
            label={t('warehouses.fields.address')}
            rules={[rules.maxLength(inventoryLimits.address)]}
          >
            <Input maxLength={inventoryLimits.address} />
          </Form.Item>
        </Col>
        <Col xs={24} sm={8}>
          <Form.Item
            name="status"
            label={t('warehouses.fields.status')}
            extra={editing?.inUse ? t('warehouses.inUseHint') : undefined}
          >
            <Select
              options={warehouseStatuses.map((s) => ({ value: s, label: t(`warehouses.status.${s}`) }))}
            />
          </Form.Item>
        </Col>
      </Row>
      <Typography.Title level={5}>{t('warehouses.fields.locations')}</Typography.Title>
      <Form.List name="locations">
        {(fields, { add, remove: drop }) => (
          <Flex vertical gap={0}>
            {fields.map((field, index) => (
              <Row
                key={field.key}
                gutter={8}
                align="top"
                role="group"
                aria-label={`${t('warehouses.fields.locations')} ${index + 1}`}
              >
                <Col span={9}>
                  <Form.Item
                    name={[field.name, 'code']}
                    rules={[rules.required(), rules.maxLength(inventoryLimits.code)]}
                  >
                    <Input
                      aria-label={t('warehouses.fields.locationCode')}
                      placeholder={t('warehouses.fields.locationCode')}
                    />
                  </Form.Item>
                </Col>
                <Col span={12}>
                  <Form.Item
                    name={[field.name, 'name']}
                    rules={[rules.required(), rules.maxLength(inventoryLimits.name)]}
                  >
                    <Input
                      aria-label={t('warehouses.fields.locationName')}
                      placeholder={t('warehouses.fields.locationName')}
                    />
                  </Form.Item>
                </Col>
                <Col span={3}>
                  <IconAction
                    label={t('warehouses.removeLocation', {
                      code: form.getFieldValue(['locations', field.name, 'code']) ?? '',
                    })}
                    icon={<DeleteOutlined aria-hidden />}
                    onClick={() => drop(field.name)}
                  />
                </Col>
              </Row>
            ))}
            <Button type="dashed" icon={<PlusOutlined aria-hidden />} onClick={() => add({})} block>
              {t('warehouses.addLocation')}
            </Button>
          </Flex>
        )}
      </Form.List>
    </FormDrawer>
  );
}
