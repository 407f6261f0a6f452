import { DeleteOutlined } from '@ant-design/icons';
import { App, Button, Popconfirm } from 'antd';
import { type ReactNode, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useShowError } from '../lib/use-show-error.ts';
import { IconAction } from './icon-action.tsx';

type Props = {
  /** The question, e.g. 删除部门「华东」？ */
  title: ReactNode;
  description?: ReactNode;
  /** Runs on OK; the buttons spin until it settles. */
  onConfirm: () => Promise<unknown>;
  /** Said once done, e.g. 已删除. */
  doneMessage?: string;
  /** The trigger's and the OK button's words: 删除 unless said (e.g. 撤销 for a session). */
  label?: string;
  /**
   * `button`: a default button (page actions); `link`: a link-style button in a table row;
   * `icon`: the icon alone, named by its tooltip.
   */
  look?: 'button' | 'link' | 'icon';
  /** The trigger's icon; `null` for none. */
  icon?: ReactNode | null;
  /** The trigger's accessible name when its words alone are ambiguous, e.g. 删除 华东. */
  ariaLabel?: string;
  disabled?: boolean;
};

/**
 * A red button that asks before it deletes (or revokes, or removes): 删除 / 取消 in a popover,
 * then runs `onConfirm`, says `doneMessage`, or shows the server's error. The popover always
 * closes, whatever the answer.
 */
export function ConfirmDeleteButton({
  title,
  description,
  onConfirm,
  doneMessage,
  label,
  look = 'button',
  icon,
  ariaLabel,
  disabled,
}: Props) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const showError = useShowError();
  const [running, setRunning] = useState(false);
  const words = label ?? t('actions.delete');
  const shownIcon = icon === undefined ? <DeleteOutlined aria-hidden /> : icon;

  const confirm = async () => {
    setRunning(true);
    try {
      await onConfirm();
      if (doneMessage) message.success(doneMessage);
    } catch (e) {
      showError(e);
    } finally {
      setRunning(false);
    }
  };

  const trigger =
    look === 'icon' ? (
      // the span takes the popconfirm's trigger, so the tooltip keeps its own
      <span>
        <IconAction
          label={ariaLabel ?? words}
          icon={shownIcon}
          danger
          loading={running}
          disabled={disabled}
        />
      </span>
    ) : (
      <Button
        danger
        type={look === 'link' ? 'link' : 'default'}
        size={look === 'link' ? 'small' : undefined}
        style={look === 'link' && !shownIcon ? { padding: 0 } : undefined}
        icon={shownIcon}
        loading={running}
        disabled={disabled}
        aria-label={ariaLabel}
      >
        {words}
      </Button>
    );

  return (
    <Popconfirm
      title={title}
      description={description}
      okText={words}
      cancelText={t('actions.cancel')}
      okButtonProps={{ danger: true }}
      onConfirm={confirm}
      disabled={disabled}
    >
      {trigger}
    </Popconfirm>
  );
}
