import type { CreateDepartment, Department, UpdateDepartment } from '@guanxi/contract';
import type { Db } from '../../db/client.ts';
import { type Actor, auditUpdate, diff, fieldHistory, writeAudit } from '../../platform/audit.ts';
import { AppError, invalid, notFound } from '../../platform/errors.ts';
import { uuidv7 } from '../../platform/ids.ts';
import { checkVersion, requireUpdated } from '../../platform/optimistic.ts';
import * as repo from './departments-repository.ts';

const ENTITY = 'departments';

function toDepartment(found: { row: repo.DepartmentRow; userCount: number }): Department {
  const r = found.row;
  return {
    id: r.id,
    version: r.version,
    createdAt: r.createdAt.toISOString(),
    updatedAt: r.updatedAt.toISOString(),
    name: r.name,
    parentId: r.parentId,
    sortOrder: r.sortOrder,
    userCount: Number(found.userCount),
  };
}

const auditable = (r: repo.DepartmentRow) => ({ name: r.name, parentId: r.parentId, sortOrder: r.sortOrder });

export async function listDepartments(db: Db, tenantId: string): Promise<Department[]> {
  return (await repo.listDepartments(db, tenantId)).map(toDepartment);
}

export async function getDepartment(db: Db, tenantId: string, id: string): Promise<Department> {
  const found = await repo.findDepartment(db, tenantId, id);
  if (!found) throw notFound();
  return toDepartment(found);
}

async function requireParent(db: Db, tenantId: string, parentId: string) {
  const parent = await repo.findDepartment(db, tenantId, parentId);
  if (!parent) throw invalid('parentId', 'unknown department');
  return parent.row;
}

export async function createDepartment(db: Db, actor: Actor, input: CreateDepartment): Promise<Department> {
  return db.transaction(async (tx) => {
    const parent = await requireParent(tx, actor.tenantId, input.parentId);
    if (await repo.siblingNameTaken(tx, actor.tenantId, parent.id, input.name))
      throw new AppError('NAME_TAKEN', [{ path: 'name', message: 'taken' }]);
    const id = uuidv7();
    const row = await repo.insertDepartment(tx, {
      id,
      tenantId: actor.tenantId,
      parentId: parent.id,
      name: input.name,
      path: `${parent.path}${id}/`,
      sortOrder: input.sortOrder ?? 0,
      createdBy: actor.userId,
    });
    await writeAudit(tx, actor, {
      action: 'create',
      entity: ENTITY,
      entityId: id,
      summary: row.name,
      changes: diff(null, auditable(row)),
    });
    return toDepartment({ row, userCount: 0 });
  });
}

/** Rename, reorder or move (never under itself or its own subtree; the root stays the root). */
export async function updateDepartment(
  db: Db,
  actor: Actor,
  id: string,
  input: UpdateDepartment,
): Promise<Department> {
  return db.transaction(async (tx) => {
    const found = await repo.findDepartment(tx, actor.tenantId, id);
    if (!found) throw notFound();
    const current = found.row;
    checkVersion(current, input.version);
    const values: Parameters<typeof repo.updateDepartmentRow>[4] = {};
    let parentId = current.parentId;
    if (input.parentId !== undefined && input.parentId !== current.parentId) {
      if (!current.parentId) throw new AppError('DEPARTMENT_ROOT');
      const parent = await requireParent(tx, actor.tenantId, input.parentId);
      if (parent.path.startsWith(current.path))
        throw new AppError('DEPARTMENT_CYCLE', [{ path: 'parentId', message: 'cycle' }]);
      parentId = parent.id;
      values.parentId = parent.id;
      values.path = `${parent.path}${current.id}/`;
    }
    if (input.name !== undefined) values.name = input.name;
    if (input.sortOrder !== undefined) values.sortOrder = input.sortOrder;
    const name = values.name ?? current.name;
    if (
      (values.name || values.parentId) &&
      (await repo.siblingNameTaken(tx, actor.tenantId, parentId, name, id))
    ) {
      throw new AppError('NAME_TAKEN', [{ path: 'name', message: 'taken' }]);
    }
    const rows = await repo.updateDepartmentRow(tx, actor.tenantId, id, input.version, values);
    const row = await requireUpdated(rows, async () => true);
    if (values.path) await repo.repathSubtree(tx, actor.tenantId, current.path, values.path);
    await auditUpdate(
      tx,
      actor,
      { entity: ENTITY, entityId: id, summary: row.name },
      auditable(current),
      auditable(row),
    );
    return toDepartment({ row, userCount: found.userCount });
  });
}

export async function deleteDepartment(db: Db, actor: Actor, id: string, version: number): Promise<void> {
  await db.transaction(async (tx) => {
    const found = await repo.findDepartment(tx, actor.tenantId, id);
    if (!found) throw notFound();
    if (!found.row.parentId) throw new AppError('DEPARTMENT_ROOT');
    checkVersion(found.row, version);
    const contents = await repo.departmentContents(tx, actor.tenantId, id);
    if (contents.children > 0 || contents.users > 0) {
      throw new AppError('DEPARTMENT_NOT_EMPTY', [
        { path: 'children', message: String(contents.children) },
        { path: 'users', message: String(contents.users) },
      ]);
    }
    await requireUpdated(await repo.softDeleteDepartment(tx, actor.tenantId, id, version), async () => true);
    await writeAudit(tx, actor, {
      action: 'delete',
      entity: ENTITY,
      entityId: id,
      summary: found.row.name,
      changes: diff(auditable(found.row), null),
    });
  });
}

export async function departmentHistory(db: Db, tenantId: string, id: string) {
  if (!(await repo.findDepartment(db, tenantId, id))) throw notFound();
  return fieldHistory(db, tenantId, ENTITY, id);
}
