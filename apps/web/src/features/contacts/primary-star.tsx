import '../customers/texts.ts';
import { StarFilled } from '@ant-design/icons';
import { Tooltip } from 'antd';
import { useTranslation } from 'react-i18next';

/** The gold star of a customer's primary contact (主联系人). */
export function PrimaryStar() {
  const { t } = useTranslation('customers');
  return (
    <Tooltip title={t('contacts.primary')}>
      <StarFilled style={{ color: '#faad14' }} aria-label={t('contacts.primary')} role="img" />
    </Tooltip>
  );
}
