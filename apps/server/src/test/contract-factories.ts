import type { Agent } from './agent.ts';
import { makeCustomer, unique } from './factories.ts';

/** Test data of contracts and receivables, made through their APIs. */

/** The day `days` from today in the test tenant's zone (Asia/Shanghai), as the server counts days. */
export const inDays = (days: number) =>
  new Intl.DateTimeFormat('sv', { timeZone: 'Asia/Shanghai' }).format(
    new Date(Date.now() + days * 86_400_000),
  );

/** A contract body a test can post: a year from yesterday, 10,000.00. */
export const contractBody = (customerId: string, over: Record<string, unknown> = {}) => ({
  title: unique('合同'),
  customerId,
  amount: '10000.00',
  signedAt: inDays(-1),
  startDate: inDays(-1),
  endDate: inDays(365),
  ...over,
});

export type TestContract = {
  id: string;
  version: number;
  status: string;
  customerId: string;
  number: string;
};

/** A contract of a new customer made by `agent` (a draft, or `active` once submitted with no flow). */
export async function makeContract(
  agent: Agent,
  over: Record<string, unknown> = {},
  opts: { active?: boolean; customerId?: string } = {},
): Promise<TestContract> {
  const customerId = opts.customerId ?? (await makeCustomer(agent)).id;
  const res = await agent.post('/api/v1/contracts', contractBody(customerId, over));
  if (res.statusCode !== 201) throw new Error(res.body);
  let k = res.json() as TestContract;
  if (opts.active) {
    const sub = await agent.post(`/api/v1/contracts/${k.id}/submit`, { version: k.version });
    if (sub.statusCode !== 200) throw new Error(sub.body);
    k = sub.json();
  }
  return k;
}

/** The id of a `payment-method` dictionary item (银行转账 unless told). */
export async function paymentMethod(agent: Agent, name = '银行转账') {
  const res = await agent.get('/api/v1/dictionaries/payment-method/items');
  const item = (res.json() as { data: { id: string; name: string }[] }).data.find((i) => i.name === name);
  if (!item) throw new Error(`no payment method ${name}: ${res.body}`);
  return item.id;
}
