import './texts.ts';
import { type WorkReport, type WorkReportPeriod, workReportLimits } from '@guanxi/contract';
import { Alert, App, Form, Input, Typography } from 'antd';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { FormDrawer } from '../../components/form-drawer.tsx';
import { useMe } from '../../lib/access.ts';
import { isApiError } from '../../lib/api.ts';
import { useCreateWorkReport, usePrefill, useUpdateWorkReport } from './api.ts';
import { currentStart, FigureCards, PeriodSelect, PeriodStartPicker, usePeriodLabel } from './periods.tsx';

type Values = { period: WorkReportPeriod; start: string; summary: string; plan: string };

/** What the drawer writes: a new report (of a kind), or my draft. */
export type ReportTarget = { new: WorkReportPeriod } | WorkReport;

type Props = {
  target: ReportTarget | null;
  onClose: () => void;
  /** After a save: the report (to open or show it). */
  onSaved: (r: WorkReport, submitted: boolean) => void;
};

/**
 * 写汇报 / 编辑草稿: the kind and period (a new report), the period's figures from the records as
 * statistic cards, summary and plan; 保存草稿 keeps it to me, 提交 makes it final with the figures.
 */
export function ReportDrawer({ target, onClose, onSaved }: Props) {
  const { t } = useTranslation('workReports');
  const timeZone = useMe().tenant.timezone;
  const { message } = App.useApp();
  const label = usePeriodLabel();
  const [form] = Form.useForm<Values>();
  const create = useCreateWorkReport();
  const update = useUpdateWorkReport();
  const draft = target && !('new' in target) ? target : null;
  const period = Form.useWatch('period', form) ?? (draft?.period || 'day');
  const start = Form.useWatch('start', form) ?? draft?.start ?? null;
  const prefill = usePrefill(period, start, !!target);

  useEffect(() => {
    if (!target) return;
    form.resetFields();
    if ('new' in target)
      form.setFieldsValue({
        period: target.new,
        start: currentStart(target.new, timeZone),
        summary: '',
        plan: '',
      });
    else
      form.setFieldsValue({
        period: target.period,
        start: target.start,
        summary: target.summary,
        plan: target.plan,
      });
  }, [target, form, timeZone]);

  const save = (submit: boolean) => async (v: Values) => {
    const r = draft
      ? await update.mutateAsync({
          id: draft.id,
          version: draft.version,
          summary: v.summary,
          plan: v.plan,
          submit,
        })
      : await create
          .mutateAsync({
            period: v.period,
            start: v.start,
            summary: v.summary,
            plan: v.plan,
            submit,
          })
          .catch((e) => {
            // a period already reported: said on 汇报周期 too (the message comes on top)
            if (isApiError(e, 'WORK_REPORT_EXISTS'))
              form.setFields([{ name: 'start', errors: [t('form.exists')] }]);
            throw e;
          });
    message.success(t(submit ? 'form.submitted' : 'form.draftSaved'));
    onSaved(r, submit);
  };

  return (
    <FormDrawer<Values>
      open={!!target}
      title={draft ? `${t('form.editTitle')} · ${label(draft)}` : t('form.newTitle')}
      width={640}
      onClose={onClose}
      name="work-report"
      form={form}
      onSubmit={async (v) => {
        if (!v.summary?.trim()) {
          form.setFields([{ name: 'summary', errors: [t('form.summaryRequired')] }]);
          return;
        }
        await save(true)(v);
      }}
      submitText={t('form.submit')}
      otherSubmits={[{ key: 'draft', label: t('form.saveDraft'), onSubmit: save(false) }]}
    >
      {draft ? null : (
        <>
          <Form.Item name="period" label={t('fields.period')} rules={[{ required: true }]}>
            <PeriodSelect
              onChange={(p) => form.setFieldsValue({ period: p, start: currentStart(p, timeZone) })}
            />
          </Form.Item>
          <Form.Item name="start" label={t('fields.start')} rules={[{ required: true }]}>
            <PeriodStartPicker period={period} />
          </Form.Item>
        </>
      )}
      <Form.Item label={t('fields.figures')} extra={t('form.figuresHint')}>
        <FigureCards figures={prefill.data} loading={prefill.isPending} />
        {prefill.isError ? <Alert type="error" showIcon title={prefill.error.message} /> : null}
      </Form.Item>
      <Form.Item name="summary" label={t('fields.summary')}>
        <Input.TextArea
          placeholder={t('form.summaryPlaceholder')}
          // 提交's "summary required" is set by hand (a draft may be empty): typing clears it
          onChange={() => form.setFields([{ name: 'summary', errors: [] }])}
          autoSize={{ minRows: 4, maxRows: 12 }}
          maxLength={workReportLimits.summary}
          showCount
        />
      </Form.Item>
      <Form.Item name="plan" label={t('fields.plan')}>
        <Input.TextArea
          placeholder={t('form.planPlaceholder')}
          autoSize={{ minRows: 3, maxRows: 10 }}
          maxLength={workReportLimits.plan}
          showCount
        />
      </Form.Item>
      {draft ? <Typography.Text type="secondary">{label(draft)}</Typography.Text> : null}
    </FormDrawer>
  );
}
