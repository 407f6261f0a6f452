import '../pools/texts.ts';
import './texts.ts';
import {
  CheckCircleOutlined,
  ClockCircleOutlined,
  DeleteOutlined,
  EditOutlined,
  ExportOutlined,
  MergeCellsOutlined,
  MoreOutlined,
  ShareAltOutlined,
  StopOutlined,
  SwapOutlined,
  UndoOutlined,
  UserAddOutlined,
  UserSwitchOutlined,
} from '@ant-design/icons';
import type { Customer, DuplicateMatch } from '@guanxi/contract';
import { App, Button, Dropdown, Flex } from 'antd';
import { type ReactNode, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { useCan } from '../../lib/access.ts';
import { useIsPhone } from '../../lib/use-is-phone.ts';
import { useShowError } from '../../lib/use-show-error.ts';
import { AssignDialog } from '../pools/assign-dialog.tsx';
import { useClaim } from '../pools/use-claim.ts';
import { DelayDialog } from './actions/delay-dialog.tsx';
import { InvalidateDialog } from './actions/invalidate-dialog.tsx';
import { MergeDialog } from './actions/merge-dialog.tsx';
import { ReleaseDialog } from './actions/release-dialog.tsx';
import { ShareDialog } from './actions/share-dialog.tsx';
import { TransferDialog } from './actions/transfer-dialog.tsx';
import {
  duplicateMatchesOf,
  useDeleteCustomer,
  useRestoreCustomer,
  useSetCustomerInvalid,
  useSubmitCustomer,
} from './api.ts';
import { isChangeable } from './changeable.ts';
import { CustomerDrawer } from './customer-drawer.tsx';
import { DuplicateModal } from './duplicate-modal.tsx';

type Dialog = 'edit' | 'transfer' | 'share' | 'delay' | 'release' | 'merge' | 'assign' | 'invalidate';
type Action = {
  key: string;
  label: string;
  icon: ReactNode;
  primary?: boolean;
  danger?: boolean;
  loading?: boolean;
  onClick: () => void;
};

/** What the user may do with this customer now, by its state, `canEdit` and the user's permissions. */
export function CustomerActions({ customer: c }: { customer: Customer }) {
  const { t } = useTranslation('customers');
  const { t: tc } = useTranslation();
  const { t: tp } = useTranslation('pools');
  const { message, modal } = App.useApp();
  const navigate = useNavigate();
  const isPhone = useIsPhone();
  const can = useCan();
  const showError = useShowError();
  const [dialog, setDialog] = useState<Dialog | null>(null);
  const [duplicates, setDuplicates] = useState<DuplicateMatch[] | null>(null);
  const submit = useSubmitCustomer();
  const remove = useDeleteCustomer();
  const invalidate = useSetCustomerInvalid();
  const restore = useRestoreCustomer();
  const { claim, claiming } = useClaim();

  const doSubmit = (force = false) =>
    submit.mutate(
      { id: c.id, version: c.version, force },
      {
        onSuccess: (after) => {
          setDuplicates(null);
          message.success(t('actions.submitted', { number: after.number ?? '' }));
        },
        onError: (e) => {
          const matches = duplicateMatchesOf(e);
          if (matches.length) setDuplicates(matches);
          else showError(e);
        },
      },
    );

  const confirmDelete = () =>
    modal.confirm({
      title: t('actions.deleteTitle'),
      content: t('actions.deleteConfirm', { name: c.name }),
      okText: tc('actions.delete'),
      cancelText: tc('actions.cancel'),
      okButtonProps: { danger: true },
      onOk: () =>
        remove.mutateAsync({ id: c.id, version: c.version }).then(
          () => {
            message.success(t('actions.deleted'));
            void navigate('/customers', { replace: true });
          },
          (e) => showError(e),
        ),
    });

  // an invalidated customer keeps only 恢复 and 删除
  const writable = isChangeable(c);
  const active = c.state === 'active';
  const actions: Action[] = [];
  const add = (when: boolean, action: Action) => {
    if (when) actions.push(action);
  };
  const open = (d: Dialog) => () => setDialog(d);

  add(c.state === 'draft' && writable && can('customers:create'), {
    key: 'submit',
    label: t('actions.submit'),
    icon: <CheckCircleOutlined aria-hidden />,
    primary: true,
    loading: submit.isPending,
    onClick: () => doSubmit(),
  });
  add(c.state === 'pool' && can('pools:claim'), {
    key: 'claim',
    label: tp('actions.claim'),
    icon: <UserAddOutlined aria-hidden />,
    primary: true,
    loading: claiming === c.id,
    onClick: () => claim(c),
  });
  add(c.state === 'pool' && can('customers:assign'), {
    key: 'assign',
    label: tp('actions.assign'),
    icon: <UserSwitchOutlined aria-hidden />,
    onClick: open('assign'),
  });
  add(c.state !== 'pool' && writable && can('customers:edit'), {
    key: 'edit',
    label: tc('actions.edit'),
    icon: <EditOutlined aria-hidden />,
    primary: c.state === 'active',
    onClick: open('edit'),
  });
  add(active && writable && can('customers:transfer'), {
    key: 'transfer',
    label: t('actions.transfer'),
    icon: <SwapOutlined aria-hidden />,
    onClick: open('transfer'),
  });
  add(active && writable && can('customers:edit'), {
    key: 'share',
    label: t('actions.share'),
    icon: <ShareAltOutlined aria-hidden />,
    onClick: open('share'),
  });
  add(active && writable && can('customers:edit'), {
    key: 'delay',
    label: t('actions.delay'),
    icon: <ClockCircleOutlined aria-hidden />,
    onClick: open('delay'),
  });
  add(active && writable && can('pools:release'), {
    key: 'release',
    label: t('actions.release'),
    icon: <ExportOutlined aria-hidden />,
    onClick: open('release'),
  });
  add(active && writable && can('customers:merge'), {
    key: 'merge',
    label: t('actions.merge'),
    icon: <MergeCellsOutlined aria-hidden />,
    onClick: open('merge'),
  });
  add(active && writable && can('customers:edit'), {
    key: 'invalidate',
    label: t('actions.invalidate'),
    icon: <StopOutlined aria-hidden />,
    onClick: open('invalidate'),
  });
  add(!c.valid && c.canEdit && can('customers:edit'), {
    key: 'restore',
    label: t('actions.restore'),
    icon: <UndoOutlined aria-hidden />,
    primary: true,
    loading: restore.isPending,
    onClick: () =>
      restore.mutate(
        { id: c.id },
        { onSuccess: () => message.success(t('actions.restored')), onError: (e) => showError(e) },
      ),
  });
  add(c.state !== 'pool' && c.canEdit && can('customers:delete'), {
    key: 'delete',
    label: tc('actions.delete'),
    icon: <DeleteOutlined aria-hidden />,
    danger: true,
    onClick: confirmDelete,
  });

  // on a phone the first two stay buttons, the rest go into 更多
  const shown = isPhone ? actions.slice(0, 2) : actions;
  const more = isPhone ? actions.slice(2) : [];
  const close = () => setDialog(null);

  return (
    <>
      <Flex gap={8} wrap className="customer-actions">
        {shown.map((a) => (
          <Button
            key={a.key}
            icon={a.icon}
            type={a.primary ? 'primary' : 'default'}
            danger={a.danger}
            loading={a.loading}
            onClick={a.onClick}
          >
            {a.label}
          </Button>
        ))}
        {more.length ? (
          <Dropdown
            trigger={['click']}
            menu={{
              items: more.map((a) => ({ key: a.key, label: a.label, icon: a.icon, danger: a.danger })),
              onClick: ({ key }) => more.find((a) => a.key === key)?.onClick(),
            }}
          >
            <Button icon={<MoreOutlined aria-hidden />}>{t('actions.more')}</Button>
          </Dropdown>
        ) : null}
      </Flex>
      <CustomerDrawer target={dialog === 'edit' ? c.id : null} onClose={close} />
      <TransferDialog customer={c} open={dialog === 'transfer'} onClose={close} />
      <ShareDialog customer={c} open={dialog === 'share'} onClose={close} />
      <DelayDialog customer={c} open={dialog === 'delay'} onClose={close} />
      <ReleaseDialog customer={c} open={dialog === 'release'} onClose={close} />
      <MergeDialog customer={c} open={dialog === 'merge'} onClose={close} />
      <AssignDialog customer={dialog === 'assign' ? c : null} onClose={close} />
      <InvalidateDialog
        open={dialog === 'invalidate'}
        count={1}
        onCancel={close}
        onSubmit={async (reason) => {
          await invalidate.mutateAsync({ id: c.id, reason });
          message.success(t('actions.invalidated'));
          close();
        }}
      />
      <DuplicateModal
        matches={duplicates}
        saving={submit.isPending}
        onClose={() => setDuplicates(null)}
        onForce={() => doSubmit(true)}
        onOpen={() => setDuplicates(null)}
      />
    </>
  );
}
