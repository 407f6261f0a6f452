import './texts.ts';
import {
  BoldOutlined,
  FontSizeOutlined,
  ItalicOutlined,
  LinkOutlined,
  OrderedListOutlined,
  UnorderedListOutlined,
} from '@ant-design/icons';
import { Button, Flex, Tooltip, theme } from 'antd';
import { type ReactNode, useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';

type Props = { value?: string; onChange?: (html: string) => void; id?: string; 'aria-label'?: string };

/**
 * A small rich-text field (antd has none, and no new package): a contentEditable box with bold,
 * italic, heading, lists and link. What it produces is only a draft — the server sanitises it.
 */
export function RichTextEditor({ value, onChange, id, 'aria-label': ariaLabel }: Props) {
  const { t } = useTranslation('announcements');
  const { token } = theme.useToken();
  const box = useRef<HTMLDivElement>(null);

  // the form's value goes into the box only when it differs (typing would lose the caret otherwise)
  useEffect(() => {
    if (box.current && box.current.innerHTML !== (value ?? '')) box.current.innerHTML = value ?? '';
  }, [value]);

  const emit = () => onChange?.(box.current?.innerHTML ?? '');
  const run = (command: string, arg?: string) => {
    box.current?.focus();
    // execCommand is deprecated but still the one editing primitive every browser has
    document.execCommand(command, false, arg);
    emit();
  };
  const tool = (label: string, icon: ReactNode, action: () => void) => (
    <Tooltip title={label}>
      <Button
        type="text"
        size="small"
        icon={icon}
        aria-label={label}
        onMouseDown={(e) => e.preventDefault()}
        onClick={action}
      />
    </Tooltip>
  );

  return (
    <div style={{ border: `1px solid ${token.colorBorder}`, borderRadius: token.borderRadius }}>
      <Flex gap={2} wrap style={{ padding: 4, borderBottom: `1px solid ${token.colorBorderSecondary}` }}>
        {tool(t('editor.bold'), <BoldOutlined aria-hidden />, () => run('bold'))}
        {tool(t('editor.italic'), <ItalicOutlined aria-hidden />, () => run('italic'))}
        {tool(t('editor.heading'), <FontSizeOutlined aria-hidden />, () => run('formatBlock', 'h3'))}
        {tool(t('editor.bullets'), <UnorderedListOutlined aria-hidden />, () => run('insertUnorderedList'))}
        {tool(t('editor.numbers'), <OrderedListOutlined aria-hidden />, () => run('insertOrderedList'))}
        {tool(t('editor.link'), <LinkOutlined aria-hidden />, () => {
          const url = window.prompt(t('editor.linkPrompt'), 'https://');
          if (url && /^(https?:|mailto:)/i.test(url)) run('createLink', url);
        })}
      </Flex>
      {/* biome-ignore lint/a11y/useSemanticElements: a textarea cannot hold formatted text */}
      <div
        ref={box}
        id={id}
        role="textbox"
        tabIndex={0}
        aria-multiline="true"
        aria-label={ariaLabel}
        contentEditable
        suppressContentEditableWarning
        data-placeholder={t('editor.placeholder')}
        className="announcement-editor"
        onInput={emit}
        onBlur={emit}
        style={{ minHeight: 160, maxHeight: 400, overflowY: 'auto', padding: '8px 11px', outline: 'none' }}
      />
    </div>
  );
}
