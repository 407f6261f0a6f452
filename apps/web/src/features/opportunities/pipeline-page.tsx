import './texts.ts';
import { PlusOutlined, SettingOutlined, UnorderedListOutlined } from '@ant-design/icons';
import { Button, Col, Flex, Row, Segmented, Tabs, Typography } from 'antd';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { PageHeader } from '../../components/page-header.tsx';
import { useCan } from '../../lib/access.ts';
import { useOpenRecord } from '../../lib/use-open-record.ts';
import { useUpdateParams } from '../../lib/use-update-params.ts';
import { PipelineBoard } from './pipeline-board.tsx';
import { ForecastCard, FunnelCard } from './pipeline-charts.tsx';
import { StagesDialog } from './stages-dialog.tsx';
import { useOpportunityDialogs } from './use-opportunity-dialogs.tsx';

type Scope = 'team' | 'mine';

/** 销售看板: the board by stage (drag to move), the funnel and the forecast, for my scope or mine only. */
export function PipelinePage() {
  const { t } = useTranslation('opportunities');
  const can = useCan();
  const [params] = useSearchParams();
  const updateParams = useUpdateParams();
  const scope = (params.get('scope') as Scope | null) ?? 'team';
  const tab = params.get('tab') ?? 'board';
  const set = (key: string, value: string) => updateParams((p) => p.set(key, value), { replace: true });
  const [openId, openRecord] = useOpenRecord();
  const [stagesOpen, setStagesOpen] = useState(false);
  const { startNew, dialogs } = useOpportunityDialogs({ openId, setOpenId: openRecord });
  const query = useMemo(() => (scope === 'mine' ? { mine: 'true' } : {}), [scope]);

  return (
    <>
      <PageHeader
        title={t('pipeline.title')}
        extra={
          <Flex gap={8} wrap>
            <Link to="/opportunities">
              <Button icon={<UnorderedListOutlined aria-hidden />}>{t('actions.list')}</Button>
            </Link>
            {can('opportunities:assign') ? (
              <Button icon={<SettingOutlined aria-hidden />} onClick={() => setStagesOpen(true)}>
                {t('actions.stages')}
              </Button>
            ) : null}
            {can('opportunities:create') ? (
              <Button type="primary" icon={<PlusOutlined aria-hidden />} onClick={() => startNew()}>
                {t('new')}
              </Button>
            ) : null}
          </Flex>
        }
      />
      <Flex vertical gap={12}>
        <Flex gap={8} align="center" wrap>
          <Typography.Text type="secondary">{t('pipeline.scope')}</Typography.Text>
          <Segmented
            value={scope}
            onChange={(v) => set('scope', v as Scope)}
            options={(['team', 'mine'] as const).map((v) => ({ value: v, label: t(`pipeline.${v}`) }))}
          />
        </Flex>
        <Tabs
          activeKey={tab}
          onChange={(k) => set('tab', k)}
          items={[
            {
              key: 'board',
              label: t('pipeline.board'),
              children: <PipelineBoard query={query} onOpen={openRecord} />,
            },
            {
              key: 'charts',
              label: t('pipeline.charts'),
              children: (
                <Row gutter={[16, 16]}>
                  <Col xs={24} xl={12}>
                    <FunnelCard query={query} />
                  </Col>
                  <Col xs={24} xl={12}>
                    <ForecastCard query={query} />
                  </Col>
                </Row>
              ),
            },
          ]}
        />
      </Flex>
      <StagesDialog open={stagesOpen} onClose={() => setStagesOpen(false)} />
      {dialogs}
    </>
  );
}
