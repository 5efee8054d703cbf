import { useId } from 'react';
import { MEMBER_ROLES, SERVICE_KINDS, type Service, type ServiceGraph } from '../../../shared/domain/graph';
import { Field } from '../../ui/Field';
import { Select } from '../../ui/Select';
import { FilterSelect } from '../../ui/FilterSelect';
import { DrainFields } from './DrainFields';
import { addMember, removeMember, removeService, updateService } from './graph-edit';
import { budgetText, MEMBER_ROLE_LABELS, SERVICE_KIND_LABELS } from './graph-labels';
import { HealthChecks } from './HealthChecks';
import { withCheck, withKind, withoutCheck } from './service-fields';
import { SwitchoverFields } from './SwitchoverFields';

interface ServicePanelProps {
  service: Service;
  /** Fleet hosts by name, for adding members. */
  hosts: readonly string[];
  onEdit: (change: (graph: ServiceGraph) => ServiceGraph) => void;
  onClose: () => void;
}

/**
 * One service's settings: name, kind, members and their roles, its availability budget, how its
 * members are drained and checked, and (for a database cluster) how its primary is handed over.
 */
export function ServicePanel({ service, hosts, onEdit, onClose }: ServicePanelProps) {
  const headingId = useId();
  const change = (next: (current: Service) => Service): void => {
    onEdit((graph) => updateService(graph, service.id, next));
  };
  const candidates = hosts.filter((name) => !service.members.some((member) => member.host === name));
  return (
    <section className="panel graph-panel" aria-labelledby={headingId}>
      <div className="page-head">
        <h2 id={headingId}>{service.name}</h2>
        <button type="button" onClick={onClose}>
          Close
        </button>
      </div>
      <div className="form-grid">
        <Field id="service-name" label="Name">
          {(control) => (
            <input
              {...control}
              value={service.name}
              onChange={(event) => {
                change((current) => ({ ...current, name: event.target.value }));
              }}
            />
          )}
        </Field>
        <Field id="service-kind" label="Kind">
          {(control) => (
            <Select
              control={control}
              value={service.kind}
              options={SERVICE_KINDS}
              labels={SERVICE_KIND_LABELS}
              onChange={(kind) => {
                change((current) => withKind(current, kind));
              }}
            />
          )}
        </Field>
        <Field id="service-budget" label="Members that must stay up" hint={budgetText(service)}>
          {(control) => (
            <input
              {...control}
              type="number"
              min={0}
              max={service.members.length}
              value={service.minHealthy}
              onChange={(event) => {
                const wanted = Math.max(0, Math.min(service.members.length, Math.floor(Number(event.target.value))));
                if (Number.isFinite(wanted)) change((current) => ({ ...current, minHealthy: wanted }));
              }}
            />
          )}
        </Field>
      </div>
      <h3>Members</h3>
      {service.members.length === 0 && <p className="muted">No hosts yet.</p>}
      <ul className="graph-members" aria-label={`Members of ${service.name}`}>
        {service.members.map((member) => (
          <li key={member.host}>
            <span>{member.host}</span>
            <FilterSelect
              id={`role-${member.host}`}
              label={`Role of ${member.host}`}
              value={member.role}
              options={MEMBER_ROLES}
              labels={MEMBER_ROLE_LABELS}
              onChange={(role) => {
                change((current) => ({
                  ...current,
                  members: current.members.map((m) => (m.host === member.host ? { ...m, role } : m)),
                }));
              }}
            />
            <button
              type="button"
              aria-label={`Remove ${member.host} from ${service.name}`}
              onClick={() => {
                onEdit((graph) => removeMember(graph, service.id, member.host));
              }}
            >
              Remove
            </button>
          </li>
        ))}
      </ul>
      {candidates.length > 0 && (
        <Field id="service-add-member" label="Add a host">
          {(control) => (
            <select
              {...control}
              value=""
              onChange={(event) => {
                const host = event.target.value;
                if (host) onEdit((graph) => addMember(graph, service.id, host));
              }}
            >
              <option value="">Choose a host…</option>
              {candidates.map((name) => (
                <option key={name} value={name}>
                  {name}
                </option>
              ))}
            </select>
          )}
        </Field>
      )}
      <DrainFields
        drain={service.drain}
        hosts={hosts}
        onChange={(drain) => {
          change((current) => ({ ...current, drain }));
        }}
      />
      {service.kind === 'database-cluster' && (
        <SwitchoverFields
          switchover={service.switchover}
          onChange={(switchover) => {
            change((current) => ({ ...current, switchover }));
          }}
        />
      )}
      {/* Keyed by service: a half-typed check belongs to the service it was typed for. */}
      <HealthChecks
        key={service.id}
        serviceName={service.name}
        checks={service.checks}
        onAdd={(check) => {
          change((current) => withCheck(current, check));
        }}
        onRemove={(index) => {
          change((current) => withoutCheck(current, index));
        }}
      />
      <div className="form-actions">
        <button
          type="button"
          className="danger"
          onClick={() => {
            onEdit((graph) => removeService(graph, service.id));
            onClose();
          }}
        >
          Delete service
        </button>
      </div>
    </section>
  );
}
