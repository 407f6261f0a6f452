import '../features/dictionaries/texts.ts';
import { SwapOutlined } from '@ant-design/icons';
import { Button, Flex, InputNumber, Popover, Tooltip, Typography } from 'antd';
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';

type Props = {
  position: number;
  count: number;
  /** The namespace with the moveTo.* and actions.moveTo texts. */
  ns: 'dictionaries' | 'customFields';
  onMove: (to: number) => Promise<unknown>;
};

/** Icon button opening a small popover: the 1-based position to move a row to (dictionary items, custom fields). */
export function MoveToButton({ position, count, onMove, ns }: Props) {
  const { t } = useTranslation(ns as 'dictionaries');
  const inputId = useId();
  const [open, setOpen] = useState(false);
  const [to, setTo] = useState<number | null>(position);
  const [moving, setMoving] = useState(false);

  const submit = async () => {
    if (!to || to === position) return setOpen(false);
    setMoving(true);
    try {
      await onMove(to);
      setOpen(false);
    } finally {
      setMoving(false);
    }
  };

  const content = (
    <Flex vertical gap={8} style={{ width: 200 }}>
      <label htmlFor={inputId}>{t('moveTo.position')}</label>
      <InputNumber
        id={inputId}
        autoFocus
        min={1}
        max={count}
        precision={0}
        value={to}
        onChange={setTo}
        onPressEnter={() => void submit()}
        style={{ width: '100%' }}
      />
      <Typography.Text type="secondary">{t('moveTo.help', { count })}</Typography.Text>
      <Flex justify="flex-end">
        <Button type="primary" size="small" loading={moving} onClick={() => void submit()}>
          {t('moveTo.submit')}
        </Button>
      </Flex>
    </Flex>
  );

  return (
    <Popover
      trigger="click"
      title={t('moveTo.title')}
      content={content}
      open={open && count > 1}
      onOpenChange={(next) => {
        setOpen(next);
        if (next) setTo(position);
      }}
    >
      {/* the span takes the popover's trigger, so the tooltip keeps its own */}
      <span>
        <Tooltip title={t('actions.moveTo')}>
          <Button
            type="text"
            size="small"
            icon={<SwapOutlined rotate={90} aria-hidden />}
            aria-label={t('actions.moveTo')}
            disabled={count < 2}
          />
        </Tooltip>
      </span>
    </Popover>
  );
}
