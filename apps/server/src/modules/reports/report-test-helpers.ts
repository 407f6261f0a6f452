import ExcelJS from 'exceljs';
import { expect } from 'vitest';
import type { Agent } from '../../test/agent.ts';

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
