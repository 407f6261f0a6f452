import '../texts.ts';
import { ShareAltOutlined } from '@ant-design/icons';
import type { Customer } from '@guanxi/contract';
import { Button, Flex } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useCan } from '../../../lib/access.ts';
import { ShareDialog } from '../actions/share-dialog.tsx';
import { isChangeable } from '../changeable.ts';
import { ShareList } from '../share-list.tsx';

/** 共享: who else sees or edits this customer; add and remove shares. */
export function CustomerSharesTab({ customer }: { customer: Customer }) {
  const { t } = useTranslation('customers');
  const can = useCan();
  const [open, setOpen] = useState(false);
  return (
    <Flex vertical gap={8}>
      {isChangeable(customer) && can('customers:edit') ? (
        <Flex justify="flex-end">
          <Button icon={<ShareAltOutlined aria-hidden />} onClick={() => setOpen(true)}>
            {t('shares.add')}
          </Button>
        </Flex>
      ) : null}
      <ShareList customer={customer} />
      <ShareDialog customer={customer} open={open} onClose={() => setOpen(false)} />
    </Flex>
  );
}
