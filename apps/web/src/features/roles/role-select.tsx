import './texts.ts';
import { Input, Select, type SelectProps } from 'antd';
import { useTranslation } from 'react-i18next';
import { useCan } from '../../lib/access.ts';
import { useRoles } from './api.ts';

type Props = Omit<SelectProps<string | string[]>, 'options'> & {
  /** Shown (read only) to users who may not list roles. */
  fallbackLabels?: string[];
};

/** Role picker (single or multiple) over `GET /roles` (read only without `roles:view`). */
export function RoleSelect({ fallbackLabels, ...props }: Props) {
  const { t } = useTranslation('roles');
  const allowed = useCan()('roles:view');
  const { data = [], isLoading } = useRoles(allowed);
  if (!allowed) return <Input id={props.id} disabled value={(fallbackLabels ?? []).join(', ')} />;
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
