import type { FeedStatus } from '../../../shared/domain/feed';

const count = (n: number, unit: string): string => `${n.toLocaleString('en')} ${unit}${n === 1 ? '' : 's'}`;

/** How old each feed's data is: the queue is only as current as the oldest of them. */
export function FeedAges({ feeds }: { feeds: readonly FeedStatus[] }) {
  if (feeds.length === 0)
    return (
      <p className="empty">
        No vulnerability feeds imported yet. Import them from files with{' '}
        <code>patchwise feeds import FILE|FOLDER…</code> (CISA KEV, EPSS, OSV).
      </p>
    );
  return (
    <ul className="feed-ages" aria-label="Feeds">
      {feeds.map((feed) => (
        <li key={feed.name} className={feed.stale ? 'state-warning' : undefined}>
          <strong>{feed.title}</strong>: {feed.dataDate.slice(0, 10)}, {count(feed.ageDays, 'day')} old
          {feed.stale ? ' (older than the site limit)' : ''}, {count(feed.records, 'record')}
        </li>
      ))}
    </ul>
  );
}
