import type { ComponentChildren } from 'preact';
import { followLink } from '../router';

interface LinkProps {
  href: string;
  class?: string;
  current?: boolean;
  children: ComponentChildren;
  'data-testid'?: string;
}

/** An in-app link: a real <a href> that navigates without reloading the page. */
export function Link({ href, class: className, current, children, ...rest }: LinkProps) {
  return (
    <a
      href={href}
      class={className}
      aria-current={current ? 'page' : undefined}
      onClick={(event) => followLink(event as unknown as MouseEvent, href)}
      {...rest}
    >
      {children}
    </a>
  );
}
