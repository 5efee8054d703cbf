import type { AppInfo } from './boot-store';
import { hrefFor, ROUTES, type RouteId } from './routes';

interface NavProps {
  current: RouteId;
  info: AppInfo;
}

export function Nav({ current, info }: NavProps) {
  return (
    <nav className="app-nav" aria-label="Areas">
      <ul>
        {ROUTES.map((route) => (
          <li key={route.id}>
            <a href={hrefFor(route.id)} aria-current={route.id === current ? 'page' : undefined}>
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
