import type { ReactNode } from 'react';

interface PageProps {
  title: string;
  /** Buttons and status shown beside the heading. */
  actions?: ReactNode;
  /** Shown above the heading, e.g. a link back to the list a detail page belongs to. */
  breadcrumb?: ReactNode;
  /** The page fills the window's height, so a table inside can scroll on its own (virtual rows). */
  fill?: boolean;
  children: ReactNode;
}

/** An area's frame. The heading takes focus when the admin moves to another area (see Shell). */
export function Page({ title, actions, breadcrumb, fill, children }: PageProps) {
  return (
    <div className={fill ? 'page page-fill' : 'page'}>
      {breadcrumb && <div className="breadcrumb">{breadcrumb}</div>}
      <div className="page-head">
        <h1 tabIndex={-1}>{title}</h1>
        {actions && <div className="page-actions">{actions}</div>}
      </div>
      {children}
    </div>
  );
}
