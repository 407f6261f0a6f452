import type { ScopedModule } from '@guanxi/contract';
import { useCallback } from 'react';
import { useSearchParams } from 'react-router';
import { useMe } from './access.ts';
import { useUpdateParams } from './use-update-params.ts';

export type MineOrTeam = 'mine' | 'team';

/**
 * 我的 / 团队 of a list of people's records (`?view=`): whoever sees more than their own in the
 * module's data scope opens on the team's — a supervisor comes to read the team — and the URL
 * keeps the other choice.
 */
export function useMineOrTeam(module: ScopedModule): [MineOrTeam, (view: MineOrTeam) => void] {
  const scope = useMe().dataScopes[module];
  const fallback: MineOrTeam = scope && scope !== 'own' ? 'team' : 'mine';
  const [params] = useSearchParams();
  const updateParams = useUpdateParams();
  const asked = params.get('view');
  const view = asked === 'mine' || asked === 'team' ? asked : fallback;
  const setView = useCallback(
    (next: MineOrTeam) => updateParams((p) => (next === fallback ? p.delete('view') : p.set('view', next))),
    [updateParams, fallback],
  );
  return [view, setView];
}
