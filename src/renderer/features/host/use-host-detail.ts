import { useCallback, useEffect, useState } from 'react';
import type { HostDetail } from '../../../shared/domain/scan';
import type { ErrorData } from '../../../shared/result';
import { call, subscribe } from '../../api/client';
import { coalesce } from '../../ui/coalesce';
import { isFinished } from '../scan/scan-model';

interface HostDetailState {
  detail: HostDetail | null;
  error: ErrorData | null;
  loading: boolean;
}

/**
 * One host's last scan, inventory and history, reloaded when a scan of this host ends or the host
 * is edited elsewhere.
 */
export function useHostDetail(hostId: number): HostDetailState & { reload: () => void } {
  const [state, setState] = useState<HostDetailState>({ detail: null, error: null, loading: true });
  const [load] = useState(() =>
    coalesce(async () => {
      setState((current) => ({ ...current, loading: true }));
      const reply = await call('fleet.host', { id: hostId });
      setState((current) =>
        reply.ok
          ? { detail: reply.value, error: null, loading: false }
          : { detail: current.detail, error: reply.error, loading: false },
      );
    }),
  );

  useEffect(() => {
    void load();
    const offProgress = subscribe('scan.progress', (event) => {
      if (event.hostId === hostId && isFinished(event.state)) void load();
    });
    const offFleet = subscribe('fleet.change', (event) => {
      if (event.hostId === hostId) void load();
    });
    return () => {
      offProgress();
      offFleet();
    };
  }, [hostId, load]);

  const reload = useCallback(() => {
    void load();
  }, [load]);
  return { ...state, reload };
}
