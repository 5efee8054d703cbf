import { useEffect } from 'react';
import { subscribe } from '../../api/client';
import { useReadySignal } from '../../app/use-ready-signal';
import { LoadFailure } from '../../ui/LoadFailure';
import { LoadingNote } from '../../ui/LoadingNote';
import { Page } from '../../ui/Page';
import { AUDIT_PAGE_SIZE, useAuditStore } from './audit-store';
import { AuditTable } from './AuditTable';
import { VerifyChain } from './VerifyChain';

export function AuditPage() {
  const entries = useAuditStore((state) => state.entries);
  const loading = useAuditStore((state) => state.loading);
  const error = useAuditStore((state) => state.error);
  const refresh = useAuditStore((state) => state.refresh);

  useEffect(() => {
    void refresh();
    return subscribe('audit.entry', () => {
      void refresh();
    });
  }, [refresh]);
  useReadySignal(entries !== null || error !== null);

  const actions = (
    <>
      <LoadingNote loading={loading} />
      <VerifyChain />
    </>
  );

  return (
    <Page title="Audit log" actions={actions}>
      {error && (
        <LoadFailure
          what="the audit log"
          message={error}
          onRetry={() => {
            void refresh();
          }}
        />
      )}
      {entries?.length === 0 && (
        <p className="empty">Nothing recorded yet. Every change to hosts and settings will be listed here.</p>
      )}
      {entries && entries.length > 0 && <AuditTable entries={entries} busy={loading} />}
      {entries?.length === AUDIT_PAGE_SIZE && (
        <p className="muted">Showing the newest {AUDIT_PAGE_SIZE} entries. Verify chain checks all of them.</p>
      )}
    </Page>
  );
}
