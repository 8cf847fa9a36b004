// Client-side routing with the History API. The server answers index.html for every
// path outside /api/, so a reload on any page comes back here.
import { useEffect, useState } from 'preact/hooks';

export interface Location {
  path: string;
  search: string;
  /** A one-time status message handed to the next page (e.g. "You signed out."). */
  flash: string | null;
}

const CHANGE = 'conduct:navigate';

let flash: string | null = null;
// Set by navigate(): the next page heading to settle takes the keyboard focus, so
// screen-reader and keyboard users land at the start of the new page.
let focusPending = false;

function current(): Location {
  return { path: window.location.pathname, search: window.location.search, flash };
}

export interface NavigateOptions {
  replace?: boolean;
  flash?: string;
}

export function navigate(to: string, options: NavigateOptions = {}): void {
  flash = options.flash ?? null;
  focusPending = true;
  if (options.replace) window.history.replaceState(null, '', to);
  else window.history.pushState(null, '', to);
  window.dispatchEvent(new Event(CHANGE));
}

/** True once per navigation: the caller should move the focus to its heading. */
export function takeFocusRequest(): boolean {
  const pending = focusPending;
  focusPending = false;
  return pending;
}

/** The current location; re-renders on navigate() and on the browser's back/forward. */
export function useLocation(): Location {
  const [location, setLocation] = useState<Location>(current);
  useEffect(() => {
    const onChange = () => setLocation(current());
    const onPop = () => {
      // Back/forward to another page; a jump to an anchor on this page changes nothing.
      setLocation((before) => {
        if (before.path === window.location.pathname && before.search === window.location.search) return before;
        flash = null;
        focusPending = true;
        return current();
      });
    };
    window.addEventListener(CHANGE, onChange);
    window.addEventListener('popstate', onPop);
    return () => {
      window.removeEventListener(CHANGE, onChange);
      window.removeEventListener('popstate', onPop);
    };
  }, []);
  return location;
}

/** Matches "/cases/:name" style patterns; returns the decoded parameters or null. */
export function matchPath(pattern: string, path: string): Record<string, string> | null {
  const want = pattern.split('/').filter(Boolean);
  const have = path.split('/').filter(Boolean);
  if (want.length !== have.length) return null;
  const params: Record<string, string> = {};
  for (let i = 0; i < want.length; i++) {
    const part = want[i]!;
    const value = have[i]!;
    if (part.startsWith(':')) {
      try {
        params[part.slice(1)] = decodeURIComponent(value);
      } catch {
        return null;
      }
    } else if (part !== value) {
      return null;
    }
  }
  return params;
}

/** A same-origin path that is safe to return to after signing in, or null. */
export function safeReturnPath(raw: string | null): string | null {
  if (!raw || !raw.startsWith('/') || raw.startsWith('//') || raw.startsWith('/\\')) return null;
  return raw;
}

/** Click handler for in-app links: plain left clicks navigate without a page load. */
export function followLink(event: MouseEvent, href: string): void {
  if (event.defaultPrevented || event.button !== 0) return;
  if (event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
  event.preventDefault();
  navigate(href);
}
