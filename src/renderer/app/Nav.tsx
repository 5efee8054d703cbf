import type { AppInfo } from './boot-store';
import { hrefFor, ROUTES, type RouteId } from './routes';

interface NavProps {
  current: RouteId;
  /** On a page inside the current area (a host's page in Fleet) rather than the area itself. */
  inside: boolean;
  info: AppInfo;
}

export function Nav({ current, inside, info }: NavProps) {
  return (
    <nav className="app-nav" aria-label="Areas">
      <ul>
        {ROUTES.map((route) => (
          <li key={route.id}>
            <a
              href={hrefFor(route.id)}
              aria-current={route.id === current ? (inside ? 'location' : 'page') : undefined}
            >
              {route.label}
            </a>
          </li>
        ))}
      </ul>
      <p className="app-version">
        v{info.version} · {info.transport}
      </p>
    </nav>
  );
}
