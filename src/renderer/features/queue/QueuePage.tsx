import { useEffect, useMemo, useState } from 'react';
import { subscribe } from '../../api/client';
import { useReadySignal } from '../../app/use-ready-signal';
import { LoadFailure } from '../../ui/LoadFailure';
import { LoadingNote } from '../../ui/LoadingNote';
import { Page } from '../../ui/Page';
import { ExceptionList } from './ExceptionList';
import { FeedAges } from './FeedAges';
import { useFleetStore } from '../fleet/fleet-store';
import { filterQueue, hostGroups, NO_FILTER, type QueueFilter } from './queue-filter';
import { QueueFilters } from './QueueFilters';
import { QueueTable } from './QueueTable';
import { useQueueStore } from './queue-store';
import { WhyPanel } from './WhyPanel';

/** The patch queue: fixes ranked by risk in this site, the feeds behind it, and why each ranks. */
export function QueuePage() {
  const rows = useQueueStore((state) => state.rows);
  const feeds = useQueueStore((state) => state.feeds);
  const loading = useQueueStore((state) => state.loading);
  const error = useQueueStore((state) => state.error);
  const exceptions = useQueueStore((state) => state.exceptions);
  const selected = useQueueStore((state) => state.selected);
  const refresh = useQueueStore((state) => state.refresh);
  const select = useQueueStore((state) => state.select);

  useEffect(() => {
    void refresh();
    // A finished scan or an imported feed (both audited) changes the queue.
    const offRun = subscribe('scan.run', () => {
      void refresh();
    });
    const offAudit = subscribe('audit.entry', ({ action }) => {
      if (action === 'feed.import') void refresh();
    });
    return () => {
      offRun();
      offAudit();
    };
  }, [refresh]);
  // The fleet's tags are the host groups the queue can be narrowed to.
  const hosts = useFleetStore((state) => state.hosts);
  const refreshHosts = useFleetStore((state) => state.refresh);
  useEffect(() => {
    void refreshHosts();
  }, [refreshHosts]);
  useReadySignal(rows !== null || error !== null);
  const [filter, setFilter] = useState<QueueFilter>(NO_FILTER);
  const groups = useMemo(() => hostGroups(hosts ?? []), [hosts]);
  const shown = useMemo(
    () => (rows ? filterQueue(rows, filter, new Date(), hosts ?? []) : new Uint32Array(0)),
    [rows, filter, hosts],
  );
  const selectedIndex = useMemo(() => (rows && selected !== null ? rows.indexOf(selected) : -1), [rows, selected]);
  // One object for as long as the row and the queue stay: the why panel asks for reasons per row.
  const open = useMemo(() => (rows && selectedIndex >= 0 ? rows.row(selectedIndex) : undefined), [rows, selectedIndex]);

  return (
    <Page title="Patch queue" actions={<LoadingNote loading={loading} />} fill>
      {error && (
        <LoadFailure
          what="the patch queue"
          message={error}
          onRetry={() => {
            void refresh();
          }}
        />
      )}
      <FeedAges feeds={feeds} />
      {rows?.length === 0 && feeds.length > 0 && (
        <p className="empty">Nothing to patch: no scanned host has a package the imported advisories name.</p>
      )}
      {open && (
        <WhyPanel
          item={open}
          onClose={() => {
            select(null);
          }}
          onExcepted={() => {
            select(null);
            void refresh();
          }}
        />
      )}
      <ExceptionList
        exceptions={exceptions}
        onChange={() => {
          void refresh();
        }}
      />
      {rows && rows.length > 0 && (
        <>
          <QueueFilters filter={filter} groups={groups} shown={shown.length} total={rows.length} onChange={setFilter} />
          <QueueTable rows={rows} shown={shown} selected={selectedIndex} busy={loading} onSelect={select} />
        </>
      )}
    </Page>
  );
}
