import { Select, type SelectProps } from 'antd';
import { useTranslation } from 'react-i18next';
import { useRoles } from './api.ts';

/** Role picker (single or multiple) over `GET /roles`. */
export function RoleSelect(props: Omit<SelectProps<string | string[]>, 'options'>) {
  const { t } = useTranslation('roles');
  const { data = [], isLoading } = useRoles();
  return (
    <Select
      allowClear
      placeholder={t('select')}
      loading={isLoading}
      showSearch={{ optionFilterProp: 'label' }}
      {...props}
      options={data.map((r) => ({ value: r.id, label: r.name }))}
    />
  );
}
