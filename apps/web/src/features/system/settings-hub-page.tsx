import './texts.ts';
import { Card, Col, Row, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { PageHeader } from '../../components/page-header.tsx';
import { hasPermission, useMe } from '../../lib/access.ts';
import { settingsSections } from './settings-sections.ts';

/** 系统设置: every section the caller may change, each a link to its own page. */
export function SettingsHubPage() {
  const { t } = useTranslation('system');
  const me = useMe();
  const sections = settingsSections.filter((s) => !s.permission || hasPermission(me, s.permission));
  return (
    <>
      <PageHeader title={t('hub.title')} subTitle={t('hub.intro')} />
      <Row gutter={[16, 16]} style={{ maxWidth: 1100 }}>
        {sections.map((s) => (
          <Col key={s.key} xs={24} sm={12} lg={8}>
            <Link to={s.path} aria-label={t(`hub.sections.${s.key}.title`)}>
              <Card hoverable size="small" style={{ height: '100%' }}>
                <Typography.Text strong>{t(`hub.sections.${s.key}.title`)}</Typography.Text>
                <Typography.Paragraph type="secondary" style={{ margin: '4px 0 0' }}>
                  {t(`hub.sections.${s.key}.description`)}
                </Typography.Paragraph>
              </Card>
            </Link>
          </Col>
        ))}
      </Row>
    </>
  );
}
