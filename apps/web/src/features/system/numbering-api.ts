import type { NumberingRule, NumberingRuleSettings, UpdateNumberingRule } from '@guanxi/contract';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, isApiError } from '../../lib/api.ts';

const numberingRulesKey = ['numbering-rules'] as const;

export function useNumberingRules() {
  return useQuery({
    queryKey: numberingRulesKey,
    queryFn: ({ signal }) =>
      api.get<{ data: NumberingRule[] }>('/numbering-rules', undefined, signal).then((r) => r.data),
  });
}

export function useUpdateNumberingRule() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ entity, ...body }: UpdateNumberingRule & { entity: string }) =>
      api.put<NumberingRule>(`/numbering-rules/${encodeURIComponent(entity)}`, body),
    onSuccess: (saved) =>
      queryClient.setQueryData<NumberingRule[]>(numberingRulesKey, (list) =>
        list?.map((r) => (r.entity === saved.entity ? saved : r)),
      ),
    onError: (e) =>
      isApiError(e, 'CONFLICT') ? queryClient.invalidateQueries({ queryKey: numberingRulesKey }) : undefined,
  });
}

/**
 * A number under `rule` on `now` in the tenant's time zone. Mirrors `formatNumber` of
 * apps/server/src/platform/numbering.ts (the server's `example` is the same with sequence 1).
 */
export function formatNumberPreview(rule: NumberingRuleSettings, seq: number, now: Date, timeZone: string) {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' })
      .formatToParts(now)
      .map((p) => [p.type, p.value]),
  );
  const { year: y, month: m, day: d } = parts;
  const date = { '': '', YYYY: y, YYYYMM: `${y}${m}`, YYYYMMDD: `${y}${m}${d}` }[rule.datePattern];
  const sequence = String(seq).padStart(rule.sequenceWidth, '0');
  return date ? `${rule.prefix}${date}${rule.separator}${sequence}` : `${rule.prefix}${sequence}`;
}
