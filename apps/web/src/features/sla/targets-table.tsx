import './texts.ts';
import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { slaLimits, type TicketPriority, ticketPriorities } from '@guanxi/contract';
import {
  Button,
  Card,
  Flex,
  Form,
  type FormInstance,
  type FormListFieldData,
  InputNumber,
  Select,
  Space,
  Table,
  type TableColumnType,
  Tag,
  Typography,
} from 'antd';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useIsPhone } from '../../lib/use-is-phone.ts';
import { DictionarySelect } from '../dictionaries/dictionary-select.tsx';

import { formatIn, PRIORITY_COLOR, type TargetRow, type Values } from './sla-form-values.ts';

/** Minutes as two fields, hours and minutes (a target of 4 h 30 min is 270). */
export function DurationInput({
  value,
  onChange,
  what,
  id,
}: {
  value?: number | null;
  onChange?: (v: number | null) => void;
  what: string;
  id?: string;
}) {
  const { t } = useTranslation('sla');
  const hours = value == null ? null : Math.floor(value / 60);
  const minutes = value == null ? null : value % 60;
  const set = (h: number | null, m: number | null) =>
    onChange?.(h == null && m == null ? null : (h ?? 0) * 60 + (m ?? 0));
  return (
    <Space.Compact style={{ width: 190 }}>
      <InputNumber
        id={id}
        aria-label={t('duration.hoursOf', { what })}
        min={0}
        max={Math.floor(slaLimits.minutes / 60)}
        precision={0}
        value={hours}
        onChange={(h) => set(h, minutes)}
        suffix={t('duration.hours')}
        style={{ width: '55%' }}
      />
      <InputNumber
        aria-label={t('duration.minutesOf', { what })}
        min={0}
        max={59}
        precision={0}
        value={minutes}
        onChange={(m) => set(hours, m)}
        suffix={t('duration.minutes')}
        style={{ width: '45%' }}
      />
    </Space.Compact>
  );
}

/** The editable targets table, one row per (priority, type); each with when a ticket created now is due. */
export function TargetsTable({
  form,
  preview,
  timeZone,
}: {
  timeZone: string;
  form: FormInstance<Values>;
  preview: ({ responseDueAt: string; resolutionDueAt: string } | null)[];
}) {
  const { t } = useTranslation('sla');
  const phone = useIsPhone();
  const minutesRules = (what: 'response' | 'resolution', name: number) => [
    { required: true, message: t('targets.tooShort') },
    {
      validator: async (_: unknown, v: number | null) => {
        if (v == null || v < 1) throw new Error(t('targets.tooShort'));
        if (v > slaLimits.minutes)
          throw new Error(t('targets.tooLong', { hours: Math.floor(slaLimits.minutes / 60) }));
        if (what === 'resolution') {
          const response = form.getFieldValue(['targets', name, 'responseMinutes']) as number | null;
          if (response != null && v < response) throw new Error(t('targets.resolutionBeforeResponse'));
        }
      },
    },
  ];
  return (
    <Form.List name="targets">
      {(fields, { add, remove }) => {
        const columns: TableColumnType<FormListFieldData>[] = [
          {
            title: t('targets.priority'),
            key: 'priority',
            width: 110,
            render: (_, f) => {
              const row = form.getFieldValue(['targets', f.name]) as TargetRow;
              return row.fixed ? (
                <Tag color={PRIORITY_COLOR[row.priority]}>{t(`priorities.${row.priority}`)}</Tag>
              ) : (
                <Form.Item name={[f.name, 'priority']} noStyle>
                  <Select
                    aria-label={t('targets.priority')}
                    style={{ width: 96 }}
                    options={ticketPriorities.map((p) => ({ value: p, label: t(`priorities.${p}`) }))}
                  />
                </Form.Item>
              );
            },
          },
          {
            title: t('targets.type'),
            key: 'type',
            width: 200,
            render: (_, f) =>
              (form.getFieldValue(['targets', f.name, 'fixed']) as boolean) ? (
                <Typography.Text type="secondary">{t('targets.allTypes')}</Typography.Text>
              ) : (
                <Form.Item
                  name={[f.name, 'typeId']}
                  rules={[{ required: true, message: t('targets.typeRequired') }]}
                  style={{ margin: 0 }}
                >
                  <DictionarySelect
                    type="service-type"
                    aria-label={t('targets.type')}
                    style={{ width: 180 }}
                  />
                </Form.Item>
              ),
          },
          {
            title: t('targets.response'),
            key: 'response',
            width: 210,
            render: (_, f) => (
              <Form.Item
                name={[f.name, 'responseMinutes']}
                rules={minutesRules('response', f.name)}
                style={{ margin: 0 }}
              >
                <DurationInput
                  what={`${rowLabel(form, f.name, (p) => t(`priorities.${p}`))} ${t('targets.response')}`}
                />
              </Form.Item>
            ),
          },
          {
            title: t('targets.resolution'),
            key: 'resolution',
            width: 210,
            render: (_, f) => (
              <Form.Item
                name={[f.name, 'resolutionMinutes']}
                rules={minutesRules('resolution', f.name)}
                dependencies={[['targets', f.name, 'responseMinutes']]}
                style={{ margin: 0 }}
              >
                <DurationInput
                  what={`${rowLabel(form, f.name, (p) => t(`priorities.${p}`))} ${t('targets.resolution')}`}
                />
              </Form.Item>
            ),
          },
          {
            title: t('targets.dueNow'),
            key: 'due',
            render: (_, f) => {
              const due = preview[f.name];
              return due ? (
                <Flex
                  vertical
                  role="group"
                  aria-label={`${rowLabel(form, f.name, (p) => t(`priorities.${p}`))} ${t('targets.dueNow')}`}
                >
                  <Typography.Text>
                    {t('targets.dueResponse', { at: formatIn(timeZone, due.responseDueAt) })}
                  </Typography.Text>
                  <Typography.Text type="secondary">
                    {t('targets.dueResolution', { at: formatIn(timeZone, due.resolutionDueAt) })}
                  </Typography.Text>
                </Flex>
              ) : (
                <Typography.Text type="secondary">—</Typography.Text>
              );
            },
          },
          {
            key: 'actions',
            width: 48,
            render: (_, f) =>
              (form.getFieldValue(['targets', f.name, 'fixed']) as boolean) ? null : (
                <Button
                  type="text"
                  danger
                  icon={<DeleteOutlined aria-hidden />}
                  aria-label={t('targets.remove')}
                  onClick={() => remove(f.name)}
                />
              ),
          },
        ];
        // on a phone each row is a card of the same cells, one under the other
        const cell = (key: string, f: FormListFieldData, i: number) =>
          columns.find((c) => c.key === key)?.render?.(undefined, f, i) as ReactNode;
        return (
          <>
            {phone ? (
              <Flex vertical gap={8}>
                {fields.map((f, i) => (
                  <Card key={f.key} size="small">
                    <Flex justify="space-between" align="center" gap={8}>
                      <Flex gap={8} align="center" wrap>
                        {cell('priority', f, i)}
                        {cell('type', f, i)}
                      </Flex>
                      {cell('actions', f, i)}
                    </Flex>
                    <Flex vertical gap={4} style={{ marginTop: 8 }}>
                      <Typography.Text type="secondary">{t('targets.response')}</Typography.Text>
                      {cell('response', f, i)}
                      <Typography.Text type="secondary">{t('targets.resolution')}</Typography.Text>
                      {cell('resolution', f, i)}
                      {cell('due', f, i)}
                    </Flex>
                  </Card>
                ))}
              </Flex>
            ) : (
              <Table
                size="small"
                rowKey="key"
                pagination={false}
                scroll={{ x: 900 }}
                dataSource={fields}
                columns={columns}
              />
            )}
            <Button
              type="dashed"
              icon={<PlusOutlined aria-hidden />}
              style={{ marginTop: 8 }}
              disabled={fields.length >= slaLimits.targets}
              onClick={() =>
                add({
                  priority: 'normal',
                  fixed: false,
                  typeId: null,
                  responseMinutes: null,
                  resolutionMinutes: null,
                })
              }
            >
              {t('targets.addType')}
            </Button>
          </>
        );
      }}
    </Form.List>
  );
}

/** "紧急" or "紧急 · 投诉": names a row's duration fields for screen readers. */
export function rowLabel(form: FormInstance<Values>, name: number, priority: (p: TicketPriority) => string) {
  const row = form.getFieldValue(['targets', name]) as TargetRow | undefined;
  return row ? priority(row.priority) + (row.fixed ? '' : ` ${name + 1}`) : '';
}
