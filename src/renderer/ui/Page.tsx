import type { ReactNode } from 'react';

interface PageProps {
  title: string;
  /** Buttons and status shown beside the heading. */
  actions?: ReactNode;
  children: ReactNode;
}

/** An area's frame. The heading takes focus when the admin moves to another area (see Shell). */
export function Page({ title, actions, children }: PageProps) {
  return (
    <div className="page">
      <div className="page-head">
        <h1 tabIndex={-1}>{title}</h1>
        {actions && <div className="page-actions">{actions}</div>}
      </div>
      {children}
    </div>
  );
}
