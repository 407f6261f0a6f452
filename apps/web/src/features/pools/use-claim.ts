import './texts.ts';
import type { Customer } from '@guanxi/contract';
import { App } from 'antd';
import { useTranslation } from 'react-i18next';
import { useShowError } from '../../lib/use-show-error.ts';
import { useClaimCustomer } from '../customers/api.ts';

/**
 * 领取 a pool customer; a refusal shows the server's localised reason (hold limit, daily limit,
 * cooldown, already taken).
 */
export function useClaim() {
  const { t } = useTranslation('pools');
  const { message } = App.useApp();
  const showError = useShowError();
  const claim = useClaimCustomer();
  return {
    // the row that asked may be gone once the list reloads, so the outcome is shown from the promise
    claim: (customer: Pick<Customer, 'id' | 'name'>) =>
      claim.mutateAsync({ id: customer.id }).then(
        () => message.success(t('claim.done', { name: customer.name })),
        (e) => showError(e),
      ),
    claiming: claim.isPending ? claim.variables?.id : undefined,
  };
}
