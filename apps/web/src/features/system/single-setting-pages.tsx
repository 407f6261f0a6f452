import './texts.ts';
import { useTranslation } from 'react-i18next';
import { PageHeader } from '../../components/page-header.tsx';
import { CheckInRulesCard } from './check-in-rules-card.tsx';
import { NumberingRulesCard } from './numbering-rules-card.tsx';

// The numbering and check-in rules have their own permission now: these pages show one card each
// to its holders; the administrator still finds both on 基本设置 too.

/** 编号规则 (settings:numbering). */
export function NumberingSettingsPage() {
  const { t } = useTranslation('system');
  return (
    <>
      <PageHeader title={t('numbering.title')} />
      <NumberingRulesCard />
    </>
  );
}

/** 签到规则 (settings:check-in). */
export function CheckInSettingsPage() {
  const { t } = useTranslation('system');
  return (
    <>
      <PageHeader title={t('checkIn.title')} />
      <CheckInRulesCard />
    </>
  );
}
