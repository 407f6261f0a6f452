import type { DashboardCard } from '@guanxi/contract';
import { Col, Row } from 'antd';
import { useCardName } from './card-name.ts';
import { DashboardCardView } from './dashboard-card.tsx';

/**
 * The shown cards in order: KPIs four to a row, charts two (a wide card the whole row); on a
 * phone one column.
 */
export function DashboardGrid({ cards }: { cards: DashboardCard[] }) {
  const nameOf = useCardName();
  return (
    <Row gutter={[16, 16]}>
      {cards
        .filter((c) => !c.hidden)
        .map((c) => (
          <Col
            key={c.id}
            xs={24}
            sm={c.chart === 'kpi' && !c.wide ? 12 : 24}
            lg={c.wide ? 24 : 12}
            xl={c.wide ? 24 : c.chart === 'kpi' ? 8 : 12}
            xxl={c.wide ? 24 : c.chart === 'kpi' ? 6 : 12}
          >
            <DashboardCardView card={c} name={nameOf(c)} />
          </Col>
        ))}
    </Row>
  );
}
