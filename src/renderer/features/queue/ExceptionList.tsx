import type { RiskException } from '../../../shared/domain/queue';
import { call } from '../../api/client';

const STATE_TEXT: Readonly<Record<RiskException['state'], string>> = {
  active: 'active',
  expired: 'expired (back in the queue)',
  revoked: 'revoked',
};

/** Every exception with its owner, reason and end; an active one can be revoked. */
export function ExceptionList({
  exceptions,
  onChange,
}: {
  exceptions: readonly RiskException[];
  onChange: () => void;
}) {
  if (exceptions.length === 0) return null;
  return (
    <section className="panel" aria-labelledby="exceptions-heading">
      <h2 id="exceptions-heading">Exceptions</h2>
      <ul className="why" aria-label="Exceptions">
        {exceptions.map((exception) => (
          <li key={exception.id}>
            <strong>{exception.fix}</strong>: {exception.kind === 'accept' ? 'accepted' : 'deferred'} by{' '}
            {exception.owner} until {exception.expiresAt.slice(0, 10)}, {STATE_TEXT[exception.state]}.{' '}
            {exception.reason}{' '}
            {exception.state === 'active' && (
              <button
                type="button"
                onClick={() => {
                  void call('queue.revoke', { id: exception.id }).then(onChange);
                }}
              >
                Revoke
              </button>
            )}
          </li>
        ))}
      </ul>
    </section>
  );
}
