import { useDeferredValue, useId, useMemo, useRef, useState } from 'react';
import type { InstalledPackage } from '../../../shared/domain/inventory';
import { Section } from '../../ui/Section';
import { useVirtualRows } from '../../ui/use-virtual-rows';

const ROW_HEIGHT = 27;

/** Installed packages: a few thousand on a typical server, so only the rows in view are rendered. */
export function PackageList({ packages }: { packages: readonly InstalledPackage[] }) {
  const [text, setText] = useState('');
  const filterId = useId();
  const scrollRef = useRef<HTMLDivElement>(null);
  const query = useDeferredValue(text.trim().toLowerCase());
  const shown = useMemo(
    () =>
      query === ''
        ? packages
        : packages.filter((pkg) => pkg.name.toLowerCase().includes(query) || pkg.source.toLowerCase().includes(query)),
    [packages, query],
  );
  const virtual = useVirtualRows(shown.length, ROW_HEIGHT, scrollRef);

  return (
    <Section title="Packages" count={packages.length}>
      <div className="toolbar">
        <label htmlFor={filterId} className="visually-hidden">
          Filter packages
        </label>
        <input
          id={filterId}
          type="search"
          className="filter-text"
          placeholder="Filter packages by name or source…"
          value={text}
          onChange={(event) => {
            setText(event.target.value);
          }}
        />
        <span className="muted" role="status">
          {shown.length === packages.length ? '' : `${String(shown.length)} of ${String(packages.length)} packages`}
        </span>
      </div>
      {shown.length === 0 ? (
        <p className="muted">No package matches “{text}”.</p>
      ) : (
        <div ref={scrollRef} className="table-wrap vtable-scroll vtable-short">
          <table role="table" className="vtable vtable-packages" aria-label="Packages" aria-rowcount={shown.length + 1}>
            <thead role="rowgroup">
              <tr role="row" aria-rowindex={1}>
                <th role="columnheader" scope="col">
                  Name
                </th>
                <th role="columnheader" scope="col">
                  Version
                </th>
                <th role="columnheader" scope="col">
                  Arch
                </th>
                <th role="columnheader" scope="col">
                  Source
                </th>
              </tr>
            </thead>
            <tbody role="rowgroup" style={{ height: `${String(virtual.totalHeight)}px` }}>
              {virtual.rows.map((item) => {
                const pkg = shown[item.index];
                return (
                  pkg && (
                    <tr
                      key={`${pkg.name}:${pkg.arch}`}
                      role="row"
                      aria-rowindex={item.index + 2}
                      style={{ transform: `translateY(${String(item.start)}px)`, height: `${String(ROW_HEIGHT)}px` }}
                    >
                      <th role="rowheader" scope="row">
                        {pkg.name}
                      </th>
                      <td role="cell" className="mono">
                        {pkg.version}
                      </td>
                      <td role="cell" className="mono">
                        {pkg.arch}
                      </td>
                      <td role="cell" className="mono">
                        {pkg.source}
                      </td>
                    </tr>
                  )
                );
              })}
            </tbody>
          </table>
        </div>
      )}
    </Section>
  );
}
