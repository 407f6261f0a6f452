import type { Customer } from '@guanxi/contract';
import { useCan } from '../../../lib/access.ts';
import { AttachmentsPanel } from '../../files/attachments-panel.tsx';
import { isChangeable } from '../changeable.ts';

/** 附件: the customer's files; who may edit the customer uploads and deletes them. */
export function CustomerFilesTab({ customer }: { customer: Customer }) {
  const can = useCan();
  return (
    <AttachmentsPanel
      entity="customers"
      entityId={customer.id}
      canChange={isChangeable(customer) && can('customers:edit')}
    />
  );
}
