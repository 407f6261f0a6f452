import type { Agent } from '../../test/agent.ts';
import type { ModuleAuthz } from '../../test/authz-matrix.ts';
import { makeContract, paymentMethod } from '../../test/contract-factories.ts';

/** An active contract of `owner` with one payment of 100.00 on it (made by the admin). */
async function paidContract(admin: Agent, ownerId: string) {
  const k = await makeContract(admin, { ownerId }, { active: true });
  const res = await admin.post('/api/v1/payments', {
    contractId: k.id,
    amount: '100.00',
    paidAt: new Date().toISOString().slice(0, 10),
    method: await paymentMethod(admin),
  });
  if (res.statusCode !== 201) throw new Error(res.body);
  return { contract: k, payment: res.json() as { id: string } };
}

/** 回款 and 开票: every guarded route; the receivables and invoices scopes (by the contract's owner). */
export const authz: ModuleAuthz = {
  permissions: [
    {
      name: 'receivables and invoices',
      routes: (r) =>
        ['/api/v1/payment-plans', '/api/v1/payments', '/api/v1/receivables', '/api/v1/invoices'].some((p) =>
          r.url.startsWith(p),
        ) || r.url === '/api/v1/customers/:id/receivables',
    },
  ],
  scopes: [
    {
      module: 'receivables',
      permissions: ['receivables:view'],
      listUrl: '/api/v1/payments',
      itemUrl: (id) => `/api/v1/payments/${id}`,
      createOwned: async ({ admin }, owner) => (await paidContract(admin, owner.id)).payment.id,
    },
    {
      module: 'receivables',
      permissions: ['receivables:view'],
      listUrl: '/api/v1/payment-plans',
      itemUrl: (id) => `/api/v1/payment-plans/${id}`,
      createOwned: async ({ admin }, owner) => {
        const k = await makeContract(admin, { ownerId: owner.id });
        const res = await admin.post('/api/v1/payment-plans', {
          contractId: k.id,
          dueDate: '2027-01-31',
          amount: '500',
        });
        if (res.statusCode !== 201) throw new Error(res.body);
        return (res.json() as { id: string }).id;
      },
    },
    {
      module: 'invoices',
      permissions: ['invoices:view'],
      listUrl: '/api/v1/invoices',
      itemUrl: (id) => `/api/v1/invoices/${id}`,
      createOwned: async ({ admin }, owner) => {
        const k = await makeContract(admin, { ownerId: owner.id }, { active: true });
        const res = await admin.post('/api/v1/invoices', {
          contractId: k.id,
          amount: '100',
          title: '某公司',
          type: 'normal',
        });
        if (res.statusCode !== 201) throw new Error(res.body);
        return (res.json() as { id: string }).id;
      },
    },
  ],
};
