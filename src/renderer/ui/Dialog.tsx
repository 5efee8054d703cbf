import { useEffect, useId, useRef, type ReactNode } from 'react';
import { useRestoreFocus } from './use-restore-focus';

interface DialogProps {
  title: string;
  /** `wide` for dialogs that hold a table (the import preview). */
  size?: 'normal' | 'wide';
  children: ReactNode;
  onClose: () => void;
}

/**
 * A modal dialog for a task (testing a connection, importing hosts). Like ConfirmDialog it is the
 * native modal `<dialog>`: focus is trapped, the page behind is inert, Escape closes it, and focus
 * returns to the opener. Focus starts on the element marked `data-autofocus`, else the first control.
 */
export function Dialog({ title, size = 'normal', children, onClose }: DialogProps) {
  const dialogRef = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  useRestoreFocus();

  useEffect(() => {
    const dialog = dialogRef.current;
    if (!dialog) return undefined;
    dialog.showModal();
    dialog.querySelector<HTMLElement>('[data-autofocus]')?.focus();
    return () => {
      dialog.close();
    };
  }, []);

  return (
    <dialog
      ref={dialogRef}
      className={size === 'wide' ? 'modal modal-wide' : 'modal'}
      aria-labelledby={titleId}
      onCancel={(event) => {
        // The parent unmounts the dialog; the browser must not close it on its own.
        event.preventDefault();
        onClose();
      }}
    >
      <div className="modal-head">
        <h2 id={titleId}>{title}</h2>
        <button type="button" className="icon-button" aria-label="Close dialog" onClick={onClose}>
          <span aria-hidden="true">×</span>
        </button>
      </div>
      {children}
    </dialog>
  );
}
