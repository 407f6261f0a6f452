import { App, Avatar, Button, Empty, Flex, Form, Input, List, Typography } from 'antd';
import type { ReactNode } from 'react';
import { formatDateTime } from '../lib/format.ts';
import { useShowError } from '../lib/use-show-error.ts';

export type CommentItem = { id: string; userName: string; createdAt: string; content: string };

type Props = {
  /** The form's name (its fields' ids). */
  name: string;
  texts: { title: string; empty: string; placeholder: string; send: string; sent: string };
  /** The comments, or what stands in their place while they load or failed (skeleton, error). */
  comments: CommentItem[] | ReactNode;
  /** Whether the box to write one is shown. */
  canComment: boolean;
  maxLength: number;
  onSend: (content: string) => Promise<unknown>;
  sending: boolean;
};

/** 点评: comments under a record, newest last, and a box for those who may write one. */
export function CommentThread({ name, texts, comments, canComment, maxLength, onSend, sending }: Props) {
  const { message } = App.useApp();
  const showError = useShowError();
  const [form] = Form.useForm<{ content: string }>();
  const send = (v: { content: string }) =>
    onSend(v.content).then(
      () => {
        form.resetFields();
        message.success(texts.sent);
      },
      (e) => showError(e, form),
    );
  return (
    <section aria-label={texts.title}>
      <Typography.Title level={5}>{texts.title}</Typography.Title>
      {!Array.isArray(comments) ? (
        comments
      ) : comments.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={texts.empty} />
      ) : (
        <List
          size="small"
          dataSource={comments as CommentItem[]}
          renderItem={(c) => (
            <List.Item key={c.id}>
              <List.Item.Meta
                avatar={<Avatar size="small">{c.userName.slice(0, 1)}</Avatar>}
                title={
                  <Flex gap={8} wrap>
                    <span>{c.userName}</span>
                    <Typography.Text type="secondary">{formatDateTime(c.createdAt)}</Typography.Text>
                  </Flex>
                }
                description={<span style={{ whiteSpace: 'pre-wrap' }}>{c.content}</span>}
              />
            </List.Item>
          )}
        />
      )}
      {canComment ? (
        <Form form={form} name={name} onFinish={send} layout="vertical">
          <Form.Item
            name="content"
            rules={[{ required: true, whitespace: true, message: texts.placeholder }]}
          >
            <Input.TextArea
              aria-label={texts.placeholder}
              placeholder={texts.placeholder}
              autoSize={{ minRows: 2, maxRows: 6 }}
              maxLength={maxLength}
            />
          </Form.Item>
          <Flex justify="flex-end">
            <Button type="primary" htmlType="submit" loading={sending}>
              {texts.send}
            </Button>
          </Flex>
        </Form>
      ) : null}
    </section>
  );
}
