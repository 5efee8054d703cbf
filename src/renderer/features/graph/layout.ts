import type { ServiceGraph } from '../../../shared/domain/graph';

/** The size the editor draws a service at, which the layout spaces them by. */
export const NODE_WIDTH = 200;
export const NODE_HEIGHT = 76;

/**
 * A layered layout (ELK's, left to right: a service sits left of what it depends on, and the
 * arrows run from dependent to dependency). elkjs is large, so it is loaded the first time a graph
 * needs laying out.
 */
export async function layoutGraph(graph: ServiceGraph): Promise<Map<string, { x: number; y: number }>> {
  const { default: ELK } = await import('elkjs/lib/elk.bundled.js');
  const elk = new ELK();
  const laid = await elk.layout({
    id: 'root',
    layoutOptions: {
      'elk.algorithm': 'layered',
      'elk.direction': 'RIGHT',
      'elk.spacing.nodeNode': '40',
      'elk.layered.spacing.nodeNodeBetweenLayers': '80',
    },
    children: graph.services.map((service) => ({ id: service.id, width: NODE_WIDTH, height: NODE_HEIGHT })),
    edges: graph.edges.map((edge, index) => ({
      id: `e${String(index)}`,
      sources: [edge.from],
      targets: [edge.to],
    })),
  });
  return new Map((laid.children ?? []).map((child) => [child.id, { x: child.x ?? 0, y: child.y ?? 0 }]));
}
