import { StarOutlined } from '@ant-design/icons';
import { type SavedQuery, savedQueryLimits } from '@guanxi/contract';
import { App, Button, Checkbox, Empty, Flex, Form, Input, List, Popover, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ConfirmDeleteButton } from '../../components/confirm-delete-button.tsx';
import { FormModal } from '../../components/form-modal.tsx';
import { useFormRules } from '../../components/form-rules.ts';
import { JUST_CREATED } from '../../components/just-created.ts';
import { useIsPhone } from '../../lib/use-is-phone.ts';
import { useDeleteSavedQuery, useSavedQueries, useSaveQuery } from './api.ts';

type Props = {
  list: SavedQuery['list'];
  /** The list's current query-string parameters (what “save” keeps). */
  current: Record<string, string>;
  /** Replaces the list's parameters with a saved query's. */
  onApply: (query: Record<string, string>) => void;
};

type Values = { name: string; shared: boolean };

/** 我的查询: saved filter sets of a list, private or shared; apply with one click, save the current one. */
export function SavedQueriesButton({ list, current, onApply }: Props) {
  const { t } = useTranslation('savedQueries');
  const { message } = App.useApp();
  const rules = useFormRules();
  const isPhone = useIsPhone();
  const saved = useSavedQueries(list);
  const save = useSaveQuery(list);
  const remove = useDeleteSavedQuery(list);
  const [open, setOpen] = useState(false);
  const [saving, setSaving] = useState(false);
  // the query just saved: the list opens again with it marked, so the user sees where it went
  const [created, setCreated] = useState<string | null>(null);

  const content = (
    <Flex vertical gap={8} style={{ width: 280, maxWidth: '80vw' }}>
      <List
        size="small"
        // the list loads inside the open popover: the button never spins, so a click while it
        // loads still opens it
        loading={saved.isPending}
        dataSource={saved.data ?? []}
        locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('empty')} /> }}
        renderItem={(q) => (
          <List.Item
            className={q.id === created ? JUST_CREATED : undefined}
            actions={
              q.mine
                ? [
                    <ConfirmDeleteButton
                      key="delete"
                      look="icon"
                      title={t('deleteConfirm', { name: q.name })}
                      ariaLabel={t('delete', { name: q.name })}
                      onConfirm={() => remove.mutateAsync(q)}
                    />,
                  ]
                : []
            }
          >
            <Button
              type="link"
              size="small"
              style={{ padding: 0, height: 'auto', whiteSpace: 'normal', textAlign: 'left' }}
              onClick={() => {
                onApply(q.query);
                setOpen(false);
              }}
            >
              {q.name}
            </Button>
            {q.shared ? (
              <Tag style={{ marginInlineStart: 6 }}>{q.mine ? t('shared') : q.ownerName}</Tag>
            ) : null}
          </List.Item>
        )}
      />
      <Button
        onClick={() => {
          setOpen(false);
          setSaving(true);
        }}
      >
        {t('saveCurrent')}
      </Button>
    </Flex>
  );

  return (
    <>
      <Popover
        trigger="click"
        open={open}
        onOpenChange={setOpen}
        content={content}
        title={t('title')}
        placement="bottomLeft"
      >
        <Button icon={<StarOutlined aria-hidden />} aria-label={t('title')} title={t('title')}>
          {isPhone ? null : t('title')}
        </Button>
      </Popover>
      <FormModal<Values>
        open={saving}
        title={t('saveCurrent')}
        okText={t('save')}
        name="saved-query"
        initialValues={{ shared: false }}
        onCancel={() => setSaving(false)}
        onSubmit={async (v) => {
          const query = await save.mutateAsync({ name: v.name, shared: v.shared, query: current });
          setSaving(false);
          message.success(t('saved'));
          setCreated(query.id);
          setOpen(true);
        }}
      >
        <Form.Item
          name="name"
          label={t('name')}
          rules={[rules.required(), rules.maxLength(savedQueryLimits.name)]}
        >
          <Input autoFocus maxLength={savedQueryLimits.name} />
        </Form.Item>
        <Form.Item name="shared" valuePropName="checked">
          <Checkbox>{t('shareWithColleagues')}</Checkbox>
        </Form.Item>
        <Typography.Text type="secondary">{t('hint')}</Typography.Text>
      </FormModal>
    </>
  );
}
