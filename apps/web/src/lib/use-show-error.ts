import { App, type FormInstance } from 'antd';
import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from './api.ts';
import { passwordPolicyDetail } from './password-policy-detail.ts';

/** `body.username` → `username`: validation details name the request part first. */
export function fieldPath(path: string): string {
  return path.replace(/^(body|query|params)\./, '');
}

/**
 * Shows a failed call: the server's (localised) message in an antd message, and each of its
 * `details[]` on the form field of the same path, when the form has such a field.
 */
export function useShowError() {
  const { message } = App.useApp();
  const { t } = useTranslation();
  return useCallback(
    (error: unknown, form?: FormInstance) => {
      if (!(error instanceof ApiError)) {
        message.error(t('errors.unexpected'));
        return;
      }
      message.error(error.message);
      if (!form || error.details.length === 0) return;
      const known = new Set(form.getFieldsError().map((f) => f.name.join('.')));
      const onFields = error.details
        .map((d) => ({
          path: fieldPath(d.path),
          // the password policy's detail names what is missing: said in words on the field
          message: (error.code === 'PASSWORD_POLICY' && passwordPolicyDetail(t, d.message)) || d.message,
        }))
        .filter((d) => known.has(d.path));
      if (onFields.length > 0) {
        form.setFields(onFields.map((d) => ({ name: d.path.split('.'), errors: [d.message] })));
      }
    },
    [message, t],
  );
}
