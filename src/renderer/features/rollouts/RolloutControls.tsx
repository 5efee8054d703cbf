import { useState } from 'react';
import type { RolloutView } from '../../../shared/domain/rollout';
import { ConfirmDialog } from '../../ui/ConfirmDialog';
import { useRolloutStore, type RolloutCommand } from './rollout-store';
import { actionsFor } from './rollout-view';

/** Commands that stop work for good ask first; the others are undone by their opposite. */
const CONFIRMS = {
  cancel: {
    title: 'Cancel this rollout?',
    body: 'No new host starts. Hosts already started finish their run, forward or back.',
    confirmLabel: 'Cancel rollout',
    cancelLabel: 'Keep the rollout',
  },
  'roll-back': {
    title: 'Roll back the hosts in flight?',
    body: 'Every host that had started is rolled back to the versions it had, and no new host starts.',
    confirmLabel: 'Roll back',
    cancelLabel: 'Do not roll back',
  },
} as const;

type Confirmed = keyof typeof CONFIRMS;

/** Approve, pause, resume, cancel, roll back: each enabled only when the engine would accept it. */
export function RolloutControls({ rollout }: { rollout: RolloutView }) {
  const command = useRolloutStore((state) => state.command);
  const [busy, setBusy] = useState(false);
  const [asking, setAsking] = useState<Confirmed | null>(null);
  const [error, setError] = useState<string | null>(null);
  const can = actionsFor(rollout);

  async function run(next: RolloutCommand): Promise<void> {
    setBusy(true);
    const reply = await command(rollout.id, next);
    setBusy(false);
    setAsking(null);
    setError(reply.ok ? null : reply.error.message);
  }
  const button = (label: string, enabled: boolean, onClick: () => void, className?: string) => (
    <button type="button" className={className} disabled={busy || !enabled} onClick={onClick}>
      {label}
    </button>
  );
  const approve = can.approve;

  return (
    <>
      <div className="toolbar" role="group" aria-label={`Commands for rollout ${String(rollout.id)}`}>
        {approve !== null &&
          button(
            `Approve ring ${approve}`,
            true,
            () => {
              void run({ kind: 'approve', ring: approve });
            },
            'primary',
          )}
        {button('Pause', can.pause, () => {
          void run({ kind: 'pause' });
        })}
        {button('Resume', can.resume, () => {
          void run({ kind: 'resume' });
        })}
        {button('Cancel', can.cancel, () => {
          setAsking('cancel');
        })}
        {button('Roll back', can.rollBack, () => {
          setAsking('roll-back');
        })}
      </div>
      {rollout.status === 'paused' && (
        <p className="muted">
          Resume carries on from where each host stopped. After an interruption, Roll back undoes the hosts that were in
          flight instead.
        </p>
      )}
      {error && (
        <p className="form-error" role="alert">
          {error}
        </p>
      )}
      {asking && (
        <ConfirmDialog
          {...CONFIRMS[asking]}
          busy={busy}
          onConfirm={() => {
            void run({ kind: asking });
          }}
          onCancel={() => {
            setAsking(null);
          }}
        />
      )}
    </>
  );
}
