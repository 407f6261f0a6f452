import './texts.ts';
import { type BulkResult, customerLimits, customerTypes } from '@guanxi/contract';
import { Alert, Col, Form, Row, Select } from 'antd';
import { type ReactNode, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { FormModal } from '../../components/form-modal.tsx';
import { useFormRules } from '../../components/form-rules.ts';
import { DictionarySelect } from '../dictionaries/dictionary-select.tsx';
import { UserSelect } from '../users/user-select.tsx';
import { InvalidateDialog } from './actions/invalidate-dialog.tsx';
import {
  type BulkValues,
  bulkInvalidateCustomers,
  bulkTransferCustomers,
  bulkUpdateCustomers,
} from './api.ts';
import { customerDictionaryFieldNames, customerDictionaryFields } from './customer-dictionary-fields.ts';
import { customerTypeLabel } from './labels.ts';

type Pending = { ids: string[]; resolve: (result: BulkResult | false) => void };

/**
 * A bulk action that first asks for values in a dialog: `run(ids)` opens it and resolves with
 * the server's `{updated, failed}` once saved, or `false` when the user cancels.
 */
function useBulkDialog(
  render: (props: { pending: Pending; close: (r: BulkResult | false) => void }) => ReactNode,
) {
  const [pending, setPending] = useState<Pending | null>(null);
  const run = (ids: string[]) => new Promise<BulkResult | false>((resolve) => setPending({ ids, resolve }));
  const close = (result: BulkResult | false) => {
    pending?.resolve(result);
    setPending(null);
  };
  return { run, dialog: pending ? render({ pending, close }) : null };
}

function TransferDialog({ pending, close }: { pending: Pending; close: (r: BulkResult | false) => void }) {
  const { t } = useTranslation('customers');
  const rules = useFormRules();
  return (
    <FormModal<{ ownerId: string }>
      open
      title={t('bulk.transferTitle', { count: pending.ids.length })}
      okText={t('actions.transfer')}
      name="bulk-transfer"
      onCancel={() => close(false)}
      onSubmit={async ({ ownerId }) => close(await bulkTransferCustomers(pending.ids, ownerId))}
    >
      <Form.Item name="ownerId" label={t('dialogs.newOwner')} rules={[rules.required()]}>
        <UserSelect />
      </Form.Item>
    </FormModal>
  );
}

type UpdateValues = Omit<BulkValues, 'addTags'> & { addTags?: string[] };

function UpdateDialog({ pending, close }: { pending: Pending; close: (r: BulkResult | false) => void }) {
  const { t } = useTranslation('customers');
  const [empty, setEmpty] = useState(false);

  const submit = async (values: UpdateValues) => {
    // only what was chosen changes; an empty field leaves the customers' values alone
    const chosen: BulkValues = {};
    for (const [key, value] of Object.entries(values)) {
      if (value === undefined || value === null || (Array.isArray(value) && value.length === 0)) continue;
      (chosen as Record<string, unknown>)[key] = value;
    }
    if (Object.keys(chosen).length === 0) {
      setEmpty(true);
      return;
    }
    close(await bulkUpdateCustomers(pending.ids, chosen));
  };

  return (
    <FormModal<UpdateValues>
      open
      width={640}
      title={t('bulk.updateTitle', { count: pending.ids.length })}
      name="bulk-update"
      onCancel={() => close(false)}
      onSubmit={submit}
      onValuesChange={() => setEmpty(false)}
    >
      <Alert type="info" showIcon title={t('bulk.updateHelp')} style={{ marginBottom: 16 }} />
      <Row gutter={16}>
        {customerDictionaryFieldNames.map((name) => (
          <Col key={name} xs={24} sm={12}>
            <Form.Item name={name} label={t(`fields.${name}`)}>
              <DictionarySelect
                type={customerDictionaryFields[name].type}
                placeholder={t('bulk.unchanged')}
              />
            </Form.Item>
          </Col>
        ))}
        <Col xs={24} sm={12}>
          <Form.Item name="type" label={t('fields.type')}>
            <Select
              allowClear
              placeholder={t('bulk.unchanged')}
              options={customerTypes.map((type) => ({ value: type, label: customerTypeLabel(t, type) }))}
            />
          </Form.Item>
        </Col>
        <Col xs={24} sm={12}>
          <Form.Item
            name="addTags"
            label={t('bulk.addTags')}
            rules={[
              {
                validator: (_r, v: string[] | undefined) =>
                  (v ?? []).every((tag) => tag.trim().length > 0 && tag.trim().length <= customerLimits.tag)
                    ? Promise.resolve()
                    : Promise.reject(new Error(t('form.tagTooLong'))),
              },
            ]}
          >
            <Select mode="tags" open={false} suffixIcon={null} placeholder={t('form.tagsPlaceholder')} />
          </Form.Item>
        </Col>
      </Row>
      {empty ? <Alert type="warning" showIcon title={t('bulk.nothingChosen')} /> : null}
    </FormModal>
  );
}

function BulkInvalidateDialog({
  pending,
  close,
}: {
  pending: Pending;
  close: (r: BulkResult | false) => void;
}) {
  return (
    <InvalidateDialog
      open
      count={pending.ids.length}
      onCancel={() => close(false)}
      onSubmit={async (reason) => close(await bulkInvalidateCustomers(pending.ids, reason))}
    />
  );
}

/** 批量转移, 批量修改 and 批量失效: each opens its dialog, then calls the bulk route. */
export function useCustomerBulkDialogs() {
  const transfer = useBulkDialog((props) => <TransferDialog {...props} />);
  const update = useBulkDialog((props) => <UpdateDialog {...props} />);
  const invalidate = useBulkDialog((props) => <BulkInvalidateDialog {...props} />);
  return {
    transfer: transfer.run,
    update: update.run,
    invalidate: invalidate.run,
    dialogs: (
      <>
        {transfer.dialog}
        {update.dialog}
        {invalidate.dialog}
      </>
    ),
  };
}
