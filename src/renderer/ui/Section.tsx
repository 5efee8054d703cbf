import { useId, type ReactNode } from 'react';

interface SectionProps {
  title: string;
  /** How many items the section lists, shown beside the title. */
  count?: number | undefined;
  children: ReactNode;
}

/** A titled part of a detail page; its heading names it, so it is a landmark screen readers can jump to. */
export function Section({ title, count, children }: SectionProps) {
  const id = useId();
  return (
    <section className="panel" aria-labelledby={id}>
      <h2 id={id}>
        {title}
        {count !== undefined && <span className="count"> ({count})</span>}
      </h2>
      {children}
    </section>
  );
}
