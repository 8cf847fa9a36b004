import { Fragment } from 'preact';
import type { TimelineEntry } from '../../api';
import { formatDateTime, kindLabel, stateLabel } from '../../format';
import { NotedText } from './ReportText';

/**
 * The case's append-only timeline, oldest first, with corrections marked both ways. A
 * report whose reporter marked content notes stays closed until the reader opens it.
 */
export function Timeline({
  entries,
  names,
  contentNotes = new Map(),
}: {
  entries: TimelineEntry[];
  names: Map<number, string>;
  contentNotes?: Map<string, string[]>;
}) {
  const ordered = [...entries].sort((a, b) => a.number - b.number);
  const correctedBy = new Map<number, number[]>();
  for (const entry of ordered) {
    if (entry.corrects !== null)
      correctedBy.set(entry.corrects, [...(correctedBy.get(entry.corrects) ?? []), entry.number]);
  }
  return (
    <section aria-labelledby="timeline-heading">
      <h2 id="timeline-heading">Timeline</h2>
      {ordered.length === 0 ? (
        <p>Nothing has been recorded yet.</p>
      ) : (
        <ol class="timeline" data-testid="timeline">
          {ordered.map((entry) => (
            <Entry
              key={entry.number}
              entry={entry}
              names={names}
              correctedBy={correctedBy.get(entry.number) ?? []}
              notes={entry.kind === 'report' ? (contentNotes.get(entry.text.trim()) ?? []) : []}
            />
          ))}
        </ol>
      )}
    </section>
  );
}

function author(entry: TimelineEntry, names: Map<number, string>): string | null {
  if (entry.author_id === null) return null;
  return names.get(entry.author_id) ?? `member ${entry.author_id}`;
}

function Entry({
  entry,
  names,
  correctedBy,
  notes,
}: {
  entry: TimelineEntry;
  names: Map<number, string>;
  correctedBy: number[];
  notes: string[];
}) {
  const by = author(entry, names);
  const classes = ['card', 'entry', `entry-${entry.kind}`];
  if (entry.corrects !== null) classes.push('entry-correction');
  if (correctedBy.length > 0) classes.push('entry-corrected');
  return (
    <li id={`entry-${entry.number}`} class={classes.join(' ')} data-kind={entry.kind}>
      <p class="entry-meta">
        <span class="entry-number">#{entry.number}</span> <strong class="entry-kind">{kindLabel(entry.kind)}</strong>
        {' · '}
        <time dateTime={entry.created_at}>{formatDateTime(entry.created_at)}</time>
        {by && <span class="entry-author"> · {by}</span>}
      </p>
      {entry.corrects !== null && (
        <p class="correction-mark">
          Correction of <a href={`#entry-${entry.corrects}`}>entry #{entry.corrects}</a>
        </p>
      )}
      {correctedBy.length > 0 && (
        <p class="correction-mark">
          Corrected by{' '}
          {correctedBy.map((number, i) => (
            <Fragment key={number}>
              {i > 0 && ', '}
              <a href={`#entry-${number}`}>entry #{number}</a>
            </Fragment>
          ))}
        </p>
      )}
      {entry.from && entry.to && (
        <p class="transition">
          {stateLabel(entry.from)} <span aria-hidden="true">→</span>
          <span class="visually-hidden"> to </span> {stateLabel(entry.to)}
        </p>
      )}
      {entry.text && <NotedText text={entry.text} notes={notes} />}
    </li>
  );
}
