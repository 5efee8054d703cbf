import { useEffect, useMemo, useState } from 'react';
import { subscribe } from '../../api/client';
import { useReadySignal } from '../../app/use-ready-signal';
import { LoadFailure } from '../../ui/LoadFailure';
import { LoadingNote } from '../../ui/LoadingNote';
import { Page } from '../../ui/Page';
import { useFleetStore } from '../fleet/fleet-store';
import { DependencyForm } from './DependencyForm';
import { GraphCanvas } from './GraphCanvas';
import { GraphIssues } from './GraphIssues';
import { addService, placeServices } from './graph-edit';
import { draftProblem, isDirty, useGraphStore } from './graph-store';
import { layoutGraph } from './layout';
import { ProposalList } from './ProposalList';
import { ServicePanel } from './ServicePanel';

/** The Service graph area: draw services and dependencies, accept what scans saw, save versions. */
export function GraphPage() {
  const { saved, draft, selected, busy, error, load, edit, select, save, revert, accept, reject } = useGraphStore();
  const hosts = useFleetStore((state) => state.hosts);
  const refreshHosts = useFleetStore((state) => state.refresh);
  const [newName, setNewName] = useState('');
  const [fitKey, setFitKey] = useState(0);

  useEffect(() => {
    void load();
    void refreshHosts();
    const offAudit = subscribe('audit.entry', ({ action }) => {
      if (action.startsWith('graph.') || action.startsWith('host.')) void load();
    });
    const offRun = subscribe('scan.run', () => {
      void load();
    });
    return () => {
      offAudit();
      offRun();
    };
  }, [load, refreshHosts]);
  useReadySignal(saved !== null || error !== null);

  const flagged = useMemo(() => new Set(saved?.cycles.flat() ?? []), [saved]);
  const hostNames = useMemo(() => (hosts ?? []).map((host) => host.name).sort(), [hosts]);
  const open = draft?.services.find((service) => service.id === selected);
  const dirty = isDirty(saved, draft);
  const problem = draft ? draftProblem(draft) : null;

  const autoLayout = async (): Promise<void> => {
    if (!draft) return;
    const positions = await layoutGraph(draft);
    edit((current) => placeServices(current, positions));
    setFitKey((key) => key + 1);
  };

  return (
    <Page
      title="Service graph"
      fill
      actions={
        <>
          <LoadingNote loading={busy} />
          <span className="muted" role="status">
            {saved ? (saved.version === 0 ? 'Not saved yet' : `Version ${String(saved.version)}`) : ''}
            {dirty ? ' · unsaved changes' : ''}
          </span>
          <button type="button" disabled={!draft || draft.services.length === 0} onClick={() => void autoLayout()}>
            Auto layout
          </button>
          <button type="button" disabled={!dirty || busy} onClick={revert}>
            Revert
          </button>
          <button
            type="button"
            className="primary"
            disabled={!dirty || busy || problem !== null}
            onClick={() => void save()}
          >
            Save graph
          </button>
        </>
      }
    >
      {error && saved === null && <LoadFailure what="the service graph" message={error} onRetry={() => void load()} />}
      {error && saved !== null && (
        <p className="form-error" role="alert">
          {error}
        </p>
      )}
      {problem && dirty && (
        <p className="form-error" role="alert">
          Not saved: {problem}
        </p>
      )}
      {saved && draft && (
        <>
          <GraphIssues state={saved} />
          <ProposalList
            state={saved}
            busy={busy}
            onAccept={(edge) => void accept(edge)}
            onReject={(edge) => void reject(edge)}
          />
          <form
            className="inline-form"
            aria-label="Add a service"
            onSubmit={(event) => {
              event.preventDefault();
              if (newName.trim() === '') return;
              edit((current) => addService(current, newName, null));
              setNewName('');
            }}
          >
            <label htmlFor="new-service-name">New service</label>
            <input
              id="new-service-name"
              value={newName}
              maxLength={80}
              onChange={(event) => {
                setNewName(event.target.value);
              }}
            />
            <button type="submit" disabled={newName.trim() === ''}>
              Add service
            </button>
            <label htmlFor="edit-service">Edit</label>
            <select
              id="edit-service"
              value={selected ?? ''}
              onChange={(event) => {
                select(event.target.value || null);
              }}
            >
              <option value="">Choose a service…</option>
              {draft.services.map((service) => (
                <option key={service.id} value={service.id}>
                  {service.name}
                </option>
              ))}
            </select>
          </form>
          <div className="graph-layout">
            <GraphCanvas
              graph={draft}
              selected={selected}
              flagged={flagged}
              onEdit={edit}
              onSelect={select}
              fitKey={fitKey}
            />
            {open && (
              <ServicePanel
                service={open}
                hosts={hostNames}
                onEdit={edit}
                onClose={() => {
                  select(null);
                }}
              />
            )}
          </div>
          <DependencyForm graph={draft} onEdit={edit} />
        </>
      )}
    </Page>
  );
}
