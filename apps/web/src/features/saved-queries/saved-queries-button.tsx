import { DeleteOutlined, StarOutlined } from '@ant-design/icons';
import type { SavedQuery } from '@guanxi/contract';
import {
  App,
  Button,
  Checkbox,
  Empty,
  Flex,
  Form,
  Input,
  List,
  Modal,
  Popconfirm,
  Popover,
  Tag,
  Typography,
} from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useIsPhone } from '../../lib/use-is-phone.ts';
import { useShowError } from '../../lib/use-show-error.ts';
import { useDeleteSavedQuery, useSavedQueries, useSaveQuery } from './api.ts';

type Props = {
  list: SavedQuery['list'];
  /** The list's current query-string parameters (what “save” keeps). */
  current: Record<string, string>;
  /** Replaces the list's parameters with a saved query's. */
  onApply: (query: Record<string, string>) => void;
};

/** 我的查询: saved filter sets of a list, private or shared; apply with one click, save the current one. */
export function SavedQueriesButton({ list, current, onApply }: Props) {
  const { t } = useTranslation('savedQueries');
  const { message } = App.useApp();
  const showError = useShowError();
  const isPhone = useIsPhone();
  const saved = useSavedQueries(list);
  const save = useSaveQuery(list);
  const remove = useDeleteSavedQuery(list);
  const [open, setOpen] = useState(false);
  const [saving, setSaving] = useState(false);
  const [form] = Form.useForm<{ name: string; shared: boolean }>();

  const content = (
    <Flex vertical gap={8} style={{ width: 280, maxWidth: '80vw' }}>
      {saved.data?.length ? (
        <List
          size="small"
          dataSource={saved.data}
          renderItem={(q) => (
            <List.Item
              actions={
                q.mine
                  ? [
                      <Popconfirm
                        key="delete"
                        title={t('deleteConfirm', { name: q.name })}
                        onConfirm={() => remove.mutate(q, { onError: (e) => showError(e) })}
                      >
                        <Button
                          type="text"
                          size="small"
                          danger
                          icon={<DeleteOutlined aria-hidden />}
                          aria-label={t('delete', { name: q.name })}
                        />
                      </Popconfirm>,
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
      ) : (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('empty')} />
      )}
      <Button
        onClick={() => {
          setOpen(false);
          form.resetFields();
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
        <Button
          icon={<StarOutlined aria-hidden />}
          loading={saved.isPending}
          aria-label={t('title')}
          title={t('title')}
        >
          {isPhone ? null : t('title')}
        </Button>
      </Popover>
      <Modal
        open={saving}
        title={t('saveCurrent')}
        okText={t('save')}
        confirmLoading={save.isPending}
        onCancel={() => setSaving(false)}
        onOk={() => form.submit()}
        destroyOnHidden
      >
        <Form
          form={form}
          layout="vertical"
          initialValues={{ shared: false }}
          onFinish={(v) =>
            save.mutate(
              { name: v.name, shared: v.shared, query: current },
              {
                onSuccess: () => {
                  setSaving(false);
                  message.success(t('saved'));
                },
                onError: (e) => showError(e, form),
              },
            )
          }
        >
          <Form.Item name="name" label={t('name')} rules={[{ required: true, whitespace: true, max: 50 }]}>
            <Input autoFocus maxLength={50} />
          </Form.Item>
          <Form.Item name="shared" valuePropName="checked">
            <Checkbox>{t('shareWithColleagues')}</Checkbox>
          </Form.Item>
          <Typography.Text type="secondary">{t('hint')}</Typography.Text>
        </Form>
      </Modal>
    </>
  );
}
