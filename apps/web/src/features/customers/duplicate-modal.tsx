import './texts.ts';
import type { DuplicateMatch } from '@guanxi/contract';
import { Button, Modal, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { useCan } from '../../lib/access.ts';
import { DuplicateList } from './duplicate-list.tsx';

type Props = {
  /** The matches of the 409 DUPLICATE_CUSTOMER answer; null when closed. */
  matches: DuplicateMatch[] | null;
  saving?: boolean;
  onClose: () => void;
  /** Save anyway (`force: true`); offered only with `customers:force_duplicate`. */
  onForce: () => void;
  /** A link to one of the matches was followed. */
  onOpen?: () => void;
};

/** Saving found duplicates: who has them, so the user can ask the owner instead of entering it again. */
export function DuplicateModal({ matches, saving, onClose, onForce, onOpen }: Props) {
  const { t } = useTranslation('customers');
  const canForce = useCan()('customers:force_duplicate');
  return (
    <Modal
      open={!!matches}
      title={t('duplicates.title')}
      onCancel={onClose}
      destroyOnHidden
      footer={[
        <Button key="back" onClick={onClose}>
          {t('duplicates.back')}
        </Button>,
        canForce ? (
          <Button key="force" type="primary" danger loading={saving} onClick={onForce}>
            {t('duplicates.saveAnyway')}
          </Button>
        ) : null,
      ]}
    >
      <Typography.Paragraph>
        {canForce ? t('duplicates.intro') : t('duplicates.introNoForce')}
      </Typography.Paragraph>
      <div style={{ maxHeight: '50vh', overflowY: 'auto' }}>
        <DuplicateList matches={matches ?? []} onOpen={onOpen} />
      </div>
    </Modal>
  );
}
