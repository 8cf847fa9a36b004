// What the app adds to preact-iso's routing (App.tsx): a one-time message handed to the
// next page, the focus moved to each new page's heading, and where to return after
// signing in. preact-iso itself follows the links, the History API and back/forward.
import { useLocation } from 'preact-iso';

export interface NavigateOptions {
  replace?: boolean;
  /** A one-time status message for the page navigated to (e.g. "You have signed out."). */
  flash?: string;
}

// The message navigate() handed to the page at `url`; moving to any other address drops it.
let flash: { url: string; text: string } | null = null;

// The address whose page last took the focus. The page the browser loaded leaves the
// focus where the browser put it; every page reached in the app (a link, navigate(),
// back or forward) moves it to its heading, so screen-reader and keyboard users land at
// the start of the new page.
let focused = window.location.pathname + window.location.search;

/** navigate(to, options): goes to an in-app address without a page load. */
export function useNavigate(): (to: string, options?: NavigateOptions) => void {
  const { route } = useLocation();
  return (to, options = {}) => {
    flash = options.flash ? { url: to, text: options.flash } : null;
    route(to, options.replace);
  };
}

/** The one-time message for the page on screen, or null. */
export function useFlash(): string | null {
  const { url } = useLocation();
  if (flash && flash.url !== url) flash = null;
  return flash?.text ?? null;
}

/** takeFocus(): true once per page reached in the app; the caller then focuses its heading. */
export function useFocusRequest(): () => boolean {
  const { url } = useLocation();
  return () => {
    if (url === focused) return false;
    focused = url;
    return true;
  };
}

/** A same-origin path that is safe to return to after signing in, or null. */
export function safeReturnPath(raw: string | undefined): string | null {
  if (!raw || !raw.startsWith('/') || raw.startsWith('//') || raw.startsWith('/\\')) return null;
  return raw;
}
