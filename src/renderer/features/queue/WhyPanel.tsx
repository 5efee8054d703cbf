import type { QueueItem } from '../../../shared/domain/queue';
import { ExceptionForm } from './ExceptionForm';

/** Why a fix ranks where it does: every factor of its riskiest finding, with its weight. */
export function WhyPanel({
  item,
  onClose,
  onExcepted,
}: {
  item: QueueItem;
  onClose: () => void;
  onExcepted: () => void;
}) {
  return (
    <section className="panel" aria-labelledby="why-heading">
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
      <ul className="why" aria-label="Reasons">
        {item.reasons.map((reason) => (
          <li key={reason}>{reason}</li>
        ))}
      </ul>
      <h3>Accept or defer this risk</h3>
      <ExceptionForm fix={item.fix} onDone={onExcepted} />
    </section>
  );
}
