import { SwapOutlined } from '@ant-design/icons';
import { Button, Flex, InputNumber, Popover, Tooltip, Typography } from 'antd';
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';

type Props = {
  position: number;
  siblings: number;
  onMove: (to: number) => Promise<unknown>;
};

/** Icon button opening a small popover: the 1-based position to move the item to among its siblings. */
export function MoveToButton({ position, siblings, onMove }: Props) {
  const { t } = useTranslation('dictionaries');
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
        max={siblings}
        precision={0}
        value={to}
        onChange={setTo}
        onPressEnter={() => void submit()}
        style={{ width: '100%' }}
      />
      <Typography.Text type="secondary">{t('moveTo.help', { count: siblings })}</Typography.Text>
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
      open={open && siblings > 1}
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
            disabled={siblings < 2}
          />
        </Tooltip>
      </span>
    </Popover>
  );
}
