import {
  type NumberedEntity,
  type NumberingRule as NumberingRuleDto,
  numberedEntityCodes,
  numberingRuleAmbiguous,
  type UpdateNumberingRule,
} from '@guanxi/contract';
import type { Db } from '../../db/client.ts';
import { type Actor, diff, writeAudit } from '../../platform/audit.ts';
import { AppError, conflict } from '../../platform/errors.ts';
import {
  defaultRules,
  formatNumber,
  type NumberingRule,
  prepareRuleChange,
  ruleOf,
} from '../../platform/numbering.ts';
import { requireUpdated } from '../../platform/optimistic.ts';
import * as repo from './repository.ts';

const ENTITY = 'numbering_rules';

const effectiveRule = (entity: NumberedEntity, row: repo.RuleRow | undefined): NumberingRule =>
  row ? ruleOf(row as NumberingRule) : defaultRules[entity];

function toRule(entity: NumberedEntity, row: repo.RuleRow | undefined, timeZone: string, now: Date) {
  const rule = effectiveRule(entity, row);
  return {
    entity,
    ...rule,
    version: row?.version ?? 0,
    example: formatNumber(rule, 1, now, timeZone),
    isDefault: !row,
  } satisfies NumberingRuleDto;
}

/** Every configurable entity's rule: the tenant's own, or the default (version 0). */
export async function listRules(db: Db, tenantId: string, timeZone: string): Promise<NumberingRuleDto[]> {
  const own = new Map((await repo.listRules(db, tenantId)).map((r) => [r.entity, r]));
  const now = new Date();
  return numberedEntityCodes.map((entity) => toRule(entity, own.get(entity), timeZone, now));
}

/**
 * Saves the tenant's rule of an entity (creates it from version 0). Numbers already given out
 * are never given again: `prepareRuleChange` waits for allocations in flight and moves the new
 * rule's counter past the current period's ones.
 */
export async function updateRule(
  db: Db,
  actor: Actor,
  timeZone: string,
  entity: NumberedEntity,
  input: UpdateNumberingRule,
): Promise<NumberingRuleDto> {
  const { version, ...values } = input;
  if (numberingRuleAmbiguous(values)) throw new AppError('NUMBERING_RULE_AMBIGUOUS');
  return db.transaction(async (tx) => {
    const now = new Date();
    await prepareRuleChange(tx, actor.tenantId, entity, values, timeZone, now);
    const current = await repo.findRule(tx, actor.tenantId, entity);
    if ((current?.version ?? 0) !== version) throw conflict();
    const rows = current
      ? await repo.updateRule(tx, actor.tenantId, entity, version, values)
      : await repo.insertRule(tx, actor.tenantId, entity, values);
    const row = await requireUpdated(rows, async () => true);
    const changes = diff(effectiveRule(entity, current), ruleOf(row as NumberingRule));
    if (Object.keys(changes).length > 0) {
      await writeAudit(tx, actor, { action: 'update', entity: ENTITY, summary: entity, changes });
    }
    return toRule(entity, row, timeZone, now);
  });
}
