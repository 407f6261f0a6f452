import './texts.ts';
import {
  type CreateTicket,
  type Ticket,
  type TicketChannel,
  type TicketPriority,
  ticketChannels,
  ticketLimits,
  ticketPriorities,
} from '@guanxi/contract';
import { App, Col, Form, Input, Row, Select } from 'antd';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { FormDrawer } from '../../components/form-drawer.tsx';
import { useFormRules } from '../../components/form-rules.ts';
import { useCustomerContacts } from '../contacts/api.ts';
import { CustomerSelect } from '../customers/customer-select.tsx';
import { DictionarySelect } from '../dictionaries/dictionary-select.tsx';
import { ProductSelect } from '../products/labels.tsx';
import { useCreateTicket } from './api.ts';
import { ContractSelect, OrderSelect } from './pickers.tsx';

/** A new ticket, optionally of a customer (the 360 tab). */
export type NewTicket = { customerId?: string; customerName?: string };

type Props = {
  target: NewTicket | null;
  onClose: () => void;
  /** The saved ticket (its validity and due instants are on its detail). */
  onSaved?: (ticket: Ticket) => void;
};

type Values = {
  typeId?: string;
  title?: string;
  customerId?: string;
  contactId?: string | null;
  request?: string;
  priority?: TicketPriority;
  channel?: TicketChannel | null;
  orderId?: string | null;
  contractId?: string | null;
  productId?: string | null;
};

const half = { xs: 24, sm: 12 };

/** 新建工单: type, title, customer and contact, request, priority, channel, related order / contract / product. */
export function TicketDrawer({ target, onClose, onSaved }: Props) {
  const { t } = useTranslation('tickets');
  const { message } = App.useApp();
  const rules = useFormRules();
  const [form] = Form.useForm<Values>();
  const create = useCreateTicket();
  const customerId = Form.useWatch('customerId', form);

  // biome-ignore lint/correctness/useExhaustiveDependencies: refilled when the target changes
  useEffect(() => {
    if (!target) return;
    form.resetFields();
    form.setFieldsValue({ customerId: target.customerId, priority: 'normal', channel: 'phone' });
  }, [target]);

  const submit = async (v: Values) => {
    const input: CreateTicket = {
      typeId: v.typeId!,
      title: v.title!.trim(),
      customerId: v.customerId!,
      contactId: v.contactId || null,
      request: v.request!.trim(),
      priority: v.priority!,
      channel: v.channel || null,
      orderId: v.orderId || null,
      contractId: v.contractId || null,
      productId: v.productId || null,
    };
    const saved = await create.mutateAsync(input);
    message.success(t('created'));
    onSaved?.(saved);
    onClose();
  };

  return (
    <FormDrawer<Values>
      open={!!target}
      onClose={onClose}
      title={t('createTitle')}
      width={720}
      name="ticket-form"
      form={form}
      onSubmit={submit}
    >
      <Row gutter={16}>
        <Col {...half}>
          <Form.Item name="typeId" label={t('fields.type')} rules={[rules.required()]}>
            <DictionarySelect type="service-type" />
          </Form.Item>
        </Col>
        <Col {...half}>
          <Form.Item name="priority" label={t('fields.priority')} rules={[rules.required()]}>
            <Select options={ticketPriorities.map((p) => ({ value: p, label: t(`priorities.${p}`) }))} />
          </Form.Item>
        </Col>
        <Col span={24}>
          <Form.Item
            name="title"
            label={t('fields.title')}
            rules={[rules.required(), rules.maxLength(ticketLimits.title)]}
          >
            <Input maxLength={ticketLimits.title} />
          </Form.Item>
        </Col>
        <Col {...half}>
          <Form.Item name="customerId" label={t('fields.customer')} rules={[rules.required()]}>
            <CustomerSelect
              labelRender={(o) =>
                o.label ??
                (o.value === target?.customerId ? target?.customerName : undefined) ??
                String(o.value)
              }
              onChange={() => form.setFieldsValue({ contactId: null, orderId: null, contractId: null })}
            />
          </Form.Item>
        </Col>
        <Col {...half}>
          <Form.Item name="contactId" label={t('fields.contact')}>
            <ContactSelect customerId={customerId} />
          </Form.Item>
        </Col>
        <Col span={24}>
          <Form.Item
            name="request"
            label={t('fields.request')}
            rules={[rules.required(), rules.maxLength(ticketLimits.request)]}
          >
            <Input.TextArea rows={4} maxLength={ticketLimits.request} />
          </Form.Item>
        </Col>
        <Col {...half}>
          <Form.Item name="channel" label={t('fields.channel')}>
            <Select
              allowClear
              options={ticketChannels.map((c) => ({ value: c, label: t(`channels.${c}`) }))}
            />
          </Form.Item>
        </Col>
        <Col {...half}>
          <Form.Item name="productId" label={t('fields.product')}>
            <ProductSelect />
          </Form.Item>
        </Col>
        <Col {...half}>
          <Form.Item name="orderId" label={t('fields.order')}>
            <OrderSelect customerId={customerId} />
          </Form.Item>
        </Col>
        <Col {...half}>
          <Form.Item name="contractId" label={t('fields.contract')}>
            <ContractSelect customerId={customerId} />
          </Form.Item>
        </Col>
      </Row>
    </FormDrawer>
  );
}

type ContactProps = { value?: string | null; onChange?: (v: string | null) => void; id?: string };

/** The chosen customer's contacts (primary first); nothing to pick before a customer is. */
function ContactSelect({ customerId, ...props }: ContactProps & { customerId?: string }) {
  return customerId ? (
    <CustomerContacts key={customerId} customerId={customerId} {...props} />
  ) : (
    <Select disabled />
  );
}

function CustomerContacts({ customerId, ...props }: ContactProps & { customerId: string }) {
  const contacts = useCustomerContacts(customerId);
  return (
    <Select
      allowClear
      {...props}
      loading={contacts.isFetching}
      options={(contacts.data ?? []).map((c) => ({ value: c.id, label: c.name }))}
    />
  );
}
