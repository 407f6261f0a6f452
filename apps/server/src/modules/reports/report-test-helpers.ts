import ExcelJS from 'exceljs';
import { expect } from 'vitest';
import type { Agent } from '../../test/agent.ts';
import { makeDepartment, makeRole, makeUser } from '../../test/factories.ts';
import type { TestContext } from '../../test/test-app.ts';

/** What the report tests share: a GET that must answer `status`, a row by cell, a sheet's cells. */

export type ReportRow = Record<string, string | number | null>;

export const getJson = async (agent: Agent, url: string, status = 200) => {
  const res = await agent.get(url);
  expect(res.statusCode, res.body).toBe(status);
  return res.json();
};

export const rowByCell = (rows: ReportRow[], cell: string) => rows.find((r) => r.cell === cell);

/** The first sheet of a report's XLSX export as rows of cell values (400/404 fail the test). */
export async function exportedRows(agent: Agent, url: string): Promise<unknown[][]> {
  const res = await agent.get(url);
  expect(res.statusCode, res.body).toBe(200);
  const book = new ExcelJS.Workbook();
  await book.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
  return Array.from(book.worksheets[0].getSheetValues(), (r) => (Array.isArray(r) ? r.slice(1) : []));
}

/** The 合计 row's value under the column named `column` in an exported sheet. */
export function exportedTotal(values: unknown[][], firstHeader: string, column: string) {
  const header = values.find((r) => r[0] === firstHeader) as unknown[];
  expect(header, `header ${firstHeader}`).toBeDefined();
  const total = values.find((r) => r[0] === '合计') as unknown[];
  return total[header.indexOf(column)];
}

/** The 400 answer names the field. */
export async function refusesOn(agent: Agent, url: string, field: string) {
  const body = await getJson(agent, url, 400);
  expect(JSON.stringify(body)).toContain(field);
}

/** Who a report's two-branch org gives each kind of user: permissions and data scopes. */
export type TwoBranchRoles = {
  /** The module permissions the users work with. */
  work: readonly string[];
  /** `reports:<code>`. */
  report: string;
  /** The data scopes of a role at one level (`department`, `department_and_children`). */
  scopes: (scope: string) => Record<string, string>;
  /** The user who may run the report but not view its source: their permissions and scopes. */
  blind: { permissions: readonly string[]; scopes: Record<string, string> };
  /** More for the supervisor (e.g. reviewing plans). */
  supervisorExtra?: readonly string[];
  /** The supervisor is the others' 上级 (supervisorId) too. */
  supervises?: boolean;
};

/**
 * The org the report tests run over: a region with two branches; a manager in each branch
 * (department scope), their supervisor in the region (department and children), so sibling numbers
 * are disjoint and add up to the supervisor's; one without the report and one without the
 * source's view, both in branch A.
 */
export async function twoBranchOrg(t: TestContext, r: TwoBranchRoles) {
  const admin = await t.admin();
  const region = (await makeDepartment(admin, t.tenant.rootDepartmentId)).id;
  const branchA = (await makeDepartment(admin, region)).id;
  const branchB = (await makeDepartment(admin, region)).id;
  const manager = await makeRole(admin, [...r.work, r.report], r.scopes('department'));
  const overseer = await makeRole(
    admin,
    [...r.work, r.report, ...(r.supervisorExtra ?? [])],
    r.scopes('department_and_children'),
  );
  const plain = await makeRole(admin, [...r.work], r.scopes('department'));
  const blind = await makeRole(admin, [...r.blind.permissions], r.blind.scopes);
  const boss = await makeUser(admin, { departmentId: region, roleIds: [overseer.id] });
  const made = (departmentId: string, roleId: string) =>
    makeUser(admin, { departmentId, roleIds: [roleId], ...(r.supervises ? { supervisorId: boss.id } : {}) });
  const user = async (departmentId: string, roleId: string) =>
    t.login((await made(departmentId, roleId)).username);
  const a = await made(branchA, manager.id);
  const b = await made(branchB, manager.id);
  return {
    admin,
    region,
    branchA,
    branchB,
    managerA: await t.login(a.username),
    managerB: await t.login(b.username),
    /** The managers' user ids. */
    ids: { managerA: a.id as string, managerB: b.id as string },
    supervisor: await t.login(boss.username),
    noReport: await user(branchA, plain.id),
    noView: await user(branchA, blind.id),
  };
}
