import { DoubleLeftOutlined, DoubleRightOutlined, LeftOutlined, RightOutlined } from '@ant-design/icons';
import { Button, Flex, Input, Select, Space, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useIsPhone } from '../../lib/use-is-phone.ts';

export const PAGE_SIZE_OPTIONS = [10, 20, 50, 100];

type Props = {
  page: number;
  pageSize: number;
  total: number;
  totalIsEstimate?: boolean;
  disabled?: boolean;
  onChange: (page: number, pageSize: number) => void;
  /** Offered while the total is an estimate: count the rows exactly (精确计数). */
  onExactCount?: () => void;
};

export function pageCount(total: number, pageSize: number): number {
  return Math.max(1, Math.ceil(total / pageSize));
}

/** Parses the jump input; null when the jump must do nothing (empty, 0, not a number, past the end). */
export function parseJump(text: string, current: number, pages: number): number | null {
  const value = text.trim();
  if (!/^[0-9]+$/.test(value)) return null;
  const target = Number(value);
  if (!Number.isSafeInteger(target) || target < 1 || target > pages || target === current) return null;
  return target;
}

/** Totals, first / previous / next / last, page size and jump to page. */
export function ListPagination({
  page,
  pageSize,
  total,
  totalIsEstimate,
  disabled,
  onChange,
  onExactCount,
}: Props) {
  const { t } = useTranslation();
  const isPhone = useIsPhone();
  const [jump, setJump] = useState('');
  const pages = pageCount(total, pageSize);
  const atStart = page <= 1;
  const atEnd = page >= pages;

  const summary = totalIsEstimate
    ? t('pagination.summaryEstimate', { total: total.toLocaleString(), page, pages: pages.toLocaleString() })
    : t('pagination.summary', { total: total.toLocaleString(), page, pages: pages.toLocaleString() });

  const doJump = () => {
    const target = parseJump(jump, page, pages);
    if (target === null) return;
    setJump('');
    onChange(target, pageSize);
  };

  const nav = (label: string, icon: React.ReactNode, target: number, off: boolean) => (
    <Button
      size="small"
      icon={icon}
      aria-label={label}
      title={label}
      disabled={off || disabled}
      onClick={() => onChange(target, pageSize)}
    >
      {isPhone ? null : label}
    </Button>
  );

  return (
    <Flex className="list-pagination" justify="space-between" align="center" wrap gap={8}>
      <Flex align="center" wrap gap={4}>
        <Typography.Text type="secondary" className="list-pagination-summary">
          {summary}
        </Typography.Text>
        {totalIsEstimate && onExactCount ? (
          <Button size="small" type="link" disabled={disabled} onClick={onExactCount}>
            {t('pagination.countExactly')}
          </Button>
        ) : null}
      </Flex>
      <Flex align="center" wrap gap={8}>
        <Space.Compact>
          {nav(t('pagination.first'), <DoubleLeftOutlined aria-hidden />, 1, atStart)}
          {nav(t('pagination.previous'), <LeftOutlined aria-hidden />, page - 1, atStart)}
          {nav(t('pagination.next'), <RightOutlined aria-hidden />, page + 1, atEnd)}
          {nav(t('pagination.last'), <DoubleRightOutlined aria-hidden />, pages, atEnd)}
        </Space.Compact>
        <Select
          size="small"
          aria-label={t('pagination.pageSize')}
          value={pageSize}
          disabled={disabled}
          style={{ width: isPhone ? 96 : 110 }}
          popupMatchSelectWidth={false}
          options={PAGE_SIZE_OPTIONS.map((n) => ({ value: n, label: t('pagination.perPage', { size: n }) }))}
          onChange={(size: number) => onChange(1, size)}
        />
        <Space size={4}>
          <Typography.Text type="secondary">{t('pagination.goTo')}</Typography.Text>
          <Input
            size="small"
            aria-label={t('pagination.goTo')}
            inputMode="numeric"
            value={jump}
            disabled={disabled}
            style={{ width: 56 }}
            onChange={(e) => setJump(e.target.value)}
            onPressEnter={doJump}
          />
          <Button size="small" disabled={disabled} onClick={doJump}>
            {t('pagination.go')}
          </Button>
        </Space>
      </Flex>
    </Flex>
  );
}
