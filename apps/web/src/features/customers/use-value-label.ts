import './texts.ts';
import type { CustomerState, FieldChange } from '@guanxi/contract';
import { useTranslation } from 'react-i18next';
import { formatDateTime, formatValue } from '../../lib/format.ts';
import { useDictionaryFieldLabel } from '../dictionaries/dictionary-fields.ts';
import { customerDictionaryFields } from './customer-dictionary-fields.ts';
import { customerStateLabel, customerTypeLabel } from './labels.ts';
import { useUserNames } from './use-user-names.ts';

const userFields = new Set(['ownerId', 'previousOwnerId', 'createdBy']);
const timeFields = new Set(['nextFollowUpAt', 'lastFollowUpAt', 'submittedAt']);

/**
 * Shows a customer's recorded values as people read them: dictionary items and users by name,
 * type and state in words, times formatted.
 */
export function useCustomerValueLabel(changes: FieldChange[] | undefined) {
  const { t } = useTranslation('customers');
  const { t: tc } = useTranslation();
  const dictionaryLabel = useDictionaryFieldLabel(customerDictionaryFields);
  const userIds = (changes ?? [])
    .filter((c) => userFields.has(c.field))
    .flatMap((c) => [c.before, c.after])
    .filter((v): v is string => typeof v === 'string');
  const users = useUserNames(userIds);

  return (field: string, value: unknown): string => {
    if (value === null || value === undefined || value === '') return '';
    if (field in customerDictionaryFields && typeof value === 'string')
      return dictionaryLabel(field, value, value) ?? value;
    if (userFields.has(field) && typeof value === 'string') return users.get(value) ?? value;
    if (field === 'type' && typeof value === 'string') return customerTypeLabel(t, value as 'direct');
    if (field === 'state' && typeof value === 'string') return customerStateLabel(t, value as CustomerState);
    if (timeFields.has(field) && typeof value === 'string') return formatDateTime(value);
    return formatValue(value, { yes: tc('history.yes'), no: tc('history.no') });
  };
}
