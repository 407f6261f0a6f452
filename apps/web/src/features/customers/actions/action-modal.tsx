import { Form, type FormInstance, Modal } from 'antd';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useIsPhone } from '../../../lib/use-is-phone.ts';

type Props<V> = {
  open: boolean;
  title: string;
  okText: string;
  /** Form name, unique on the page. */
  name: string;
  form: FormInstance<V>;
  saving: boolean;
  danger?: boolean;
  width?: number;
  onCancel: () => void;
  onFinish: (values: V) => void;
  children: ReactNode;
  /** Extra content after the form (e.g. the current shares). */
  after?: ReactNode;
};

/** The dialog of a customer action: a small vertical form, OK submits it. */
export function ActionModal<V>({
  open,
  title,
  okText,
  name,
  form,
  saving,
  danger,
  width,
  onCancel,
  onFinish,
  children,
  after,
}: Props<V>) {
  const { t } = useTranslation();
  const isPhone = useIsPhone();
  return (
    <Modal
      open={open}
      title={title}
      okText={okText}
      cancelText={t('actions.cancel')}
      okButtonProps={{ danger }}
      confirmLoading={saving}
      width={isPhone ? undefined : width}
      onOk={() => form.submit()}
      onCancel={onCancel}
      destroyOnHidden
    >
      <Form<V> form={form} name={name} layout="vertical" onFinish={onFinish} preserve={false}>
        {children}
      </Form>
      {after}
    </Modal>
  );
}
