import {
  type FieldAccess,
  USERNAME_PATTERN,
  type User,
  type UserStatus,
  userLimits,
  userStatuses,
} from '@guanxi/contract';
import { Col, Form, Input, Row, Select } from 'antd';
import { useTranslation } from 'react-i18next';
import { useFormRules } from '../../components/form-rules.ts';
import { useMe } from '../../lib/access.ts';
import { testUserPattern } from '../../lib/user-pattern.ts';
import { usePasswordField } from '../auth/password-rules.ts';
import { DepartmentTreeSelect } from '../departments/department-tree-select.tsx';
import { RoleSelect } from '../roles/role-select.tsx';
import { UserSelect } from './user-select.tsx';

export type UserFormValues = {
  username: string;
  name: string;
  password?: string;
  departmentId: string;
  roleIds: string[];
  supervisorId?: string | null;
  phone?: string | null;
  email?: string | null;
  employeeCode?: string | null;
  jobTitle?: string | null;
  status?: UserStatus;
};

/** Field-level access of the signed-in user to a restrictable user field. */
export function useUserFieldAccess(): (field: string) => FieldAccess {
  const me = useMe();
  return (field) => (me.fieldPermissions.users?.[field] as FieldAccess | undefined) ?? 'edit';
}

type Props = { user?: User };

/**
 * The user's fields; on edit, a field absent from the server's answer (hidden by field permissions)
 * is not shown, and a read-only or masked field cannot be changed.
 */
export function UserFormFields({ user }: Props) {
  const { t } = useTranslation('users');
  const rules = useFormRules();
  const form = Form.useFormInstance();
  const password = usePasswordField(() => form.getFieldValue('username'));
  const access = useUserFieldAccess();
  const me = useMe();
  const isEdit = !!user;
  const pattern = me.tenant.employeeCodePattern;

  const restricted = (field: 'phone' | 'email' | 'employeeCode') => {
    const level = access(field);
    if (level === 'hidden') return { show: false, disabled: true };
    if (isEdit && !(field in user)) return { show: false, disabled: true };
    return { show: !(level !== 'edit' && !isEdit), disabled: level !== 'edit' };
  };
  const phone = restricted('phone');
  const email = restricted('email');
  const code = restricted('employeeCode');
  const half = { xs: 24, sm: 12 };

  return (
    <Row gutter={16}>
      <Col {...half}>
        <Form.Item
          name="username"
          label={t('fields.username')}
          extra={isEdit ? undefined : t('form.usernameHelp')}
          rules={
            isEdit ? [] : [rules.required(), { pattern: USERNAME_PATTERN, message: t('form.usernameFormat') }]
          }
        >
          <Input disabled={isEdit} autoComplete="off" />
        </Form.Item>
      </Col>
      <Col {...half}>
        <Form.Item
          name="name"
          label={t('fields.name')}
          rules={[rules.required(), rules.maxLength(userLimits.name)]}
        >
          <Input maxLength={userLimits.name} />
        </Form.Item>
      </Col>
      {isEdit ? null : (
        <Col span={24}>
          <Form.Item
            name="password"
            label={t('fields.password')}
            extra={password.help}
            dependencies={['username']}
            rules={password.rules}
          >
            <Input.Password autoComplete="new-password" />
          </Form.Item>
        </Col>
      )}
      <Col {...half}>
        <Form.Item name="departmentId" label={t('fields.department')} rules={[rules.required()]}>
          <DepartmentTreeSelect fallbackLabel={user?.departmentName} />
        </Form.Item>
      </Col>
      <Col {...half}>
        <Form.Item name="supervisorId" label={t('fields.supervisor')}>
          <UserSelect currentLabel={user?.supervisorName} excludeIds={user ? [user.id] : undefined} />
        </Form.Item>
      </Col>
      <Col span={24}>
        <Form.Item name="roleIds" label={t('fields.roles')}>
          <RoleSelect mode="multiple" fallbackLabels={user?.roleNames} />
        </Form.Item>
      </Col>
      <Col {...half}>
        <Form.Item
          name="jobTitle"
          label={t('fields.jobTitle')}
          rules={[rules.maxLength(userLimits.jobTitle)]}
        >
          <Input maxLength={userLimits.jobTitle} />
        </Form.Item>
      </Col>
      {code.show ? (
        <Col {...half}>
          <Form.Item
            name="employeeCode"
            label={t('fields.employeeCode')}
            extra={pattern ? t('form.employeeCodeHelp', { pattern }) : undefined}
            rules={[
              rules.maxLength(userLimits.employeeCode),
              {
                // RE2, never RegExp; a pattern RE2 cannot run is left to the server
                validator: async (_r, value: string | undefined | null) => {
                  if (code.disabled || !value || !pattern) return;
                  if ((await testUserPattern(pattern, value)) === false)
                    throw new Error(t('form.employeeCodeInvalid'));
                },
              },
            ]}
          >
            <Input maxLength={userLimits.employeeCode} disabled={code.disabled} />
          </Form.Item>
        </Col>
      ) : null}
      {phone.show ? (
        <Col {...half}>
          <Form.Item name="phone" label={t('fields.phone')} rules={phone.disabled ? [] : [rules.phone]}>
            <Input inputMode="tel" disabled={phone.disabled} />
          </Form.Item>
        </Col>
      ) : null}
      {email.show ? (
        <Col {...half}>
          <Form.Item name="email" label={t('fields.email')} rules={email.disabled ? [] : [rules.email]}>
            <Input inputMode="email" disabled={email.disabled} />
          </Form.Item>
        </Col>
      ) : null}
      {isEdit ? (
        <Col {...half}>
          <Form.Item name="status" label={t('fields.status')}>
            <Select options={userStatuses.map((s) => ({ value: s, label: t(`status.${s}`) }))} />
          </Form.Item>
        </Col>
      ) : null}
    </Row>
  );
}
