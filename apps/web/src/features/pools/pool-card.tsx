import './texts.ts';
import { EditOutlined } from '@ant-design/icons';
import type { Pool } from '@guanxi/contract';
import { Button, Card, Flex, Statistic, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { ConfirmDeleteButton } from '../../components/confirm-delete-button.tsx';
import { poolRuleSummary } from './pool-rules.ts';

/** The first letter up (English phrases start lower case so that they can be joined). */
const sentence = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);

type Props = {
  pool: Pool;
  selected: boolean;
  onSelect: () => void;
  /** Pool admins only. */
  onEdit?: () => void;
  /** Pool admins only; errors are shown by the button. */
  onDelete?: () => Promise<unknown>;
};

/** One pool: who sees it, its rules in short, how many customers it holds; click to list them. */
export function PoolCard({ pool, selected, onSelect, onEdit, onDelete }: Props) {
  const { t } = useTranslation('pools');
  const { t: tc } = useTranslation();
  const rules = poolRuleSummary(t, pool);
  return (
    <Card
      size="small"
      hoverable
      className={selected ? 'pool-card pool-card-selected' : 'pool-card'}
      title={
        <button type="button" className="pool-card-title" aria-pressed={selected} onClick={onSelect}>
          {pool.name}
        </button>
      }
      extra={
        onEdit || onDelete ? (
          <Flex gap={0}>
            {onEdit ? (
              <Button
                type="text"
                size="small"
                icon={<EditOutlined aria-hidden />}
                aria-label={t('actions.editNamed', { name: pool.name })}
                title={tc('actions.edit')}
                onClick={onEdit}
              />
            ) : null}
            {onDelete ? (
              <ConfirmDeleteButton
                look="icon"
                title={t('actions.deleteConfirm', { name: pool.name })}
                ariaLabel={t('actions.deleteNamed', { name: pool.name })}
                onConfirm={onDelete}
                doneMessage={t('actions.deleted', { name: pool.name })}
              />
            ) : null}
          </Flex>
        ) : null
      }
      onClick={onSelect}
    >
      <Flex justify="space-between" gap={12} align="flex-start">
        <Flex vertical gap={6} style={{ minWidth: 0 }}>
          <div>
            {pool.departmentNames.length ? (
              pool.departmentNames.map((d) => (
                <Tag key={d} style={{ marginBottom: 4 }}>
                  {d}
                </Tag>
              ))
            ) : (
              <Tag color="blue">{t('everybody')}</Tag>
            )}
          </div>
          <Typography.Text type="secondary" style={{ fontSize: 13 }}>
            {rules.length ? sentence(rules.join(t('rules.separator'))) : t('rules.none')}
          </Typography.Text>
        </Flex>
        <Statistic
          className="pool-card-count"
          title={t('fields.customerCount')}
          value={pool.customerCount}
          styles={{ content: { fontSize: 20 } }}
        />
      </Flex>
    </Card>
  );
}
