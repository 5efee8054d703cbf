import { useEffect, useId, useRef } from 'react';
import type { HealthCheck } from '../../../shared/domain/graph';
import { HealthCheckForm } from './HealthCheckForm';
import { describeCheck, MAX_CHECKS } from './service-fields';

interface HealthChecksProps {
  serviceName: string;
  checks: readonly HealthCheck[];
  onAdd: (check: HealthCheck) => void;
  onRemove: (index: number) => void;
}

/** The checks run on each member after it is patched, each in words with a Remove button, and the add form. */
export function HealthChecks({ serviceName, checks, onAdd, onRemove }: HealthChecksProps) {
  const headingId = useId();
  const sectionRef = useRef<HTMLElement>(null);
  // Where focus goes once a removed check's button is gone: the check that took its place, the
  // one before it, or the add form, so a keyboard user is not dropped at the top of the page.
  const refocus = useRef<number | null>(null);
  useEffect(() => {
    const at = refocus.current;
    if (at === null) return;
    refocus.current = null;
    const buttons = sectionRef.current?.querySelectorAll<HTMLElement>('li button');
    const next = buttons?.[Math.min(at, buttons.length - 1)] ?? sectionRef.current?.querySelector('select');
    next?.focus();
  });

  return (
    <section ref={sectionRef} aria-labelledby={headingId}>
      <h3 id={headingId}>Health checks</h3>
      {checks.length === 0 ? (
        <p className="muted">No health checks yet: each one runs on a member after it is patched.</p>
      ) : (
        <ul className="graph-checks" aria-label={`Health checks of ${serviceName}`}>
          {checks.map((check, index) => {
            const words = describeCheck(check);
            return (
              <li key={`${String(index)} ${words}`}>
                <span title={check.kind === 'command' ? check.command : undefined}>{words}</span>
                <button
                  type="button"
                  aria-label={`Remove check: ${words}`}
                  onClick={() => {
                    refocus.current = index;
                    onRemove(index);
                  }}
                >
                  Remove
                </button>
              </li>
            );
          })}
        </ul>
      )}
      {checks.length >= MAX_CHECKS ? (
        <p className="field-hint">A service has at most {MAX_CHECKS} health checks: remove one to add another.</p>
      ) : (
        <HealthCheckForm checks={checks} onAdd={onAdd} />
      )}
    </section>
  );
}
