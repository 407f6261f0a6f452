import './texts.ts';
import { type DictionarySummary, type DictionaryType, dictionaryTypeCodes } from '@guanxi/contract';
import { Card, Flex, Menu, Select, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { useIsPhone } from '../../lib/use-is-phone.ts';

type Props = {
  value: DictionaryType;
  onChange: (type: DictionaryType) => void;
  summaries: DictionarySummary[] | undefined;
  loading: boolean;
};

/** The dictionaries with their item counts: a list beside the table, a select above it on phones. */
export function DictionaryTypeNav({ value, onChange, summaries, loading }: Props) {
  const { t } = useTranslation('dictionaries');
  const isPhone = useIsPhone();
  const byType = new Map(summaries?.map((s) => [s.type, s]));
  const count = (type: DictionaryType) => {
    const s = byType.get(type);
    if (!s) return '';
    return s.invalid > 0 ? t('typeCountInvalid', { total: s.total, invalid: s.invalid }) : String(s.total);
  };

  if (isPhone) {
    return (
      <Select<DictionaryType>
        aria-label={t('typeList')}
        value={value}
        onChange={onChange}
        loading={loading}
        showSearch={{ optionFilterProp: 'name' }}
        style={{ width: '100%' }}
        options={dictionaryTypeCodes.map((type) => ({
          value: type,
          name: t(`types.${type}`),
          label: (
            <Flex justify="space-between" align="center" gap={8}>
              <span>{t(`types.${type}`)}</span>
              <Typography.Text type="secondary">{count(type)}</Typography.Text>
            </Flex>
          ),
        }))}
      />
    );
  }

  return (
    <Card variant="borderless" title={t('typeList')} styles={{ body: { padding: 4 } }}>
      <nav aria-label={t('typeList')}>
        <Menu
          mode="inline"
          style={{ borderInlineEnd: 'none' }}
          selectedKeys={[value]}
          onClick={({ key }) => onChange(key as DictionaryType)}
          items={dictionaryTypeCodes.map((type) => ({
            key: type,
            label: (
              <Flex justify="space-between" align="center" gap={8}>
                <span>{t(`types.${type}`)}</span>
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {count(type)}
                </Typography.Text>
              </Flex>
            ),
          }))}
        />
      </nav>
    </Card>
  );
}
