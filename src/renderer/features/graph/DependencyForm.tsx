import { useState } from 'react';
import type { Edge, ServiceGraph } from '../../../shared/domain/graph';
import { addEdge, removeEdge } from './graph-edit';
import { serviceName as nameOf } from './graph-labels';

interface DependencyFormProps {
  graph: ServiceGraph;
  onEdit: (change: (graph: ServiceGraph) => ServiceGraph) => void;
}

/**
 * Dependencies without the mouse: choose a service and what it depends on, and see every drawn
 * dependency with a button to remove it. The canvas and this list edit the same graph.
 */
export function DependencyForm({ graph, onEdit }: DependencyFormProps) {
  const [from, setFrom] = useState('');
  const [to, setTo] = useState('');
  const options = graph.services.map((service) => (
    <option key={service.id} value={service.id}>
      {service.name}
    </option>
  ));
  const drawn = (edge: Edge): boolean => graph.edges.some((e) => e.from === edge.from && e.to === edge.to);
  const ready = from !== '' && to !== '' && from !== to && !drawn({ from, to });
  return (
    <section className="panel" aria-labelledby="dependencies-heading">
      <h2 id="dependencies-heading">Dependencies</h2>
      <form
        className="inline-form"
        aria-label="Add a dependency"
        onSubmit={(event) => {
          event.preventDefault();
          if (!ready) return;
          onEdit((current) => addEdge(current, { from, to }));
          setFrom('');
          setTo('');
        }}
      >
        <label htmlFor="dependency-from">Service</label>
        <select
          id="dependency-from"
          value={from}
          onChange={(event) => {
            setFrom(event.target.value);
          }}
        >
          <option value="">Choose…</option>
          {options}
        </select>
        <label htmlFor="dependency-to">depends on</label>
        <select
          id="dependency-to"
          value={to}
          onChange={(event) => {
            setTo(event.target.value);
          }}
        >
          <option value="">Choose…</option>
          {options}
        </select>
        <button type="submit" disabled={!ready}>
          Add dependency
        </button>
      </form>
      {graph.edges.length === 0 ? (
        <p className="muted">No dependencies drawn yet.</p>
      ) : (
        <ul className="graph-edges" aria-label="Drawn dependencies">
          {graph.edges.map((edge) => {
            const text = `${nameOf(graph, edge.from)} depends on ${nameOf(graph, edge.to)}`;
            return (
              <li key={`${edge.from}->${edge.to}`}>
                {text}{' '}
                <button
                  type="button"
                  aria-label={`Remove: ${text}`}
                  onClick={() => {
                    onEdit((current) => removeEdge(current, edge));
                  }}
                >
                  Remove
                </button>
              </li>
            );
          })}
        </ul>
      )}
    </section>
  );
}
