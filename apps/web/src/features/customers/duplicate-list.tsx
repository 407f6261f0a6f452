import './texts.ts';
import type { DuplicateMatch } from '@guanxi/contract';
import { Flex, List, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { CustomerStateTag } from './customer-state-tag.tsx';
import { customerFieldLabel } from './labels.ts';

type Props = {
  matches: DuplicateMatch[];
  /** Called when the user follows a link to one of them (e.g. to close the form). */
  onOpen?: () => void;
};

/**
 * Customers that look like the one being entered: name (a link when it is in the user's scope),
 * number, state, owner (masked outside the scope) or pool, and what matched.
 */
export function DuplicateList({ matches, onOpen }: Props) {
  const { t } = useTranslation('customers');
  return (
    <List<DuplicateMatch>
      size="small"
      dataSource={matches}
      rowKey={(m) => `${m.id ?? m.name}|${m.number ?? ''}|${m.ownerName ?? ''}`}
      renderItem={(m) => (
        <List.Item>
          <Flex vertical gap={2} style={{ minWidth: 0 }}>
            <Flex gap={6} align="center" wrap>
              {m.id ? (
                <Link to={`/customers/${m.id}`} onClick={onOpen}>
                  <strong>{m.name}</strong>
                </Link>
              ) : (
                <Typography.Text strong>{m.name}</Typography.Text>
              )}
              <CustomerStateTag state={m.state} />
            </Flex>
            <Typography.Text type="secondary" style={{ fontSize: 13 }}>
              {[
                m.number ? `${t('fields.number')}：${m.number}` : null,
                m.state === 'pool'
                  ? `${t('fields.poolName')}：${m.poolName ?? '—'}`
                  : `${t('fields.ownerId')}：${m.ownerName ?? '—'}`,
              ]
                .filter(Boolean)
                .join(t('duplicates.separator'))}
            </Typography.Text>
            <Flex gap={4} wrap align="center">
              <Typography.Text type="secondary" style={{ fontSize: 13 }}>
                {t('duplicates.matchedBy')}
              </Typography.Text>
              {m.matchedBy.map((field) => (
                <Tag key={field} color="orange" style={{ marginInlineEnd: 0 }}>
                  {customerFieldLabel(t, field)}
                </Tag>
              ))}
            </Flex>
          </Flex>
        </List.Item>
      )}
    />
  );
}
