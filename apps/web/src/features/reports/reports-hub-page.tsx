import { BarChartOutlined, MailOutlined, PieChartOutlined } from '@ant-design/icons';
import { Button, Card, Col, Empty, Row, Skeleton, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { PageHeader } from '../../components/page-header.tsx';
import { QueryError } from '../../components/query-error.tsx';
import { useReportCatalog } from './report-kit-api.ts';
import './texts.ts';

/** 统计报表: the reports I may run, each a card that opens it. */
export function ReportsHubPage() {
  const { t } = useTranslation('reports');
  const catalog = useReportCatalog();
  return (
    <>
      <PageHeader
        title={t('kit.hubTitle')}
        subTitle={t('kit.hubSubtitle')}
        extra={
          <Link to="/reports/subscriptions">
            <Button icon={<MailOutlined aria-hidden />}>{t('subscriptions.mine')}</Button>
          </Link>
        }
      />
      {catalog.isError ? <QueryError error={catalog.error} onRetry={() => catalog.refetch()} /> : null}
      {catalog.isPending ? <Skeleton active /> : null}
      {catalog.data && catalog.data.data.length === 0 ? <Empty description={t('kit.noReports')} /> : null}
      <Row gutter={[16, 16]}>
        {catalog.data?.data.map((r) => (
          <Col key={r.code} xs={24} sm={12} lg={8}>
            <Link to={`/reports/${r.code}`} aria-label={r.name}>
              <Card hoverable size="small">
                <Card.Meta
                  avatar={
                    r.chart === 'pie' ? <PieChartOutlined aria-hidden /> : <BarChartOutlined aria-hidden />
                  }
                  title={r.name}
                  description={
                    <Typography.Text type="secondary">
                      {r.dimensions.map((d) => d.name).join(' · ')}
                    </Typography.Text>
                  }
                />
              </Card>
            </Link>
          </Col>
        ))}
      </Row>
    </>
  );
}
