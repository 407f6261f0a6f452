import './texts.ts';
import { Skeleton, Timeline, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { formatDateTime } from '../../lib/format.ts';
import { useChurnHistory } from './api.ts';
import { ChurnStatusTag } from './status-tag.tsx';

/** A churn record's moves, oldest first: who moved it, when, and the note (measures, order). */
export function ChurnHistory({ id }: { id: string }) {
  const { t } = useTranslation('churn');
  const history = useChurnHistory(id);
  if (!history.data) return <Skeleton active paragraph={{ rows: 2 }} />;
  return (
    <Timeline
      style={{ marginTop: 8, marginBottom: -16 }}
      items={history.data.map((h) => ({
        key: h.id,
        children: (
          <>
            <ChurnStatusTag status={h.toStatus} />
            <Typography.Text type="secondary">
              {formatDateTime(h.at)} · {h.userName ?? t('history.raised')}
            </Typography.Text>
            {h.note ? <div>{h.note}</div> : null}
          </>
        ),
      }))}
    />
  );
}
