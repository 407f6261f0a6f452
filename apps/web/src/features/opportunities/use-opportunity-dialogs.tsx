import './texts.ts';
import type { Opportunity } from '@guanxi/contract';
import { type ReactNode, useState } from 'react';
import { AssignDialog, LoseDialog, WinDialog } from './dialogs.tsx';
import { OpportunityDetail } from './opportunity-detail.tsx';
import { OpportunityDrawer, type OpportunityTarget } from './opportunity-drawer.tsx';

/**
 * The detail drawer and every dialog it opens (edit, 指派, won, lost), for a page that shows
 * opportunities: the list, the board and the customer's tab share them.
 */
export function useOpportunityDialogs({
  openId,
  setOpenId,
  onCreated,
}: {
  openId: string | null;
  setOpenId: (id: string | null) => void;
  onCreated?: (o: Opportunity) => void;
}): { startNew: (customerId?: string) => void; dialogs: ReactNode } {
  const [editing, setEditing] = useState<OpportunityTarget>(null);
  const [assigning, setAssigning] = useState<Opportunity | null>(null);
  const [winning, setWinning] = useState<Opportunity | null>(null);
  const [losing, setLosing] = useState<Opportunity | null>(null);
  const creating = Boolean(editing && 'new' in editing);
  return {
    startNew: (customerId) => setEditing({ new: { customerId } }),
    dialogs: (
      <>
        <OpportunityDrawer
          target={editing}
          onClose={() => setEditing(null)}
          onSaved={(o) => {
            if (!creating) return;
            onCreated?.(o);
            setOpenId(o.id);
          }}
        />
        <OpportunityDetail
          id={openId}
          onClose={() => setOpenId(null)}
          onEdit={setEditing}
          onAssign={setAssigning}
          onWin={setWinning}
          onLose={setLosing}
        />
        <AssignDialog o={assigning} onClose={() => setAssigning(null)} />
        <WinDialog o={winning} onClose={() => setWinning(null)} />
        <LoseDialog o={losing} onClose={() => setLosing(null)} />
      </>
    ),
  };
}
