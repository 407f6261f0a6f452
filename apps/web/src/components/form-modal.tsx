import { Form, type FormInstance, type FormProps, Modal } from 'antd';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { type SaveForm, useFormSubmit } from './use-form-submit.ts';

type Props<V> = {
  open: boolean;
  title: ReactNode;
  /** Form name, unique on the page (the fields' ids start with it). */
  name: string;
  /** The caller's form, when it watches or sets fields; else the modal makes its own. */
  form?: FormInstance<V>;
  /** What the form holds each time it opens (it is rebuilt on every open). */
  initialValues?: FormProps<V>['initialValues'];
  /** Saves; the OK button spins meanwhile. The caller closes the modal on success. */
  onSubmit: SaveForm<V>;
  onCancel: () => void;
  /** The OK button's words (保存 unless said). */
  okText?: string;
  /** A destructive action: the OK button is red. */
  danger?: boolean;
  /** Desktop width; on a phone the modal takes the screen's width. */
  width?: number;
  /** Shown above the form (a hint or a warning). */
  intro?: ReactNode;
  /** Shown below the form (e.g. the current shares). */
  after?: ReactNode;
  onValuesChange?: FormProps<V>['onValuesChange'];
  children: ReactNode;
};

/**
 * A dialog around a small vertical form: OK submits it, the button spins while saving, a failed
 * save puts the server's field errors on the fields (the message on top). A click outside it does
 * not close it.
 */
export function FormModal<V>({
  open,
  title,
  name,
  form: given,
  initialValues,
  onSubmit,
  onCancel,
  okText,
  danger,
  width = 520,
  intro,
  after,
  onValuesChange,
  children,
}: Props<V>) {
  const { t } = useTranslation();
  const [own] = Form.useForm<V>();
  const form = given ?? own;
  const { saving, submit } = useFormSubmit(form);
  return (
    <Modal
      open={open}
      title={title}
      okText={okText ?? t('actions.save')}
      cancelText={t('actions.cancel')}
      // the OK button spins, not antd's confirmLoading: that also ignores 取消 and the close
      // button, so a dialog that stays open after saving (e.g. 共享) could not be closed until
      // every list the save refreshes had reloaded
      okButtonProps={{ danger, loading: saving !== null }}
      width={width}
      onOk={() => form.submit()}
      onCancel={onCancel}
      // a click beside the dialog does not throw away what was typed: 取消, ✕ and Esc close it
      mask={{ closable: false }}
      // a fresh form on every open: no values left from the last time
      destroyOnHidden
    >
      {intro}
      <Form<V>
        form={form}
        name={name}
        layout="vertical"
        initialValues={initialValues}
        preserve={false}
        onFinish={(values) => void submit('ok', onSubmit, values)}
        onValuesChange={onValuesChange}
        style={intro ? undefined : { marginTop: 16 }}
      >
        {children}
      </Form>
      {after}
    </Modal>
  );
}
