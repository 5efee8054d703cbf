import { useEffect, useState } from 'react';
import type { QueueRow } from '../../../shared/domain/queue';
import { call } from '../../api/client';
import { hrefFor } from '../../app/routes';
import { LoadFailure } from '../../ui/LoadFailure';
import { useRolloutStore } from '../rollouts/rollout-store';
import { ExceptionForm } from './ExceptionForm';

type Reasons = { state: 'loading' } | { state: 'loaded'; lines: string[] } | { state: 'failed'; message: string };

/**
 * Every factor of a fix's riskiest finding, with its weight, asked for when the panel opens (the
 * list does not carry them) and again whenever the queue is reloaded: a reply for an older row
 * or attempt shows as loading.
 */
function useReasons(row: QueueRow): [Reasons, () => void] {
  const [attempt, setAttempt] = useState(0);
  const [answer, setAnswer] = useState<{ row: QueueRow; attempt: number; reasons: Reasons } | null>(null);
  useEffect(() => {
    let current = true;
    void call('queue.why', { fix: row.fix }).then((reply) => {
      if (!current) return;
      setAnswer({
        row,
        attempt,
        reasons: reply.ok
          ? { state: 'loaded', lines: reply.value.reasons }
          : { state: 'failed', message: reply.error.message },
      });
    });
    return () => {
      current = false;
    };
  }, [row, attempt]);
  const reasons = answer?.row === row && answer.attempt === attempt ? answer.reasons : { state: 'loading' as const };
  return [
    reasons,
    () => {
      setAttempt((n) => n + 1);
    },
  ];
}

/** Why a fix ranks where it does: every factor of its riskiest finding, with its weight. */
export function WhyPanel({
  item,
  onClose,
  onExcepted,
}: {
  item: QueueRow;
  onClose: () => void;
  onExcepted: () => void;
}) {
  const [reasons, retry] = useReasons(item);
  const setScope = useRolloutStore((state) => state.setScope);
  return (
    <section className="panel" aria-labelledby="why-heading" aria-busy={reasons.state === 'loading'}>
      <div className="page-head">
        <h2 id="why-heading">
          Why {item.fix} ranks #{item.rank}
        </h2>
        <button type="button" onClick={onClose}>
          Close
        </button>
      </div>
      <p>
        Score {item.score.toFixed(1)}, SSVC {item.ssvc}
        {item.due ? `, due ${item.due.slice(0, 10)}` : ''}. Closes {item.cves.join(', ') || 'no listed CVE'} on{' '}
        {item.hosts.join(', ')}.
      </p>
      <p>
        {/* A link, as it navigates; the click first narrows the plan to this fix (kept in the
            app's state, not the address: a new window plans every fix). */}
        <a
          href={hrefFor('rollouts')}
          onClick={() => {
            setScope({ fixes: [item.fix] });
          }}
        >
          Plan a rollout of {item.fix}
        </a>
      </p>
      {reasons.state === 'failed' && (
        <LoadFailure what={`the reasons for ${item.fix}`} message={reasons.message} onRetry={retry} />
      )}
      {reasons.state === 'loading' && <p className="muted">Loading the reasons…</p>}
      {reasons.state === 'loaded' && (
        <ul className="why" aria-label="Reasons">
          {reasons.lines.map((reason) => (
            <li key={reason}>{reason}</li>
          ))}
        </ul>
      )}
      <h3>Accept or defer this risk</h3>
      <ExceptionForm fix={item.fix} onDone={onExcepted} />
    </section>
  );
}
