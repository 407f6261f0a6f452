import { expect } from 'vitest';
import type { Agent } from '../../test/agent.ts';
import { unique } from '../../test/factories.ts';

// What the custom-field API tests share: the field as answered, and ways to add and read fields.

export type Field = {
  id: string;
  key: string;
  title: string;
  type: string;
  required: boolean;
  enabled: boolean;
  options: { value: string; label: string }[];
  dependsOn: string | null;
  optionParents: Record<string, string[]>;
  sortOrder: number;
  version: number;
};

/** A title unique in the run and ≤ 16 characters. */
export const title = (prefix = '字段') => unique(prefix).slice(0, 16);

export const optionValue = (f: Field, label: string) => f.options.find((o) => o.label === label)!.value;

/** Adds and lists fields as `admin()` (read when called: the agent is made in `beforeAll`). */
export function fieldsAs(admin: () => Agent) {
  async function addField(body: Record<string, unknown>, entity = 'customers'): Promise<Field> {
    const res = await admin().post('/api/v1/custom-fields', { entity, title: title(), ...body });
    expect(res.statusCode, res.body).toBe(201);
    return res.json();
  }
  const dropdown = (labels: string[], extra: Record<string, unknown> = {}) =>
    addField({ type: 'dropdown', options: labels.map((label) => ({ label })), ...extra });
  const fields = async (entity = 'customers', agent = admin()) =>
    (await agent.get(`/api/v1/custom-fields?entity=${entity}`)).json().data as Field[];
  return { addField, dropdown, fields };
}
