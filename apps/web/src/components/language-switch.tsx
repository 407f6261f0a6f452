import { GlobalOutlined } from '@ant-design/icons';
import type { Locale } from '@guanxi/contract';
import { useQueryClient } from '@tanstack/react-query';
import { Button, Dropdown } from 'antd';
import { useTranslation } from 'react-i18next';
import { changeLanguage, currentLanguage, languageNames, supportedLanguages } from '../lib/i18n.ts';

/**
 * Language menu (accessible name 语言 / Language); the choice is remembered and applies at once —
 * to what the server wrote in the old language too (report and dictionary names): refetched.
 */
export function LanguageSwitch({ showLabel = true }: { showLabel?: boolean }) {
  const { t } = useTranslation();
  const client = useQueryClient();
  const lang = currentLanguage();
  return (
    <Dropdown
      trigger={['click']}
      menu={{
        selectable: true,
        selectedKeys: [lang],
        items: supportedLanguages.map((l) => ({ key: l, label: languageNames[l] })),
        onClick: ({ key }) => void changeLanguage(key as Locale).then(() => client.invalidateQueries()),
      }}
    >
      <Button
        type="text"
        icon={<GlobalOutlined aria-hidden />}
        aria-label={t('language.label')}
        title={t('language.label')}
      >
        {showLabel ? languageNames[lang] : null}
      </Button>
    </Dropdown>
  );
}
