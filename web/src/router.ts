import { useEffect, useState } from 'preact/hooks';

/** Where the console lives; every route is a path below it, served as index.html (src/http/console.ts). */
export const BASE = '/console/';

export interface Route {
  /** The first path segment below /console/, '' for the root. */
  view: string;
  params: URLSearchParams;
}

function current(): Route {
  const rest = location.pathname.startsWith(BASE) ? location.pathname.slice(BASE.length) : '';
  return { view: rest.split('/')[0] ?? '', params: new URLSearchParams(location.search) };
}

const listeners = new Set<() => void>();

/** Goes to `path` (relative to /console/, with its query) without reloading. */
export function navigate(path: string, options: { replace?: boolean } = {}): void {
  const url = BASE + path;
  if (options.replace) history.replaceState(null, '', url);
  else history.pushState(null, '', url);
  for (const listener of listeners) listener();
}

export function useRoute(): Route {
  const [route, setRoute] = useState(current);
  useEffect(() => {
    const update = () => setRoute(current());
    listeners.add(update);
    addEventListener('popstate', update);
    return () => {
      listeners.delete(update);
      removeEventListener('popstate', update);
    };
  }, []);
  return route;
}

/** A click on a console link that the browser would treat as a plain navigation: handled here instead. */
export function followLink(event: MouseEvent, path: string): void {
  if (event.defaultPrevented || event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
  event.preventDefault();
  navigate(path);
}
