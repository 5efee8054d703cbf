import { useEffect, useId, useMemo, useRef, useState } from 'react';
import type { FindingRow } from '../../../shared/domain/queue';
import { subscribe } from '../../api/client';
import { useReadySignal } from '../../app/use-ready-signal';
import { plural } from '../../ui/format';
import { LoadFailure } from '../../ui/LoadFailure';
import { Page } from '../../ui/Page';
import { FilterSelect } from '../../ui/FilterSelect';
import { useVirtualRows } from '../../ui/use-virtual-rows';
import { FeedAges } from '../queue/FeedAges';
import { filterFindings, STATE_FILTERS, STATE_LABELS, type StateFilter } from './finding-filter';
import { useVulnsStore } from './vulns-store';

const ROW_HEIGHT = 31;

function FindingsTable({ rows }: { rows: readonly FindingRow[] }) {
  const scrollRef = useRef<HTMLDivElement>(null);
  const virtual = useVirtualRows(rows.length, ROW_HEIGHT, scrollRef);
  return (
    <div ref={scrollRef} className="table-wrap vtable-scroll">
      <table role="table" className="vtable vtable-findings" aria-label="Findings" aria-rowcount={rows.length + 1}>
        <thead role="rowgroup">
          <tr role="row" aria-rowindex={1}>
            {['Host', 'Package', 'Installed', 'State', 'Fixed in', 'Advisory', 'CVEs', 'Rating'].map((label) => (
              <th key={label} role="columnheader" scope="col">
                {label}
              </th>
            ))}
          </tr>
        </thead>
        <tbody role="rowgroup" style={{ height: `${String(virtual.totalHeight)}px` }}>
          {virtual.rows.map(({ index, start }) => {
            const row = rows[index];
            if (!row) return null;
            return (
              <tr
                key={`${row.host}\u0000${row.advisory}\u0000${row.package}\u0000${row.installed}`}
                role="row"
                aria-rowindex={index + 2}
                style={{ transform: `translateY(${String(start)}px)` }}
              >
                <td role="cell">{row.host}</td>
                <td role="cell">{row.package}</td>
                <td role="cell" className="mono">
                  {row.installed}
                </td>
                <td role="cell">
                  {STATE_LABELS[row.state]}
                  {row.kernel === 'not-running' && <span className="muted"> (kernel installed, not running)</span>}
                </td>
                <td role="cell" className="mono">
                  {row.fixed ?? '—'}
                </td>
                <td role="cell">{row.advisory}</td>
                <td role="cell">{row.cves.join(', ')}</td>
                <td role="cell">{row.severity ?? '—'}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}

/** Every finding on every scanned host, in every state: what the queue leaves out is still shown here. */
export function VulnerabilitiesPage() {
  const data = useVulnsStore((store) => store.data);
  const error = useVulnsStore((store) => store.error);
  const refresh = useVulnsStore((store) => store.refresh);
  const [state, setState] = useState<StateFilter>('all');
  const [text, setText] = useState('');
  const id = useId();

  useEffect(() => {
    void refresh();
    // A finished scan or an imported feed changes the findings.
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
  useReadySignal(data !== null || error !== null);
  const shown = useMemo(() => (data ? filterFindings(data.findings, state, text) : []), [data, state, text]);

  return (
    <Page title="Vulnerabilities" fill>
      {error && (
        <LoadFailure
          what="the findings"
          message={error}
          onRetry={() => {
            void refresh();
          }}
        />
      )}
      {data && <FeedAges feeds={data.feeds} />}
      {data && data.findings.length === 0 && data.feeds.length > 0 && (
        <p className="empty">No finding: no scanned host has a package the imported advisories name.</p>
      )}
      {data && data.findings.length > 0 && (
        <>
          <div className="toolbar" role="search" aria-label="Filter findings">
            <label htmlFor={`${id}-text`} className="visually-hidden">
              Filter findings
            </label>
            <input
              id={`${id}-text`}
              type="search"
              className="filter-text"
              placeholder="Filter by host, package, advisory, CVE…"
              value={text}
              onChange={(event) => {
                setText(event.target.value);
              }}
            />
            <FilterSelect
              id={`${id}-state`}
              label="State"
              value={state}
              options={STATE_FILTERS}
              labels={STATE_LABELS}
              onChange={setState}
            />
            <span className="muted" role="status">
              {shown.length === data.findings.length
                ? plural(shown.length, 'finding')
                : `Showing ${String(shown.length)} of ${plural(data.findings.length, 'finding')}`}
            </span>
          </div>
          <FindingsTable rows={shown} />
        </>
      )}
    </Page>
  );
}
