import {
  Background,
  Controls,
  MarkerType,
  ReactFlow,
  type Connection,
  type Edge as FlowEdge,
  type EdgeChange,
  type NodeChange,
  type ReactFlowInstance,
} from '@xyflow/react';
import '@xyflow/react/dist/style.css';
import { useEffect, useMemo, useState } from 'react';
import type { Edge, ServiceGraph } from '../../../shared/domain/graph';
import { addEdge, removeEdge, removeService, updateService } from './graph-edit';
import { ServiceNode, type ServiceNodeType } from './ServiceNode';

const NODE_TYPES = { service: ServiceNode };
const edgeId = (edge: Edge): string => `${edge.from}->${edge.to}`;

interface GraphCanvasProps {
  graph: ServiceGraph;
  selected: string | null;
  /** Services in a cycle, drawn flagged. */
  flagged: ReadonlySet<string>;
  onEdit: (change: (graph: ServiceGraph) => ServiceGraph) => void;
  onSelect: (id: string | null) => void;
  /** Changes when the whole view should be fitted again: after a load or a layout. */
  fitKey: number;
}

/**
 * The graph drawn with React Flow: drag services to place them, drag from a service's right
 * handle to another to say it depends on that one, select and press Delete to remove. React Flow
 * makes nodes focusable: Tab to one, Enter to select, arrow keys to move it.
 */
export function GraphCanvas({ graph, selected, flagged, onEdit, onSelect, fitKey }: GraphCanvasProps) {
  const [flow, setFlow] = useState<ReactFlowInstance<ServiceNodeType> | null>(null);
  useEffect(() => {
    // After the layout has moved the nodes: the next frame, once React Flow has placed them.
    const frame = requestAnimationFrame(() => void flow?.fitView({ padding: 0.2, maxZoom: 1 }));
    return () => {
      cancelAnimationFrame(frame);
    };
  }, [flow, fitKey]);
  // React Flow measures each node before it shows it; the sizes live here, the graph in the store.
  const [sizes, setSizes] = useState<ReadonlyMap<string, { width: number; height: number }>>(new Map());
  const [selectedEdges, setSelectedEdges] = useState<ReadonlySet<string>>(new Set());

  const nodes = useMemo(
    (): ServiceNodeType[] =>
      graph.services.map((service, index) => {
        const size = sizes.get(service.id);
        return {
          id: service.id,
          type: 'service',
          position: service.position ?? { x: 40 + (index % 4) * 240, y: 40 + Math.floor(index / 4) * 120 },
          data: { service, flagged: flagged.has(service.id) },
          selected: service.id === selected,
          ariaLabel: `Service ${service.name}`,
          ...(size ? { measured: size } : {}),
        };
      }),
    [graph.services, sizes, selected, flagged],
  );
  const edges = useMemo(
    (): FlowEdge[] =>
      graph.edges.map((edge) => ({
        id: edgeId(edge),
        source: edge.from,
        target: edge.to,
        selected: selectedEdges.has(edgeId(edge)),
        markerEnd: { type: MarkerType.ArrowClosed },
        ariaLabel: `${edge.from} depends on ${edge.to}`,
      })),
    [graph.edges, selectedEdges],
  );

  const onNodesChange = (changes: NodeChange<ServiceNodeType>[]): void => {
    for (const change of changes) {
      if (change.type === 'dimensions' && change.dimensions) {
        const { width, height } = change.dimensions;
        setSizes((known) => new Map(known).set(change.id, { width, height }));
      } else if (change.type === 'position' && change.position) {
        const at = change.position;
        onEdit((current) => updateService(current, change.id, (service) => ({ ...service, position: at })));
      } else if (change.type === 'select') {
        if (change.selected) onSelect(change.id);
        else if (change.id === selected) onSelect(null);
      } else if (change.type === 'remove') {
        onEdit((current) => removeService(current, change.id));
        if (change.id === selected) onSelect(null);
      }
    }
  };
  const onEdgesChange = (changes: EdgeChange[]): void => {
    for (const change of changes) {
      if (change.type === 'select')
        setSelectedEdges((current) => {
          const next = new Set(current);
          if (change.selected) next.add(change.id);
          else next.delete(change.id);
          return next;
        });
      else if (change.type === 'remove') {
        const edge = graph.edges.find((drawn) => edgeId(drawn) === change.id);
        if (edge) onEdit((current) => removeEdge(current, edge));
      }
    }
  };
  const onConnect = (connection: Connection): void => {
    onEdit((current) => addEdge(current, { from: connection.source, to: connection.target }));
  };

  return (
    <div className="graph-canvas">
      <ReactFlow
        nodes={nodes}
        edges={edges}
        nodeTypes={NODE_TYPES}
        onNodesChange={onNodesChange}
        onEdgesChange={onEdgesChange}
        onConnect={onConnect}
        deleteKeyCode={['Delete', 'Backspace']}
        onInit={setFlow}
        fitView
        fitViewOptions={{ padding: 0.2, maxZoom: 1 }}
        maxZoom={1.5}
        aria-label="Service graph"
      >
        <Background />
        <Controls />
      </ReactFlow>
    </div>
  );
}
