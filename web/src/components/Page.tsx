import type { ComponentChildren } from 'preact';
import { useEffect, useRef } from 'preact/hooks';
import { useFocusRequest } from '../navigation';

interface PageProps {
  /** The page's one h1, also used for the document title. */
  title: string;
  /** A short line above the heading ("Case", "Working group"). */
  eyebrow?: string;
  /** While true the page is still loading: it does not take the focus yet. */
  busy?: boolean;
  children?: ComponentChildren;
}

/**
 * The frame of every page but the front page: sets the document title and, after an
 * in-app navigation, moves the focus to the heading once the page has settled.
 */
export function Page({ title, eyebrow, busy = false, children }: PageProps) {
  const heading = useRef<HTMLHeadingElement>(null);
  const takeFocus = useFocusRequest();
  useEffect(() => {
    document.title = `${title} · Conduct`;
  }, [title]);
  useEffect(() => {
    if (!busy && takeFocus()) heading.current?.focus();
  }, [busy, title]);
  return (
    <div class="page" aria-busy={busy ? 'true' : undefined}>
      {eyebrow && <p class="eyebrow">{eyebrow}</p>}
      <h1 ref={heading} tabIndex={-1}>
        {title}
      </h1>
      {children}
    </div>
  );
}
