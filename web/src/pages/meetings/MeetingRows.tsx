import type { ComponentChildren } from 'preact';

/**
 * A list of like groups of fields the member adds and removes (the cases discussed, the
 * decisions taken in chat), each a fieldset named by its legend. Adding one moves the
 * focus to its first field; removing one moves it back to the add button.
 */
export function RowList<Row extends { id: number }>({
  name,
  heading,
  hint,
  legend,
  addLabel,
  rows,
  onRows,
  blank,
  children,
}: {
  /** Used in the ids: `meeting-${name}-${row.id}-…`. */
  name: string;
  heading: string;
  hint: string;
  legend: (position: number) => string;
  addLabel: string;
  rows: Row[];
  onRows: (rows: Row[]) => void;
  blank: (id: number) => Row;
  children: (row: Row, change: (change: Partial<Row>) => void) => ComponentChildren;
}) {
  const addId = `meeting-${name}-add`;
  function add() {
    const id = rows.reduce((highest, row) => Math.max(highest, row.id), 0) + 1;
    onRows([...rows, blank(id)]);
    requestAnimationFrame(() => document.querySelector<HTMLElement>(`#meeting-${name}-${id} input`)?.focus());
  }
  function remove(id: number) {
    onRows(rows.filter((row) => row.id !== id));
    requestAnimationFrame(() => document.getElementById(addId)?.focus());
  }
  return (
    <div class="subform">
      <h3 id={`meeting-${name}-heading`}>{heading}</h3>
      <p class="hint">{hint}</p>
      {rows.map((row, index) => (
        <fieldset key={row.id} id={`meeting-${name}-${row.id}`} class="meeting-row" data-testid={`meeting-${name}`}>
          <legend>{legend(index + 1)}</legend>
          {children(row, (change) => onRows(rows.map((each) => (each.id === row.id ? { ...each, ...change } : each))))}
          <button type="button" class="button button-quiet button-small" onClick={() => remove(row.id)}>
            Remove<span class="visually-hidden"> {legend(index + 1).toLowerCase()}</span>
          </button>
        </fieldset>
      ))}
      <button type="button" id={addId} class="button button-quiet" onClick={add}>
        {addLabel}
      </button>
    </div>
  );
}

function pad(n: number): string {
  return String(n).padStart(2, '0');
}

/** Today's date where the member is, as YYYY-MM-DD. */
export function today(): string {
  const now = new Date();
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}

/** A local date and time from a datetime-local input as UTC ("2026-06-01T14:30:00Z"); anything else as it is. */
export function toUtc(local: string): string {
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/.test(local)) return local;
  const time = new Date(local);
  return Number.isNaN(time.getTime()) ? local : `${time.toISOString().slice(0, 16)}:00Z`;
}
