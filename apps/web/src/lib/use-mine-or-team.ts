import type { ScopedModule } from '@guanxi/contract';
import { useCallback } from 'react';
import { useSearchParams } from 'react-router';
import { useMe } from './access.ts';

export type MineOrTeam = 'mine' | 'team';

/**
 * 我的 / 团队 of a list of people's records (`?view=`): whoever sees more than their own in the
 * module's data scope opens on the team's — a supervisor comes to read the team — and the URL
 * keeps the other choice.
 */
export function useMineOrTeam(module: ScopedModule): [MineOrTeam, (view: MineOrTeam) => void] {
  const scope = useMe().dataScopes[module];
  const fallback: MineOrTeam = scope && scope !== 'own' ? 'team' : 'mine';
  const [params, setParams] = useSearchParams();
  const asked = params.get('view');
  const view = asked === 'mine' || asked === 'team' ? asked : fallback;
  const setView = useCallback(
    (next: MineOrTeam) =>
      setParams((p) => {
        const out = new URLSearchParams(p);
        if (next === fallback) out.delete('view');
        else out.set('view', next);
        return out;
      }),
    [setParams, fallback],
  );
  return [view, setView];
}
