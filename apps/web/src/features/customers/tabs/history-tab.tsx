import '../texts.ts';
import type { Customer } from '@guanxi/contract';
import { useTranslation } from 'react-i18next';
import { FieldHistory } from '../../../components/field-history.tsx';
import { useCustomFieldHistoryLabels } from '../../custom-fields/custom-field-value.tsx';
import { useCustomerHistory } from '../api.ts';
import { customerFieldLabel } from '../labels.ts';
import { useCustomerValueLabel } from '../use-value-label.ts';

/** 字段历史: who changed which field when, with dictionary items and users by name. */
export function CustomerHistoryTab({ customer }: { customer: Customer }) {
  const { t } = useTranslation('customers');
  const history = useCustomerHistory(customer.id);
  const valueLabel = useCustomerValueLabel(history.data);
  const custom = useCustomFieldHistoryLabels('customers');
  return (
    <FieldHistory
      changes={history.data}
      loading={history.isPending}
      error={history.error}
      onRetry={() => void history.refetch()}
      fieldLabel={(f) => custom.fieldLabel(f) ?? customerFieldLabel(t, f)}
      valueLabel={(f, v) => custom.valueLabel(f, v) ?? valueLabel(f, v)}
    />
  );
}
