import type { ComponentChildren } from 'preact';
import { BASE, followLink } from '../router';

/** A link to a view of the console, followed without reloading the page. */
export function ConsoleLink({ path, children, current, label }: { path: string; children: ComponentChildren; current?: boolean; label?: string }) {
  return (
    <a href={BASE + path} onClick={(event) => followLink(event, path)} aria-current={current ? 'page' : undefined} aria-label={label}>
      {children}
    </a>
  );
}
