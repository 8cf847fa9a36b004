// Words and dates for what the API sends as machine names and ISO timestamps.

/** "code-hosting" → "Code hosting". */
export function humanize(key: string): string {
  const words = key.replace(/[-_]+/g, ' ').trim();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

const ROLE_LABELS: Record<string, string> = {
  member: 'Member',
  chair: 'Chair',
  'vice-chair': 'Vice-chair',
  adviser: 'Adviser',
  'board-member': 'Board member',
  liaison: 'Liaison',
  'local-representative': 'Local representative',
  'instance-admin': 'Instance admin',
};

export const ROLES_TO_ADD = [
  'member',
  'vice-chair',
  'chair',
  'adviser',
  'board-member',
  'liaison',
  'local-representative',
] as const;

export function roleLabel(role: string): string {
  return ROLE_LABELS[role] ?? humanize(role);
}

const STATE_LABELS: Record<string, string> = {
  'awaiting-feedback': 'Awaiting feedback',
  'escalated-to-board': 'Escalated to the board',
};

export function stateLabel(state: string): string {
  return STATE_LABELS[state] ?? humanize(state);
}

const CATEGORY_LABELS: Record<string, string> = {
  'stereotyping-or-discrimination': 'Stereotyping or discrimination',
  'threatening-well-being': "Threatening the community's well-being",
  'bad-faith-reporting': 'Bad-faith reporting',
};

export function categoryLabel(category: string): string {
  return CATEGORY_LABELS[category] ?? humanize(category);
}

const KIND_LABELS: Record<string, string> = {
  report: 'Report',
  note: 'Note',
  minutes: 'Meeting minutes',
  'chat-decision': 'Decision from chat',
  'communication-in': 'Message received',
  'communication-out': 'Message sent',
  evidence: 'Evidence',
  evaluation: 'Evaluation',
  'conflict-disclosure': 'Conflict disclosure',
  proposal: 'Proposal',
  vote: 'Vote',
  feedback: 'Feedback',
  action: 'Action',
  'board-report': 'Board report',
  transition: 'State change',
  link: 'Linked cases',
};

export function kindLabel(kind: string): string {
  return KIND_LABELS[kind] ?? humanize(kind);
}

const PARTY_LABELS: Record<string, string> = {
  reporter: 'Reporter',
  harmed: 'Harmed individual',
  witness: 'Witness',
  reported: 'Reported person',
};

export function partyLabel(role: string): string {
  return PARTY_LABELS[role] ?? humanize(role);
}

function parse(iso: string): Date | null {
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? null : date;
}

const dateFormat = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'short', year: 'numeric' });
const dateTimeFormat = new Intl.DateTimeFormat('en-GB', {
  day: 'numeric',
  month: 'short',
  year: 'numeric',
  hour: '2-digit',
  minute: '2-digit',
});

/** "3 Oct 2026" (local time); the input unchanged when it is not a date. */
export function formatDate(iso: string | null | undefined): string {
  if (!iso) return '';
  // A bare date ("2026-10-03") is a calendar day, not a UTC midnight.
  const bare = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  if (bare) return dateFormat.format(new Date(Number(bare[1]), Number(bare[2]) - 1, Number(bare[3])));
  const date = parse(iso);
  return date ? dateFormat.format(date) : iso;
}

/** "3 Oct 2026, 14:05" (local time). */
export function formatDateTime(iso: string): string {
  const date = parse(iso);
  return date ? dateTimeFormat.format(date) : iso;
}

/** "700 bytes", "12 KiB", "1.5 MiB": a file size for people. */
export function formatSize(bytes: number): string {
  if (bytes < 1024) return `${bytes} ${bytes === 1 ? 'byte' : 'bytes'}`;
  const units = ['KiB', 'MiB', 'GiB'];
  let value = bytes / 1024;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit += 1;
  }
  const rounded = value >= 10 ? Math.round(value) : Math.round(value * 10) / 10;
  return `${rounded} ${units[unit]}`;
}

/** "1 case", "5 cases". */
export function count(n: number, one: string, many: string): string {
  return `${n} ${n === 1 ? one : many}`;
}

/** A TOTP secret in groups of four for typing: "FLP6 K62I 7PA4 …". */
export function groupSecret(secret: string): string {
  return secret.replace(/\s+/g, '').replace(/(.{4})(?=.)/g, '$1 ');
}
