import './texts.ts';
import { MoreOutlined } from '@ant-design/icons';
import {
  DndContext,
  type DragEndEvent,
  type KeyboardCoordinateGetter,
  KeyboardSensor,
  PointerSensor,
  TouchSensor,
  useDraggable,
  useDroppable,
  useSensor,
  useSensors,
} from '@dnd-kit/core';
import type { ListResponse, Opportunity, PipelineStage } from '@guanxi/contract';
import { useQueryClient } from '@tanstack/react-query';
import { App, Button, Card, Dropdown, Empty, Flex, Skeleton, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { QueryError } from '../../components/query-error.tsx';
import { isApiError, type QueryParams } from '../../lib/api.ts';
import { useIsPhone } from '../../lib/use-is-phone.ts';
import { useShowError } from '../../lib/use-show-error.ts';
import { opportunityKeys, usePipeline, useStageCards, useUpdateOpportunity } from './api.ts';
import { StalledBadge, targetName, yuan } from './labels.tsx';

/**
 * The keyboard moves a picked-up card a whole column left or right (the default moves it by a few
 * pixels), so Space, → and Space moves a deal one stage on.
 */
const columnJump: KeyboardCoordinateGetter = (event, { currentCoordinates, context }) => {
  if (event.code !== 'ArrowRight' && event.code !== 'ArrowLeft') return undefined;
  event.preventDefault();
  const x = context.collisionRect?.left ?? currentCoordinates.x;
  const columns = [...context.droppableRects.values()].sort((a, b) => a.left - b.left);
  const target =
    event.code === 'ArrowRight'
      ? columns.find((r) => r.left > x + 1)
      : [...columns].reverse().find((r) => r.left + 1 < x);
  if (!target) return currentCoordinates;
  return { x: currentCoordinates.x + (target.left + 8 - x), y: currentCoordinates.y };
};

type Cards = ListResponse<Opportunity>;

const titleOf = (data: Record<string, unknown> | undefined) =>
  (data?.opportunity as Opportunity | undefined)?.title ?? '';

/**
 * 销售看板: a column per stage with its count, amount and weighted amount (the pipeline's GROUP BY)
 * and its open deals; a card dragged (pointer, touch, keyboard) or moved by its menu to another
 * column changes its stage with the version it showed — a 409 puts it back with a message.
 */
export function PipelineBoard({ query, onOpen }: { query: QueryParams; onOpen: (id: string) => void }) {
  const { t } = useTranslation('opportunities');
  const { message } = App.useApp();
  const showError = useShowError();
  const isPhone = useIsPhone();
  const queryClient = useQueryClient();
  const pipeline = usePipeline(query);
  const update = useUpdateOpportunity();
  const sensors = useSensors(
    useSensor(PointerSensor, { activationConstraint: { distance: 6 } }),
    // a long press on a phone, so a swipe still scrolls the board
    useSensor(TouchSensor, { activationConstraint: { delay: 250, tolerance: 8 } }),
    useSensor(KeyboardSensor, { coordinateGetter: columnJump }),
  );
  const cardsKey = (stageId: string) => [...opportunityKeys.board, 'cards', stageId, query];

  /** Moves the card in the cache at once, then saves; a refusal reloads the columns (the card goes back). */
  const move = async (o: Opportunity, to: PipelineStage) => {
    if (o.stageId === to.stageId) return;
    await queryClient.cancelQueries({ queryKey: opportunityKeys.board });
    queryClient.setQueryData<Cards>(cardsKey(o.stageId), (c) =>
      c ? { ...c, data: c.data.filter((x) => x.id !== o.id), total: c.total - 1 } : c,
    );
    queryClient.setQueryData<Cards>(cardsKey(to.stageId), (c) =>
      c
        ? { ...c, data: [{ ...o, stageId: to.stageId, stageName: to.name }, ...c.data], total: c.total + 1 }
        : c,
    );
    try {
      await update.mutateAsync({ id: o.id, version: o.version, stageId: to.stageId });
      message.success(t('pipeline.moved', { stage: to.name }));
    } catch (e) {
      if (isApiError(e, 'CONFLICT')) message.error(t('pipeline.conflict'));
      else showError(e);
      await queryClient.invalidateQueries({ queryKey: opportunityKeys.board });
    }
  };

  const stages = pipeline.data ?? [];
  const stageName = (id: unknown) => stages.find((x) => x.stageId === id)?.name ?? '';
  const onDragEnd = (e: DragEndEvent) => {
    const o = e.active.data.current?.opportunity as Opportunity | undefined;
    const to = stages.find((s) => s.stageId === e.over?.id);
    if (o && to) void move(o, to);
  };

  if (pipeline.isError) return <QueryError error={pipeline.error} onRetry={() => void pipeline.refetch()} />;
  if (pipeline.isPending) return <Skeleton active />;
  return (
    <DndContext
      sensors={sensors}
      onDragEnd={onDragEnd}
      accessibility={{
        screenReaderInstructions: { draggable: t('pipeline.dragHint') },
        // said in the user's language, by the deal's title and the stage's name (not their ids)
        announcements: {
          onDragStart: ({ active }) => t('pipeline.picked', { title: titleOf(active.data.current) }),
          onDragOver: ({ active, over }) =>
            over
              ? t('pipeline.over', { title: titleOf(active.data.current), stage: stageName(over.id) })
              : t('pipeline.nowhere', { title: titleOf(active.data.current) }),
          onDragEnd: ({ active, over }) =>
            over
              ? t('pipeline.dropped', { title: titleOf(active.data.current), stage: stageName(over.id) })
              : t('pipeline.cancelled', { title: titleOf(active.data.current) }),
          onDragCancel: ({ active }) => t('pipeline.cancelled', { title: titleOf(active.data.current) }),
        },
      }}
    >
      <div
        style={{
          display: 'flex',
          gap: 12,
          overflowX: 'auto',
          paddingBottom: 8,
          // on a phone one column at a time, snapping as the board is swiped
          scrollSnapType: isPhone ? 'x mandatory' : undefined,
        }}
      >
        {stages.map((s) => (
          <Column key={s.stageId} stage={s} stages={stages} query={query} onOpen={onOpen} onMove={move} />
        ))}
      </div>
    </DndContext>
  );
}

function Column({
  stage,
  stages,
  query,
  onOpen,
  onMove,
}: {
  stage: PipelineStage;
  stages: PipelineStage[];
  query: QueryParams;
  onOpen: (id: string) => void;
  onMove: (o: Opportunity, to: PipelineStage) => Promise<void>;
}) {
  const { t } = useTranslation('opportunities');
  const isPhone = useIsPhone();
  const cards = useStageCards(stage.stageId, query);
  const { setNodeRef, isOver } = useDroppable({ id: stage.stageId });
  const shown = cards.data?.data ?? [];
  return (
    <section
      ref={setNodeRef}
      aria-label={t('pipeline.column', { name: stage.name })}
      style={{
        flex: isPhone ? '0 0 86%' : '1 1 200px',
        minWidth: isPhone ? undefined : 200,
        scrollSnapAlign: 'start',
        background: isOver ? 'var(--ant-color-primary-bg)' : 'var(--ant-color-fill-quaternary)',
        borderRadius: 8,
        padding: 8,
        minHeight: 320,
        transition: 'background 120ms',
      }}
    >
      <Flex vertical gap={2} style={{ padding: '4px 4px 8px' }}>
        <Flex justify="space-between" align="baseline">
          <Typography.Text strong>{stage.name}</Typography.Text>
          <Typography.Text type="secondary">
            {Number(stage.probability)}% · {t('pipeline.count', { count: stage.count })}
          </Typography.Text>
        </Flex>
        <Typography.Text style={{ fontSize: 12 }}>
          {t('pipeline.amount')} {yuan(stage.amount)}
        </Typography.Text>
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {t('pipeline.weighted')} {yuan(stage.weightedAmount)}
        </Typography.Text>
      </Flex>
      <Flex vertical gap={8}>
        {cards.isError ? (
          <QueryError error={cards.error} onRetry={() => void cards.refetch()} />
        ) : cards.isPending ? (
          <Skeleton active paragraph={{ rows: 2 }} />
        ) : shown.length === 0 ? (
          <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('pipeline.empty')} />
        ) : (
          shown.map((o) => <DealCard key={o.id} o={o} stages={stages} onOpen={onOpen} onMove={onMove} />)
        )}
        {cards.data && cards.data.total > shown.length ? (
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {t('pipeline.more', { count: cards.data.total - shown.length })}
          </Typography.Text>
        ) : null}
      </Flex>
    </section>
  );
}

function DealCard({
  o,
  stages,
  onOpen,
  onMove,
}: {
  o: Opportunity;
  stages: PipelineStage[];
  onOpen: (id: string) => void;
  onMove: (o: Opportunity, to: PipelineStage) => Promise<void>;
}) {
  const { t } = useTranslation('opportunities');
  const { attributes, listeners, setNodeRef, transform, isDragging } = useDraggable({
    id: o.id,
    data: { opportunity: o },
    disabled: !o.canEdit,
  });
  return (
    // dnd-kit's attributes make the card the focusable drag handle (a button named by its content)
    <div
      ref={setNodeRef}
      {...listeners}
      {...attributes}
      style={{
        transform: transform ? `translate3d(${transform.x}px, ${transform.y}px, 0)` : undefined,
        zIndex: isDragging ? 10 : undefined,
        position: 'relative',
        cursor: o.canEdit ? 'grab' : 'default',
        touchAction: 'manipulation',
      }}
    >
      <Card size="small" style={{ boxShadow: isDragging ? 'var(--ant-box-shadow)' : undefined }}>
        <Flex vertical gap={4}>
          <Flex justify="space-between" align="flex-start" gap={4}>
            <Button
              type="link"
              size="small"
              style={{ padding: 0, height: 'auto', whiteSpace: 'normal', textAlign: 'left' }}
              onClick={() => onOpen(o.id)}
            >
              {o.title}
            </Button>
            {o.canEdit ? (
              <Dropdown
                trigger={['click']}
                menu={{
                  items: stages
                    .filter((s) => s.stageId !== o.stageId)
                    .map((s) => ({ key: s.stageId, label: s.name, onClick: () => void onMove(o, s) })),
                }}
              >
                <Button
                  size="small"
                  type="text"
                  icon={<MoreOutlined aria-hidden />}
                  aria-label={t('pipeline.moveTo')}
                />
              </Dropdown>
            ) : null}
          </Flex>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {targetName(o)}
          </Typography.Text>
          <Flex justify="space-between" wrap gap={4}>
            <Typography.Text strong>{yuan(o.expectedAmount)}</Typography.Text>
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {o.expectedCloseDate}
            </Typography.Text>
          </Flex>
          <Flex justify="space-between" align="center" wrap gap={4}>
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {o.ownerName}
            </Typography.Text>
            <StalledBadge o={o} />
          </Flex>
        </Flex>
      </Card>
    </div>
  );
}
