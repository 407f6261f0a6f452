import './texts.ts';
import type { Customer, DuplicateMatch } from '@guanxi/contract';
import { Alert, App, Form, Skeleton } from 'antd';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { FormDrawer } from '../../components/form-drawer.tsx';
import { QueryError } from '../../components/query-error.tsx';
import { useCan } from '../../lib/access.ts';
import { isApiError } from '../../lib/api.ts';
import { useShowError } from '../../lib/use-show-error.ts';
import {
  checkDuplicates,
  duplicateMatchesOf,
  useCreateCustomer,
  useCustomer,
  useUpdateCustomer,
} from './api.ts';
import { isChangeable } from './changeable.ts';
import { CustomerFormFields } from './customer-form-fields.tsx';
import { type CustomerFormValues, toCreate, toFormValues, toUpdate } from './customer-form-values.ts';
import { DuplicateList } from './duplicate-list.tsx';
import { DuplicateModal } from './duplicate-modal.tsx';
import { useFieldAccess } from './field-access.ts';

type Props = {
  /** `new` to create, a customer id to edit, null when closed. */
  target: string | null;
  onClose: () => void;
  /** After a save, with the saved customer. */
  onSaved?: (customer: Customer) => void;
};

type Mode = { draft: boolean };
/** A save refused for duplicates: what was sent, to send again with `force`. */
type Duplicates = { matches: DuplicateMatch[]; values: CustomerFormValues; mode: Mode };

/** Create or edit a customer: grouped fields, save as draft or save, duplicates, version conflicts. */
export function CustomerDrawer({ target, onClose, onSaved }: Props) {
  const { t } = useTranslation('customers');
  const { t: tc } = useTranslation();
  const { message, modal } = App.useApp();
  const can = useCan();
  const showError = useShowError();
  const access = useFieldAccess('customers');
  const [form] = Form.useForm<CustomerFormValues>();
  const isNew = target === 'new';
  const customerId = target && !isNew ? target : undefined;
  const customer = useCustomer(customerId);
  const create = useCreateCustomer();
  const update = useUpdateCustomer();
  const [hint, setHint] = useState<DuplicateMatch[]>([]);
  const hintRequest = useRef(0);
  const [duplicates, setDuplicates] = useState<Duplicates | null>(null);
  const [forcing, setForcing] = useState(false);

  useEffect(() => {
    if (!target) return;
    setHint([]);
    setDuplicates(null);
    form.resetFields();
    if (target === 'new') form.setFieldsValue({ type: 'direct', tags: [] });
  }, [target, form]);

  useEffect(() => {
    if (customer.data && customerId) form.setFieldsValue(toFormValues(customer.data));
  }, [customer.data, customerId, form]);

  /** The live duplicate hint: asked when the name loses focus. */
  const checkName = () => {
    const name = (form.getFieldValue('name') as string | undefined)?.trim();
    const request = ++hintRequest.current;
    if (!name || (customer.data && name === customer.data.name)) {
      setHint([]);
      return;
    }
    checkDuplicates({ name, excludeId: customerId })
      .then((r) => {
        if (request === hintRequest.current) setHint(r.matches);
      })
      .catch(() => undefined); // only a hint: saving checks again
  };

  const saved = (c: Customer, text: string) => {
    message.success(text);
    setDuplicates(null);
    onSaved?.(c);
    onClose();
  };

  /** Saves as a draft or not; duplicates and version conflicts get their own dialogs. */
  const save = async (values: CustomerFormValues, mode: Mode, force = false) => {
    try {
      if (isNew) {
        const c = await create.mutateAsync({ ...toCreate(values, access), draft: mode.draft, force });
        saved(c, mode.draft ? t('form.draftSaved') : t('form.created'));
      } else if (customer.data) {
        const input = toUpdate(values, customer.data, access);
        const c = await update.mutateAsync({ id: customer.data.id, ...input, ...(force ? { force } : {}) });
        saved(c, tc('status.saved'));
      }
    } catch (e) {
      const matches = duplicateMatchesOf(e);
      if (matches.length) {
        setDuplicates({ matches, values, mode });
        return;
      }
      if (isApiError(e, 'CONFLICT')) {
        modal.confirm({
          title: t('form.conflictTitle'),
          content: t('form.conflict'),
          okText: t('form.reload'),
          cancelText: tc('actions.cancel'),
          onOk: () => customer.refetch(),
        });
        return;
      }
      throw e; // the drawer shows it, on the fields where it names one
    }
  };

  /** 仍然保存 in the duplicates dialog: the same values again, forced. */
  const saveAnyway = async () => {
    if (!duplicates) return;
    setForcing(true);
    try {
      await save(duplicates.values, duplicates.mode, true);
    } catch (e) {
      setDuplicates(null);
      showError(e, form);
    } finally {
      setForcing(false);
    }
  };

  const canSave = isNew
    ? can('customers:create')
    : can('customers:edit') && !!customer.data && isChangeable(customer.data);
  const title = isNew ? t('form.createTitle') : t('form.editTitle', { name: customer.data?.name ?? '' });

  return (
    <FormDrawer<CustomerFormValues>
      open={!!target}
      onClose={onClose}
      title={title}
      width={760}
      name="customer-form"
      form={form}
      editable={canSave}
      onSubmit={(values) => save(values, { draft: false })}
      otherSubmits={
        isNew
          ? [
              {
                key: 'draft',
                label: t('form.saveDraft'),
                onSubmit: (values) => save(values, { draft: true }),
              },
            ]
          : []
      }
      body={(formNode) =>
        customerId && customer.isError ? (
          <QueryError error={customer.error} onRetry={() => void customer.refetch()} />
        ) : (
          formNode
        )
      }
      after={
        <DuplicateModal
          matches={duplicates?.matches ?? null}
          saving={forcing}
          onClose={() => setDuplicates(null)}
          onForce={() => void saveAnyway()}
          onOpen={() => {
            setDuplicates(null);
            onClose();
          }}
        />
      }
    >
      {customerId && customer.isPending ? (
        <Skeleton active />
      ) : (
        <CustomerFormFields
          customer={isNew ? undefined : customer.data}
          onNameBlur={checkName}
          nameHint={
            hint.length ? (
              <Alert
                type="warning"
                showIcon
                role="status"
                title={t('duplicates.hint', { count: hint.length })}
                description={<DuplicateList matches={hint.slice(0, 3)} onOpen={onClose} />}
                style={{ marginBottom: 16 }}
              />
            ) : null
          }
        />
      )}
    </FormDrawer>
  );
}
