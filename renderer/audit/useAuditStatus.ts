import { useCallback, useEffect, useState } from 'react';
import type { ApiError, AuditStatus } from '../../electron/api';
import { asApiError } from '../api/asApiError';
import { useStores } from '../state/stores';

/** What of the team log is stored, re-read when a download finishes. */
export function useAuditStatus(): { status: AuditStatus | null; error: ApiError | null; reload: () => Promise<void> } {
  const { api } = useStores();
  const [status, setStatus] = useState<AuditStatus | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const reload = useCallback(async () => {
    try {
      setStatus(await api.call('audit.status', {}));
      setError(null);
    } catch (caught) {
      setError(asApiError(caught));
    }
  }, [api]);
  useEffect(() => {
    void reload();
    return api.subscribe((event) => {
      if ((event.type === 'audit.progress' && event.state !== 'downloading') || event.type === 'sync.status') void reload();
    });
  }, [api, reload]);
  return { status, error, reload };
}
