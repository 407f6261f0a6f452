import { ArrowDownOutlined, ArrowUpOutlined, DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import {
  DASHBOARD_CARDS_MAX,
  DASHBOARD_MAP_REPORT,
  type DashboardCard,
  dashboardCharts,
  type ReportCatalogEntry,
  reportRanges,
} from '@guanxi/contract';
import { Button, Card, Flex, Form, Input, List, Select, Switch, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useReportCatalog } from '../reports/report-kit-api.ts';
import { useCardName } from './card-name.ts';
import './texts.ts';
import '../reports/texts.ts';

type Props = { cards: DashboardCard[]; onChange: (cards: DashboardCard[]) => void };

/** The cards of a dashboard in order: move, show or hide, full width, remove; and a form to add one. */
export function DashboardEditor({ cards, onChange }: Props) {
  const { t } = useTranslation('dashboards');
  const catalog = useReportCatalog();
  const entries = catalog.data?.data ?? [];
  const nameOf = useCardName();
  const set = (i: number, change: Partial<DashboardCard>) =>
    onChange(cards.map((c, j) => (j === i ? { ...c, ...change } : c)));
  const move = (i: number, by: -1 | 1) => {
    const next = [...cards];
    [next[i], next[i + by]] = [next[i + by]!, next[i]!];
    onChange(next);
  };
  return (
    <Flex vertical gap={16}>
      <List
        size="small"
        bordered
        dataSource={cards}
        locale={{ emptyText: t('empty') }}
        renderItem={(c, i) => {
          const name = nameOf(c);
          return (
            <List.Item
              key={c.id}
              aria-label={name}
              style={{ flexWrap: 'wrap', gap: 8, opacity: c.hidden ? 0.55 : 1 }}
              actions={[
                <Button
                  key="up"
                  size="small"
                  icon={<ArrowUpOutlined />}
                  aria-label={`${t('editor.up')}：${name}`}
                  disabled={i === 0}
                  onClick={() => move(i, -1)}
                />,
                <Button
                  key="down"
                  size="small"
                  icon={<ArrowDownOutlined />}
                  aria-label={`${t('editor.down')}：${name}`}
                  disabled={i === cards.length - 1}
                  onClick={() => move(i, 1)}
                />,
                <Button
                  key="remove"
                  size="small"
                  danger
                  icon={<DeleteOutlined />}
                  aria-label={`${t('editor.remove')}：${name}`}
                  onClick={() => onChange(cards.filter((_, j) => j !== i))}
                />,
              ]}
            >
              <Flex vertical gap={4} style={{ minWidth: 0 }}>
                <Typography.Text strong ellipsis>
                  {name}
                </Typography.Text>
                <Flex gap={12} wrap align="center">
                  <Tag>{t(`charts.${c.chart}`)}</Tag>
                  <Flex gap={4} align="center">
                    <Switch
                      size="small"
                      checked={!c.hidden}
                      aria-label={`${t('editor.shown')}：${name}`}
                      onChange={(on) => set(i, { hidden: !on })}
                    />
                    <Typography.Text type="secondary">{t('editor.shown')}</Typography.Text>
                  </Flex>
                  <Flex gap={4} align="center">
                    <Switch
                      size="small"
                      checked={c.wide}
                      aria-label={`${t('editor.wide')}：${name}`}
                      onChange={(on) => set(i, { wide: on })}
                    />
                    <Typography.Text type="secondary">{t('editor.wide')}</Typography.Text>
                  </Flex>
                </Flex>
              </Flex>
            </List.Item>
          );
        }}
      />
      {cards.length < DASHBOARD_CARDS_MAX && (
        <AddCard entries={entries} onAdd={(c) => onChange([...cards, c])} />
      )}
    </Flex>
  );
}

type AddValues = {
  reportCode: string;
  chart: DashboardCard['chart'];
  range?: string;
  groupBy?: string;
  measure?: string;
  title?: string;
};

/** A new card: a report of the catalogue with its period, grouping, measure and how it is drawn. */
function AddCard({ entries, onAdd }: { entries: ReportCatalogEntry[]; onAdd: (c: DashboardCard) => void }) {
  const { t } = useTranslation('dashboards');
  const { t: tr } = useTranslation('reports');
  const [form] = Form.useForm<AddValues>();
  const [code, setCode] = useState<string>();
  const entry = entries.find((e) => e.code === code);
  const chart = Form.useWatch('chart', form);
  return (
    <Card size="small" title={t('editor.add')}>
      <Form<AddValues>
        form={form}
        layout="vertical"
        initialValues={{ chart: 'bar' }}
        onValuesChange={(changed) => {
          if ('reportCode' in changed) {
            const next = entries.find((e) => e.code === changed.reportCode);
            setCode(changed.reportCode);
            form.setFieldsValue({
              chart: next?.chart ?? 'bar',
              range: next?.timed ? next.defaultRange : undefined,
              groupBy: next?.defaultGroupBy,
              measure: undefined,
            });
          }
          // a map is of today (its points are today's check-ins)
          if (changed.chart === 'map') form.setFieldValue('range', 'today');
        }}
        onFinish={(v) => {
          const params: Record<string, string> = {};
          if (v.range) params.range = v.range;
          if (v.groupBy && v.groupBy !== entry?.defaultGroupBy) params.groupBy = v.groupBy;
          onAdd({
            id: `${v.reportCode}-${Date.now().toString(36)}`,
            reportCode: v.reportCode as DashboardCard['reportCode'],
            params,
            chart: v.chart,
            measure: v.measure || null,
            title: v.title?.trim() || null,
            hidden: false,
            wide: false,
          });
          form.resetFields();
          setCode(undefined);
        }}
      >
        <Form.Item name="reportCode" label={t('editor.report')} rules={[{ required: true }]}>
          <Select
            showSearch
            optionFilterProp="label"
            options={entries.map((e) => ({ value: e.code, label: e.name }))}
          />
        </Form.Item>
        <Flex gap={12} wrap>
          <Form.Item name="chart" label={t('editor.chart')} style={{ minWidth: 120, flex: 1 }}>
            <Select
              options={dashboardCharts
                .filter((c) => c !== 'map' || code === DASHBOARD_MAP_REPORT)
                .map((c) => ({ value: c, label: t(`charts.${c}`) }))}
            />
          </Form.Item>
          {entry?.timed && (
            <Form.Item name="range" label={t('editor.range')} style={{ minWidth: 120, flex: 1 }}>
              <Select
                disabled={chart === 'map'}
                options={reportRanges
                  .filter((r) => r !== 'custom')
                  .map((r) => ({ value: r, label: tr(`kit.ranges.${r}`) }))}
              />
            </Form.Item>
          )}
          {entry && (
            <Form.Item name="groupBy" label={t('editor.groupBy')} style={{ minWidth: 120, flex: 1 }}>
              <Select options={entry.dimensions.map((d) => ({ value: d.key, label: d.name }))} />
            </Form.Item>
          )}
          {entry && (
            <Form.Item name="measure" label={t('editor.measure')} style={{ minWidth: 120, flex: 1 }}>
              <Select
                allowClear
                placeholder={t('editor.defaultMeasure')}
                options={entry.measures.map((m) => ({ value: m.key, label: m.name }))}
              />
            </Form.Item>
          )}
        </Flex>
        <Form.Item name="title" label={t('editor.cardTitle')}>
          <Input maxLength={40} placeholder={t('editor.cardTitlePlaceholder')} />
        </Form.Item>
        <Button htmlType="submit" icon={<PlusOutlined />}>
          {t('editor.add')}
        </Button>
      </Form>
    </Card>
  );
}
