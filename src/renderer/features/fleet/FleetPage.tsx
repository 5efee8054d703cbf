import { useCallback, useDeferredValue, useEffect, useMemo, useState } from 'react';
import type { Host } from '../../../shared/domain/host';
import { subscribe } from '../../api/client';
import { useReadySignal } from '../../app/use-ready-signal';
import { LoadFailure } from '../../ui/LoadFailure';
import { LoadingNote } from '../../ui/LoadingNote';
import { Page } from '../../ui/Page';
import { ImportDialog } from '../import/ImportDialog';
import { liveStates } from '../scan/scan-model';
import { useScanStore } from '../scan/scan-store';
import { ScanProgress } from '../scan/ScanProgress';
import { fleetRows, filterRows, nextSort, NO_FILTER, sortRows, type Sort, type SortKey } from './fleet-rows';
import { FleetFilters } from './FleetFilters';
import { FleetTable } from './FleetTable';
import { useFleetStore } from './fleet-store';
import { HostForm } from './HostForm';
import { RemoveHost } from './RemoveHost';
import { ScanButtons } from './ScanButtons';
import { useSelection } from './use-selection';

type FormState = { open: false } | { open: true; host: Host | null };

export function FleetPage() {
  const hosts = useFleetStore((state) => state.hosts);
  const summaries = useFleetStore((state) => state.summaries);
  const loading = useFleetStore((state) => state.loading);
  const error = useFleetStore((state) => state.error);
  const summariesError = useFleetStore((state) => state.summariesError);
  const refresh = useFleetStore((state) => state.refresh);
  const runs = useScanStore((state) => state.runs);
  const [form, setForm] = useState<FormState>({ open: false });
  const [importing, setImporting] = useState(false);
  const [removing, setRemoving] = useState<Host | null>(null);
  const [removeError, setRemoveError] = useState<string | null>(null);
  const [filter, setFilter] = useState(NO_FILTER);
  const [sort, setSort] = useState<Sort>({ key: 'name', direction: 'ascending' });

  // Another window, browser tab or CLI may change the fleet; the event keeps this list current.
  useEffect(() => {
    void refresh();
    return subscribe('fleet.change', () => {
      void refresh();
    });
  }, [refresh]);
  useReadySignal(hosts !== null || error !== null);

  const live = useMemo(() => liveStates(runs), [runs]);
  const all = useMemo(() => fleetRows(hosts ?? [], summaries, live), [hosts, summaries, live]);
  // Typing in the filter stays responsive with thousands of hosts: the table catches up after.
  const deferredFilter = useDeferredValue(filter);
  const shown = useMemo(() => sortRows(filterRows(all, deferredFilter), sort), [all, deferredFilter, sort]);
  const hostIds = useMemo(() => (hosts ?? []).map((host) => host.id), [hosts]);
  const selection = useSelection(hostIds);
  const { toggleMany } = selection;
  const onToggleAll = useCallback(
    (on: boolean) => {
      toggleMany(
        shown.map((row) => row.host.id),
        on,
      );
    },
    [toggleMany, shown],
  );
  const onSort = useCallback((key: SortKey) => {
    setSort((current) => nextSort(current, key));
  }, []);
  const onEdit = useCallback((host: Host) => {
    setForm({ open: true, host });
  }, []);

  const actions = (
    <>
      <LoadingNote loading={loading} />
      <button
        type="button"
        onClick={() => {
          setImporting(true);
        }}
      >
        Import hosts
      </button>
      <button
        type="button"
        className="primary"
        onClick={() => {
          setForm({ open: true, host: null });
        }}
      >
        Add host
      </button>
    </>
  );

  return (
    <Page title="Fleet" actions={actions} fill>
      {form.open && (
        <HostForm
          key={form.host?.id ?? 'new'}
          host={form.host}
          onClose={() => {
            setForm({ open: false });
          }}
        />
      )}
      <ScanProgress />
      {removeError && (
        <p className="notice notice-error" role="alert">
          {removeError}
        </p>
      )}
      {error && (
        <LoadFailure
          what="hosts"
          message={error}
          onRetry={() => {
            void refresh();
          }}
        />
      )}
      {summariesError && (
        <p className="notice notice-error" role="alert">
          Scan results could not be loaded ({summariesError}); the scan columns are blank.
        </p>
      )}
      {hosts?.length === 0 && (
        <p className="empty">
          No hosts yet. Add your first server with Add host, or bring in an inventory you already have (ssh config,
          known_hosts, Ansible or CSV) with Import hosts.
        </p>
      )}
      {hosts && hosts.length > 0 && (
        <>
          <div className="toolbar-row">
            <FleetFilters filter={filter} shown={shown.length} total={hosts.length} onChange={setFilter} />
            <ScanButtons selectedIds={selection.ids} total={hosts.length} />
          </div>
          {shown.length === 0 ? (
            <p className="empty">
              No host matches this filter.{' '}
              <button
                type="button"
                onClick={() => {
                  setFilter(NO_FILTER);
                }}
              >
                Clear the filter
              </button>
            </p>
          ) : (
            <FleetTable
              rows={shown}
              sort={sort}
              selected={selection.selected}
              busy={loading}
              onSort={onSort}
              onToggle={selection.toggle}
              onToggleAll={onToggleAll}
              onEdit={onEdit}
              onRemove={setRemoving}
            />
          )}
        </>
      )}
      {importing && (
        <ImportDialog
          onClose={() => {
            setImporting(false);
          }}
        />
      )}
      {removing && (
        <RemoveHost
          host={removing}
          onDone={(failure) => {
            setRemoving(null);
            setRemoveError(failure);
            if (failure === null && form.open && form.host?.id === removing.id) setForm({ open: false });
          }}
        />
      )}
    </Page>
  );
}
