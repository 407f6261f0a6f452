import type { Db } from '../../db/client.ts';
import { notify } from '../notifications/service.ts';
import type { ContractRow } from './repository.ts';

const link = (id: string) => `/contracts?id=${id}`;

type Notice =
  | { kind: 'contract.expiring'; endDate: string; days: number }
  | { kind: 'contract.expired'; endDate: string };

/** The owner hears of their contract's coming end (到期提醒) and of its expiry, once each per end date. */
export async function notifyContractOwner(
  tx: Db,
  k: Pick<ContractRow, 'id' | 'tenantId' | 'number' | 'title' | 'ownerId'>,
  n: Notice,
) {
  const text = `${k.number}「${k.title}」`;
  const title =
    n.kind === 'contract.expiring'
      ? `合同${text}将于 ${n.endDate} 到期（${n.days} 天后）`
      : `合同${text}已到期`;
  const { kind, ...data } = n;
  await notify(tx, {
    tenantId: k.tenantId,
    userId: k.ownerId,
    kind,
    data: { contractId: k.id, number: k.number, title: k.title, ...data },
    title,
    link: link(k.id),
    entity: 'contracts',
    entityId: k.id,
    dedupeKey: `${n.kind}:${k.id}:${n.endDate}`,
  });
}
