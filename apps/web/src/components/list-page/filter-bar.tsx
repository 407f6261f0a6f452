import { Button, Col, Flex, Form, Row } from 'antd';
import { Children, type ReactNode, useEffect } from 'react';
import { useTranslation } from 'react-i18next';

type Props = {
  /** Form name, unique on the page (prefixes the fields' ids). */
  name: string;
  open: boolean;
  fields: ReactNode;
  /** The applied filters, when they can change from outside the form (the address: back / forward). */
  values?: Record<string, unknown>;
  onApply: (values: Record<string, unknown>) => void;
  onReset: () => void;
};

/** The collapsible filter form: fields in a responsive grid, Apply and Reset. */
export function FilterBar({ name, open, fields, values, onApply, onReset }: Props) {
  const { t } = useTranslation();
  const [form] = Form.useForm();
  const valuesKey = values ? JSON.stringify(values) : null;
  // biome-ignore lint/correctness/useExhaustiveDependencies: valuesKey stands for values
  useEffect(() => {
    if (!values) return;
    form.resetFields();
    form.setFieldsValue(values);
  }, [valuesKey, form]);
  return (
    <section className="list-filter-bar" hidden={!open} aria-label={t('list.filters')}>
      <Form form={form} name={name} layout="vertical" onFinish={onApply} size="middle">
        <Row gutter={[16, 0]}>
          {Children.toArray(fields).map((field, i) => (
            // biome-ignore lint/suspicious/noArrayIndexKey: fields are static for the page's life
            <Col key={i} xs={24} sm={12} lg={8} xxl={6}>
              {field}
            </Col>
          ))}
        </Row>
        <Flex gap={8} justify="flex-end">
          <Button
            onClick={() => {
              form.resetFields();
              onReset();
            }}
          >
            {t('list.resetFilters')}
          </Button>
          <Button type="primary" htmlType="submit">
            {t('list.applyFilters')}
          </Button>
        </Flex>
      </Form>
    </section>
  );
}
