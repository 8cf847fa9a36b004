import type { ComponentChildren } from 'preact';
import { useState } from 'preact/hooks';

/**
 * A form kept behind a quiet button until the member asks for it: `children` gets a
 * `close` to call once the form has done its work. `open` shows it at first.
 */
export function Reveal({
  label,
  open = false,
  small = false,
  children,
}: {
  label: string;
  open?: boolean;
  small?: boolean;
  children: (close: () => void) => ComponentChildren;
}) {
  const [shown, setShown] = useState(open);
  if (shown) return <>{children(() => setShown(false))}</>;
  return (
    <button
      type="button"
      class={small ? 'button button-quiet button-small' : 'button button-quiet'}
      onClick={() => setShown(true)}
    >
      {label}
    </button>
  );
}
