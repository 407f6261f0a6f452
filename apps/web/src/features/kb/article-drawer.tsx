import './texts.ts';
import { type KbArticle, kbLimits } from '@guanxi/contract';
import { App, Form, Input, Typography } from 'antd';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { FormDrawer } from '../../components/form-drawer.tsx';
import { useFormRules } from '../../components/form-rules.ts';
import { RichTextEditor } from '../../components/rich-text/rich-text-editor.tsx';
import { useCan } from '../../lib/access.ts';
import { isApiError } from '../../lib/api.ts';
import { DictionarySelect } from '../dictionaries/dictionary-select.tsx';
import { useCreateArticle, useUpdateArticle } from './api.ts';

type Props = {
  /** `'new'`, an article to edit, or null when closed. */
  target: 'new' | KbArticle | null;
  /** A new article's category (the one chosen in the tree). */
  categoryId?: string | null;
  onClose: () => void;
  onSaved?: (a: KbArticle) => void;
};

type Values = { title?: string; categoryId?: string | null; content?: string };

/** Whether the HTML shows anything (text or an image). */
const hasContent = (html: string | undefined) =>
  !!html && (/<img\b/i.test(html) || html.replace(/<[^>]*>|&nbsp;/g, '').trim().length > 0);

/**
 * 写文章 / 编辑文章: title, category and the rich text. A new article is saved as a draft, or
 * published at once by who may publish; attachments are added on the saved article.
 */
export function ArticleDrawer({ target, categoryId, onClose, onSaved }: Props) {
  const { t } = useTranslation('kb');
  const { t: tc } = useTranslation();
  const { message } = App.useApp();
  const can = useCan();
  const rules = useFormRules();
  const [form] = Form.useForm<Values>();
  const create = useCreateArticle();
  const update = useUpdateArticle();
  const editing = target && target !== 'new' ? target : undefined;
  const canPublish = can('kb:publish');

  // biome-ignore lint/correctness/useExhaustiveDependencies: refilled only when the target changes
  useEffect(() => {
    if (!target) return;
    form.resetFields();
    form.setFieldsValue(
      editing
        ? { title: editing.title, categoryId: editing.categoryId, content: editing.content }
        : { categoryId: categoryId ?? null, content: '' },
    );
  }, [target]);

  const save = (published: boolean) => async (v: Values) => {
    const values = {
      title: (v.title ?? '').trim(),
      categoryId: v.categoryId ?? null,
      content: v.content ?? '',
    };
    try {
      const saved = editing
        ? await update.mutateAsync({ id: editing.id, version: editing.version, ...values })
        : await create.mutateAsync({ ...values, published });
      message.success(editing ? tc('status.saved') : published ? t('published') : t('created'));
      onSaved?.(saved);
      onClose();
    } catch (e) {
      if (!isApiError(e, 'CONFLICT')) throw e; // the drawer puts it on the fields it names
      message.error(t('conflict'));
      onClose();
    }
  };

  const newWithPublish = !editing && canPublish;
  return (
    <FormDrawer<Values>
      open={!!target}
      onClose={onClose}
      title={editing ? t('editTitle') : t('createTitle')}
      width={760}
      name="kb-article-form"
      form={form}
      onSubmit={save(newWithPublish)}
      submitText={editing ? undefined : newWithPublish ? t('actions.publish') : t('actions.saveDraft')}
      otherSubmits={
        newWithPublish ? [{ key: 'draft', label: t('actions.saveDraft'), onSubmit: save(false) }] : []
      }
    >
      <Form.Item
        name="title"
        label={t('fields.title')}
        rules={[rules.required(), rules.maxLength(kbLimits.title)]}
      >
        <Input maxLength={kbLimits.title} />
      </Form.Item>
      <Form.Item name="categoryId" label={t('fields.category')}>
        <DictionarySelect type="kb-category" />
      </Form.Item>
      <Form.Item
        name="content"
        label={t('fields.content')}
        required
        rules={[
          {
            validator: (_, value: string | undefined) =>
              hasContent(value) ? Promise.resolve() : Promise.reject(new Error(t('required'))),
          },
        ]}
        extra={<Typography.Text type="secondary">{t('editor.hint')}</Typography.Text>}
      >
        <RichTextEditor aria-label={t('fields.content')} />
      </Form.Item>
    </FormDrawer>
  );
}
