import { Handle, Position, type Node, type NodeProps } from '@xyflow/react';
import { memo } from 'react';
import type { Service } from '../../../shared/domain/graph';
import { budgetText, SERVICE_KIND_LABELS } from './graph-labels';

export type ServiceNodeType = Node<{ service: Service; flagged: boolean }, 'service'>;

/** A service on the canvas: its name, kind, members and budget; arrows leave on the right. */
export const ServiceNode = memo(function ServiceNode({ data, selected }: NodeProps<ServiceNodeType>) {
  const { service, flagged } = data;
  return (
    <div className={`graph-node graph-node-${service.kind}${selected ? ' selected' : ''}${flagged ? ' flagged' : ''}`}>
      <Handle type="target" position={Position.Left} />
      <strong>{service.name}</strong>
      <span className="muted">
        {SERVICE_KIND_LABELS[service.kind]} · {service.members.length} {service.members.length === 1 ? 'host' : 'hosts'}
      </span>
      <span className="muted">{budgetText(service)}</span>
      <Handle type="source" position={Position.Right} />
    </div>
  );
});
