import './texts.ts';
import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import {
  type CreatePriceList,
  MONEY_PATTERN,
  type PriceList,
  productLimits,
  toCents,
  type UpdatePriceList,
} from '@guanxi/contract';
import { App, Button, Col, DatePicker, Flex, Form, Input, Row, Select, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { FormDrawer } from '../../components/form-drawer.tsx';
import { useFormRules } from '../../components/form-rules.ts';
import { IconAction } from '../../components/icon-action.tsx';
import { isApiError } from '../../lib/api.ts';
import { CustomerSelect } from '../customers/customer-select.tsx';
import { formatMoney, normaliseMoney } from '../customers/money.ts';
import { useDictionaryItems } from '../dictionaries/api.ts';
import { useItemLabel } from '../dictionaries/item-label.ts';
import { useCreatePriceList, useUpdatePriceList } from './api.ts';
import { type ProductOption, ProductSelect } from './labels.tsx';

type Props = {
  target: 'new' | PriceList | null;
  onClose: () => void;
  onSaved?: (l: PriceList) => void;
};

type Line = { productId?: string; price?: string };
type Values = {
  name?: string;
  period?: [Dayjs, Dayjs | null];
  customerLevelIds?: string[];
  customerIds?: string[];
  items?: Line[];
};

const isMoney = (s: string | null) => !!s && MONEY_PATTERN.test(s) && !s.startsWith('-');

/** `price` against `listPrice` as a percentage off (−12.5%), exact to one decimal by integer cents. */
function against(price: string | null, listPrice: string | undefined) {
  if (!isMoney(price) || !listPrice || toCents(listPrice) === 0n) return '';
  const permille = ((toCents(price!) - toCents(listPrice)) * 1000n) / toCents(listPrice);
  const sign = permille < 0n ? '−' : '+';
  const abs = permille < 0n ? -permille : permille;
  return `${sign}${abs / 10n}.${abs % 10n}%`;
}

/** 新建 / 编辑价格表: name, validity, who it is for (levels and/or customers) and a price per product. */
export function PriceListDrawer({ target, onClose, onSaved }: Props) {
  const { t } = useTranslation('products');
  const { t: tc } = useTranslation();
  const { message } = App.useApp();
  const rules = useFormRules();
  const [form] = Form.useForm<Values>();
  const create = useCreatePriceList();
  const update = useUpdatePriceList();
  const levels = useDictionaryItems('customer-level');
  const label = useItemLabel();
  const editing = target && target !== 'new' ? target : undefined;
  const [known, setKnown] = useState<Map<string, ProductOption>>(new Map());
  const lines = (Form.useWatch('items', form) as Line[] | undefined) ?? [];

  // biome-ignore lint/correctness/useExhaustiveDependencies: refilled only when the target changes
  useEffect(() => {
    if (!target) return;
    form.resetFields();
    if (editing) {
      setKnown(
        new Map(
          editing.items.map((x) => [
            x.productId,
            { id: x.productId, code: x.productCode, name: x.productName, listPrice: x.listPrice },
          ]),
        ),
      );
      form.setFieldsValue({
        name: editing.name,
        period: [dayjs(editing.validFrom), editing.validTo ? dayjs(editing.validTo) : null],
        customerLevelIds: editing.customerLevelIds,
        customerIds: editing.customerIds,
        items: editing.items.map((x) => ({ productId: x.productId, price: x.price })),
      });
    } else {
      setKnown(new Map());
      form.setFieldsValue({ period: [dayjs().startOf('year'), dayjs().endOf('year')], items: [] });
    }
  }, [target]);

  const submit = async (v: Values) => {
    const common = {
      name: (v.name ?? '').trim(),
      validFrom: v.period![0].format('YYYY-MM-DD'),
      validTo: v.period?.[1] ? v.period[1].format('YYYY-MM-DD') : null,
      customerLevelIds: v.customerLevelIds ?? [],
      customerIds: v.customerIds ?? [],
      items: (v.items ?? []).map((x) => ({ productId: x.productId!, price: normaliseMoney(x.price) ?? '' })),
    };
    try {
      let saved: PriceList;
      if (editing) {
        const input: UpdatePriceList = { version: editing.version, ...common };
        saved = await update.mutateAsync({ id: editing.id, ...input });
      } else saved = await create.mutateAsync(common satisfies CreatePriceList);
      message.success(editing ? tc('status.saved') : t('priceLists.created'));
      onSaved?.(saved);
      onClose();
    } catch (e) {
      if (!isApiError(e, 'CONFLICT')) throw e;
      message.error(t('priceLists.conflict'));
      onClose();
    }
  };

  const chosen = lines.map((l) => l?.productId).filter((x): x is string => !!x);
  const audienceRule = {
    validator: () => {
      const v = form.getFieldsValue(['customerLevelIds', 'customerIds']);
      return v.customerLevelIds?.length || v.customerIds?.length
        ? Promise.resolve()
        : Promise.reject(new Error(t('priceLists.audienceRequired')));
    },
  };

  return (
    <FormDrawer<Values>
      open={!!target}
      onClose={onClose}
      title={editing ? t('priceLists.editTitle') : t('priceLists.createTitle')}
      width={760}
      name="price-list-form"
      form={form}
      onSubmit={submit}
    >
      <Row gutter={16}>
        <Col xs={24} sm={12}>
          <Form.Item
            name="name"
            label={t('priceLists.fields.name')}
            rules={[rules.required(), rules.maxLength(productLimits.priceListName)]}
          >
            <Input maxLength={productLimits.priceListName} />
          </Form.Item>
        </Col>
        <Col xs={24} sm={12}>
          <Form.Item name="period" label={t('priceLists.fields.validity')} rules={[rules.required()]}>
            <DatePicker.RangePicker
              style={{ width: '100%' }}
              allowEmpty={[false, true]}
              placeholder={[t('priceLists.fields.validFrom'), t('priceLists.openEnded')]}
            />
          </Form.Item>
        </Col>
        <Col xs={24} sm={12}>
          <Form.Item
            name="customerLevelIds"
            label={t('priceLists.fields.levels')}
            dependencies={['customerIds']}
            rules={[audienceRule]}
          >
            <Select
              mode="multiple"
              allowClear
              loading={levels.isPending}
              options={(levels.data ?? [])
                .filter((l) => l.valid || form.getFieldValue('customerLevelIds')?.includes(l.id))
                .map((l) => ({ value: l.id, label: label(l) }))}
            />
          </Form.Item>
        </Col>
        <Col xs={24} sm={12}>
          <Form.Item name="customerIds" label={t('priceLists.fields.customers')}>
            <CustomerSelect mode="multiple" />
          </Form.Item>
        </Col>
      </Row>
      <Typography.Title level={5}>{t('priceLists.fields.items')}</Typography.Title>
      <Form.List name="items">
        {(fields, { add, remove }) => (
          <Flex vertical gap={0}>
            {fields.map((field, index) => {
              const line = lines[index];
              const product = line?.productId ? known.get(line.productId) : undefined;
              const name = product ? `${product.code} ${product.name}` : String(index + 1);
              return (
                <Row key={field.key} gutter={8} align="top" role="group" aria-label={name}>
                  <Col xs={24} sm={12}>
                    <Form.Item
                      name={[field.name, 'productId']}
                      label={index === 0 ? t('priceLists.fields.product') : undefined}
                      rules={[rules.required()]}
                    >
                      <ProductSelect
                        aria-label={t('priceLists.fields.product')}
                        allowClear={false}
                        known={product}
                        excludeIds={chosen.filter((id) => id !== line?.productId)}
                        onPick={(p) => p && setKnown((m) => new Map(m).set(p.id, p))}
                      />
                    </Form.Item>
                  </Col>
                  <Col xs={10} sm={5}>
                    <Form.Item
                      name={[field.name, 'price']}
                      label={index === 0 ? t('priceLists.fields.price') : undefined}
                      rules={[
                        rules.required(),
                        {
                          validator: (_, value: string | undefined) =>
                            !value || isMoney(normaliseMoney(value))
                              ? Promise.resolve()
                              : Promise.reject(new Error(t('hints.money'))),
                        },
                      ]}
                    >
                      <Input aria-label={t('priceLists.fields.price')} inputMode="decimal" prefix="¥" />
                    </Form.Item>
                  </Col>
                  <Col xs={11} sm={6}>
                    <Form.Item label={index === 0 ? t('priceLists.fields.listPrice') : undefined}>
                      <Typography.Text type="secondary">
                        {product?.listPrice ? `¥${formatMoney(product.listPrice)} ` : ''}
                        {against(normaliseMoney(line?.price), product?.listPrice)}
                      </Typography.Text>
                    </Form.Item>
                  </Col>
                  <Col xs={3} sm={1}>
                    <Form.Item label={index === 0 ? ' ' : undefined}>
                      <IconAction
                        label={t('priceLists.removeProduct', { name })}
                        icon={<DeleteOutlined aria-hidden />}
                        onClick={() => remove(field.name)}
                      />
                    </Form.Item>
                  </Col>
                </Row>
              );
            })}
            <Button type="dashed" icon={<PlusOutlined aria-hidden />} onClick={() => add({})} block>
              {t('priceLists.addProduct')}
            </Button>
          </Flex>
        )}
      </Form.List>
    </FormDrawer>
  );
}
