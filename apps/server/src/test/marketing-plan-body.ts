const day = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);

/**
 * A plan a test can create: 上门拜访 / 老客户深挖 running now (yesterday to the day after tomorrow,
 * whatever the tenant's time zone), no expenses (so it needs no approval flow).
 */
export const planBody = (over: Record<string, unknown> = {}) => {
  return {
    type: 'visit',
    subType: 'deepening',
    title: `计划${Math.random().toString(36).slice(2, 8)}`,
    startDate: day(-1),
    endDate: day(2),
    goals: [{ kind: 'visits', target: 5 }],
    ...over,
  };
};
