import './texts.ts';
import {
  type CreateProduct,
  MONEY_PATTERN,
  type Product,
  productLimits,
  productStatuses,
  type UpdateProduct,
} from '@guanxi/contract';
import { App, Col, Form, Input, InputNumber, Row, Select, Switch, Typography } from 'antd';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { FormDrawer } from '../../components/form-drawer.tsx';
import { useFormRules } from '../../components/form-rules.ts';
import { isApiError } from '../../lib/api.ts';
import { normaliseMoney } from '../customers/money.ts';
import { DictionarySelect } from '../dictionaries/dictionary-select.tsx';
import { useCreateProduct, useUpdateProduct } from './api.ts';
import { useCostAccess } from './labels.tsx';

type Props = {
  /** `'new'`, a product to edit, or null when closed. */
  target: 'new' | Product | null;
  onClose: () => void;
  onSaved?: (p: Product) => void;
};

type Values = {
  code?: string;
  name?: string;
  categoryId?: string | null;
  model?: string | null;
  spec?: string | null;
  unit?: string | null;
  listPrice?: string;
  cost?: string | null;
  warrantyMonths?: number | null;
  tracksStock?: boolean;
  status?: Product['status'];
  description?: string | null;
};

const half = { xs: 24, sm: 12 };
const blank = (s: string | null | undefined) => (s?.trim() ? s.trim() : null);
const isMoney = (s: string | null | undefined) => !s || (MONEY_PATTERN.test(s) && !s.startsWith('-'));

/** 新建 / 编辑产品 in the shared form drawer; images are added on the saved product's detail. */
export function ProductDrawer({ target, onClose, onSaved }: Props) {
  const { t } = useTranslation('products');
  const { t: tc } = useTranslation();
  const { message } = App.useApp();
  const rules = useFormRules();
  const cost = useCostAccess();
  const [form] = Form.useForm<Values>();
  const create = useCreateProduct();
  const update = useUpdateProduct();
  const editing = target && target !== 'new' ? target : undefined;

  // biome-ignore lint/correctness/useExhaustiveDependencies: refilled only when the target changes
  useEffect(() => {
    if (!target) return;
    form.resetFields();
    if (editing)
      form.setFieldsValue({
        code: editing.code,
        name: editing.name,
        categoryId: editing.categoryId,
        model: editing.model,
        spec: editing.spec,
        unit: editing.unit,
        listPrice: editing.listPrice,
        cost: editing.cost ?? null,
        warrantyMonths: editing.warrantyMonths,
        tracksStock: editing.tracksStock,
        status: editing.status,
        description: editing.description,
      });
    else form.setFieldsValue({ status: 'on-sale', tracksStock: true });
  }, [target]);

  const moneyRule = {
    validator: (_: unknown, value: string | null | undefined) =>
      isMoney(normaliseMoney(value)) ? Promise.resolve() : Promise.reject(new Error(t('hints.money'))),
  };

  const submit = async (v: Values) => {
    const common = {
      code: (v.code ?? '').trim(),
      name: (v.name ?? '').trim(),
      categoryId: v.categoryId ?? null,
      model: blank(v.model),
      spec: blank(v.spec),
      unit: v.unit ?? null,
      listPrice: normaliseMoney(v.listPrice) ?? '',
      warrantyMonths: v.warrantyMonths ?? null,
      tracksStock: v.tracksStock,
      status: v.status,
      description: blank(v.description),
      // a cost the caller may not change is left out (the server refuses it)
      ...(cost === 'edit' ? { cost: normaliseMoney(v.cost) } : {}),
    };
    try {
      let saved: Product;
      if (editing) {
        const input: UpdateProduct = { version: editing.version, ...common };
        saved = await update.mutateAsync({ id: editing.id, ...input });
      } else saved = await create.mutateAsync(common satisfies CreateProduct);
      message.success(editing ? tc('status.saved') : t('created'));
      onSaved?.(saved);
      onClose();
    } catch (e) {
      if (!isApiError(e, 'CONFLICT')) throw e; // the drawer puts it on the fields it names
      message.error(t('conflict'));
      onClose();
    }
  };

  return (
    <FormDrawer<Values>
      open={!!target}
      onClose={onClose}
      title={editing ? t('editTitle') : t('createTitle')}
      width={640}
      name="product-form"
      form={form}
      onSubmit={submit}
    >
      <Row gutter={16}>
        <Col {...half}>
          <Form.Item
            name="code"
            label={t('fields.code')}
            extra={t('hints.code')}
            rules={[rules.required(), rules.maxLength(productLimits.code)]}
          >
            <Input maxLength={productLimits.code} autoComplete="off" />
          </Form.Item>
        </Col>
        <Col {...half}>
          <Form.Item
            name="name"
            label={t('fields.name')}
            rules={[rules.required(), rules.maxLength(productLimits.name)]}
          >
            <Input maxLength={productLimits.name} />
          </Form.Item>
        </Col>
        <Col {...half}>
          <Form.Item name="categoryId" label={t('fields.category')}>
            <DictionarySelect type="product-category" />
          </Form.Item>
        </Col>
        <Col {...half}>
          <Form.Item name="unit" label={t('fields.unit')}>
            <DictionarySelect type="product-unit" />
          </Form.Item>
        </Col>
        <Col {...half}>
          <Form.Item name="model" label={t('fields.model')} rules={[rules.maxLength(productLimits.model)]}>
            <Input maxLength={productLimits.model} />
          </Form.Item>
        </Col>
        <Col {...half}>
          <Form.Item name="spec" label={t('fields.spec')} rules={[rules.maxLength(productLimits.spec)]}>
            <Input maxLength={productLimits.spec} />
          </Form.Item>
        </Col>
        <Col {...half}>
          <Form.Item name="listPrice" label={t('fields.listPrice')} rules={[rules.required(), moneyRule]}>
            <Input inputMode="decimal" prefix="¥" />
          </Form.Item>
        </Col>
        {cost === 'hidden' ? null : (
          <Col {...half}>
            <Form.Item name="cost" label={t('fields.cost')} rules={[moneyRule]}>
              <Input inputMode="decimal" prefix="¥" disabled={cost !== 'edit'} />
            </Form.Item>
          </Col>
        )}
        <Col {...half}>
          <Form.Item name="warrantyMonths" label={t('fields.warrantyMonths')}>
            <InputNumber min={0} max={productLimits.warrantyMonths} precision={0} style={{ width: '100%' }} />
          </Form.Item>
        </Col>
        <Col {...half}>
          <Form.Item
            name="tracksStock"
            label={t('fields.tracksStock')}
            valuePropName="checked"
            tooltip={t('fields.tracksStockHint')}
          >
            <Switch checkedChildren={t('kind.goods')} unCheckedChildren={t('kind.service')} />
          </Form.Item>
        </Col>
        <Col {...half}>
          <Form.Item name="status" label={t('fields.status')}>
            <Select options={productStatuses.map((s) => ({ value: s, label: t(`status.${s}`) }))} />
          </Form.Item>
        </Col>
        <Col span={24}>
          <Form.Item
            name="description"
            label={t('fields.description')}
            rules={[rules.maxLength(productLimits.description)]}
          >
            <Input.TextArea autoSize={{ minRows: 2, maxRows: 6 }} maxLength={productLimits.description} />
          </Form.Item>
        </Col>
      </Row>
      {editing ? null : <Typography.Text type="secondary">{t('hints.images')}</Typography.Text>}
    </FormDrawer>
  );
}
