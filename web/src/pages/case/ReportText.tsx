import type { CaseRecord } from '../../api';
import { formatDateTime, humanize } from '../../format';

type Report = CaseRecord['reports'][number];

const CONTENT_NOTES: Record<string, string> = {
  'sexual-harassment': 'sexual harassment or assault',
  'self-harm': 'self-harm or suicide',
  violence: 'violence or threats',
  hate: 'hate speech or slurs',
  'graphic-images': 'graphic images or descriptions',
};

/** A report's content notes in words: "self-harm or suicide; violence or threats". */
function contentNotesLine(notes: string[]): string {
  return notes.map((note) => CONTENT_NOTES[note] ?? note).join('; ');
}

/** A report's text; closed behind its content notes until the reader opens it when the reporter marked any. */
export function NotedText({ text, notes }: { text: string; notes: string[] }) {
  if (notes.length === 0) return <p class="preserve entry-text">{text}</p>;
  return (
    <details class="content-noted" data-testid="content-noted">
      <summary>
        Content notes: {contentNotesLine(notes)}. <span class="open-hint">Show the report</span>
      </summary>
      <p class="preserve entry-text">{text}</p>
    </details>
  );
}

/** One report as a card: when and how it came, then its text (behind its content notes). */
export function ReportCard({ report }: { report: Report }) {
  return (
    <article class="card report" aria-label={`Report ${report.number}`}>
      <p class="entry-meta">
        Report {report.number}, received <time dateTime={report.received_at}>{formatDateTime(report.received_at)}</time>{' '}
        by {humanize(report.channel).toLowerCase()}
      </p>
      <NotedText text={report.text} notes={report.content_notes} />
    </article>
  );
}
