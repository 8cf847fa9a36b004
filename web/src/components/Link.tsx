import type { ComponentChildren } from 'preact';

interface LinkProps {
  href: string;
  class?: string;
  current?: boolean;
  children: ComponentChildren;
  'data-testid'?: string;
}

/**
 * An in-app link: a real <a href>, so it opens in a new tab and survives a reload. A plain
 * left click on it is followed without a page load by preact-iso's LocationProvider
 * (App.tsx), which does so for every link to one of the app's pages.
 */
export function Link({ href, class: className, current, children, ...rest }: LinkProps) {
  return (
    <a href={href} class={className} aria-current={current ? 'page' : undefined} {...rest}>
      {children}
    </a>
  );
}
