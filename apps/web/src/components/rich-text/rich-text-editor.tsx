import {
  BoldOutlined,
  ClearOutlined,
  FontSizeOutlined,
  ItalicOutlined,
  LinkOutlined,
  OrderedListOutlined,
  UnorderedListOutlined,
} from '@ant-design/icons';
import { Button, Flex, Tooltip } from 'antd';
import { type ReactNode, useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import './rich-text.css';

type Props = {
  id?: string;
  value?: string;
  onChange?: (html: string) => void;
  'aria-label'?: string;
  'aria-invalid'?: boolean;
  /** Shown in the empty area. */
  placeholder?: string;
};

type Command = { key: string; icon: ReactNode; run: () => void };

/**
 * A small rich-text editor (antd has none): an editable area with a toolbar of heading, bold,
 * italic, lists, link and clear. It writes HTML as the browser makes it; the server sanitises
 * it on save, so nothing here needs to be trusted. An antd Form.Item control (value / onChange).
 */
export function RichTextEditor({ id, value = '', onChange, placeholder, ...aria }: Props) {
  const { t } = useTranslation();
  const area = useRef<HTMLDivElement>(null);

  // only a change from outside (the form filled or reset) is written into the area: writing what
  // the user just typed back into it would move the caret to the start
  useEffect(() => {
    const el = area.current;
    if (el && el.innerHTML !== value) el.innerHTML = value;
  }, [value]);

  const emit = () => onChange?.(area.current?.innerHTML ?? '');
  const exec = (command: string, arg?: string) => {
    area.current?.focus();
    document.execCommand(command, false, arg);
    emit();
  };
  const commands: Command[] = [
    {
      key: 'heading',
      icon: <FontSizeOutlined aria-hidden />,
      run: () => {
        const inHeading = document.queryCommandValue('formatBlock').toLowerCase() === 'h2';
        exec('formatBlock', inHeading ? 'p' : 'h2');
      },
    },
    { key: 'bold', icon: <BoldOutlined aria-hidden />, run: () => exec('bold') },
    { key: 'italic', icon: <ItalicOutlined aria-hidden />, run: () => exec('italic') },
    {
      key: 'bulletList',
      icon: <UnorderedListOutlined aria-hidden />,
      run: () => exec('insertUnorderedList'),
    },
    { key: 'orderedList', icon: <OrderedListOutlined aria-hidden />, run: () => exec('insertOrderedList') },
    {
      key: 'link',
      icon: <LinkOutlined aria-hidden />,
      run: () => {
        const href = window.prompt(t('richText.linkPrompt'), 'https://');
        if (href && /^(https?:\/\/|mailto:)/i.test(href.trim())) exec('createLink', href.trim());
      },
    },
    {
      key: 'clear',
      icon: <ClearOutlined aria-hidden />,
      run: () => {
        exec('removeFormat');
        exec('formatBlock', 'p');
      },
    },
  ];

  return (
    <div className="rich-editor">
      <Flex role="toolbar" aria-label={t('richText.toolbar')} gap={2} wrap className="rich-editor-toolbar">
        {commands.map((c) => (
          <Tooltip key={c.key} title={t(`richText.${c.key}` as 'richText.bold')}>
            <Button
              type="text"
              size="small"
              icon={c.icon}
              aria-label={t(`richText.${c.key}` as 'richText.bold')}
              // keep the selection in the text while the button is pressed
              onMouseDown={(e) => e.preventDefault()}
              onClick={c.run}
            />
          </Tooltip>
        ))}
      </Flex>
      {/* biome-ignore lint/a11y/useSemanticElements: a textarea cannot hold formatted text */}
      <div
        id={id}
        ref={area}
        className="rich-editor-area rich-content"
        data-placeholder={placeholder}
        role="textbox"
        aria-multiline="true"
        aria-label={aria['aria-label']}
        aria-invalid={aria['aria-invalid']}
        contentEditable
        suppressContentEditableWarning
        tabIndex={0}
        onInput={emit}
        onBlur={emit}
      />
    </div>
  );
}
