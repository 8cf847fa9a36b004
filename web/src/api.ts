// Small typed client for the Conduct JSON API (same origin as the page).

/** The error body every non-2xx API response carries. */
export interface ApiErrorBody {
  error: {
    code: string;
    message: string;
    /** Per-field problems, e.g. {"email": "must not be empty"}. */
    fields?: Record<string, string>;
  };
}

/** Thrown by the request helpers for non-2xx answers, network failures and bad JSON. */
export class ApiError extends Error {
  /** HTTP status; 0 when the server could not be reached. */
  readonly status: number;
  /** Machine-readable code from the server, or a local one (network_error, bad_response). */
  readonly code: string;
  /** Per-field messages from the server (empty when none). */
  readonly fields: Record<string, string>;
  /** Seconds to wait before trying again (429 answers), from Retry-After or the "retry-after" field. */
  readonly retryAfter: number | null;

  constructor(
    status: number,
    code: string,
    message: string,
    fields: Record<string, string> = {},
    retryAfter: number | null = null,
  ) {
    super(message);
    this.name = 'ApiError';
    this.status = status;
    this.code = code;
    this.fields = fields;
    this.retryAfter = retryAfter;
  }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function stringFields(value: unknown): Record<string, string> {
  const out: Record<string, string> = {};
  if (isRecord(value)) {
    for (const [key, message] of Object.entries(value)) {
      if (typeof message === 'string') out[key] = message;
    }
  }
  return out;
}

function retryAfterOf(response: Response, fields: Record<string, string>): number | null {
  for (const raw of [response.headers.get('Retry-After'), fields['retry-after']]) {
    if (raw && /^\d+$/.test(raw.trim())) return Number(raw.trim());
  }
  return null;
}

/** Turns a non-2xx response into an ApiError, using the server's error shape when present. */
async function errorFrom(response: Response): Promise<ApiError> {
  let body: unknown = null;
  try {
    body = await response.json();
  } catch {
    // Not JSON (e.g. a proxy's HTML error page): fall through to a generic error.
  }
  if (isRecord(body) && isRecord(body.error)) {
    const { code, message } = body.error;
    const fields = stringFields(body.error.fields);
    return new ApiError(
      response.status,
      typeof code === 'string' ? code : 'http_error',
      typeof message === 'string' ? message : `Request failed with status ${response.status}`,
      fields,
      retryAfterOf(response, fields),
    );
  }
  return new ApiError(
    response.status,
    'http_error',
    `Request failed with status ${response.status}`,
    {},
    retryAfterOf(response, {}),
  );
}

// The session's CSRF token: set at sign-in and from GET /api/me, sent with every
// state-changing request.
let csrfToken: string | null = null;

export function setCsrfToken(token: string | null): void {
  csrfToken = token;
}

type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

async function request<T>(method: Method, path: string, body?: unknown, signal?: AbortSignal): Promise<T> {
  const headers: Record<string, string> = {};
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  return send<T>(method, path, body === undefined ? undefined : JSON.stringify(body), headers, signal);
}

/** Sends a request with the session's CSRF token on a state change; answers the parsed JSON. */
async function send<T>(
  method: Method,
  path: string,
  body: BodyInit | undefined,
  extraHeaders: Record<string, string>,
  signal?: AbortSignal,
): Promise<T> {
  const headers: Record<string, string> = { Accept: 'application/json', ...extraHeaders };
  if (method !== 'GET' && csrfToken) headers['X-CSRF-Token'] = csrfToken;
  let response: Response;
  try {
    response = await fetch(path, { method, headers, body, credentials: 'same-origin', signal });
  } catch (cause) {
    if (cause instanceof DOMException && cause.name === 'AbortError') throw cause;
    throw new ApiError(0, 'network_error', 'The server could not be reached.');
  }
  if (!response.ok) throw await errorFrom(response);
  try {
    return (await response.json()) as T;
  } catch {
    throw new ApiError(response.status, 'bad_response', 'The server sent a response that is not valid JSON.');
  }
}

/** GETs `path` (e.g. "/api/health") and returns the parsed JSON body as T. */
export function getJson<T>(path: string, options: { signal?: AbortSignal } = {}): Promise<T> {
  return request<T>('GET', path, undefined, options.signal);
}

/** POSTs `body` as JSON with the session's CSRF token; returns the parsed answer. */
export function postJson<T>(path: string, body: unknown): Promise<T> {
  return request<T>('POST', path, body);
}

/** DELETEs `path` with the session's CSRF token; returns the parsed answer. */
export function deleteJson<T>(path: string): Promise<T> {
  return request<T>('DELETE', path);
}

/** The message to show for any error thrown by the helpers above. */
export function errorMessage(error: unknown): string {
  if (error instanceof Error) return error.message;
  return String(error);
}

// ---- Shapes -------------------------------------------------------------------------

export interface Health {
  status: string;
  version: string;
  database: string;
  time: string;
}

export interface Community {
  slug: string;
  name: string;
  contact_email: string;
}

export interface CommunityList {
  communities: Community[];
}

export type Role =
  | 'member'
  | 'chair'
  | 'vice-chair'
  | 'adviser'
  | 'board-member'
  | 'liaison'
  | 'local-representative'
  | 'instance-admin';

export interface Member {
  id: number;
  email: string;
  name: string;
  role: Role;
  term_start: string;
  term_end: string | null;
  status: 'active' | 'former';
  /** In the member list only: whether their keys are enrolled and certified. */
  keys?: 'not-enrolled' | 'uncertified' | 'certified';
}

/** POST /api/session and GET /api/me. */
export interface SignedIn {
  member: Member;
  community: Community;
  csrf_token: string;
}

export interface CaseSummary {
  code_name: string;
  url_name: string;
  state: string;
  opened_at: string;
  updated_at?: string;
  occurred_on?: string | null;
  space: string;
  ongoing: boolean;
  physical_danger: boolean;
  categories: string[];
  resolution?: { source: string; outcome: string } | null;
}

export interface Report {
  number: number;
  received_at: string;
  channel: string;
  /** What a reader is warned of before the text opens. */
  content_notes: string[];
  text: string;
}

export interface Party {
  number: number;
  role: string;
  name: string;
  contact: string;
  person: string | null;
}

export interface TimelineEntry {
  number: number;
  kind: string;
  author_id: number | null;
  created_at: string;
  text: string;
  corrects: number | null;
  from?: string;
  to?: string;
}

export interface CaseRecord extends CaseSummary {
  location: string;
  reports: Report[];
  parties: Party[];
  timeline: TimelineEntry[];
}

/** An evidence file of a case: its facts, never its content (that is a download). */
export interface EvidenceFile {
  number: number;
  name: string;
  description: string;
  size_bytes: number;
  created_at: string;
  author_id: number | null;
}

export interface EvidenceList {
  files: EvidenceFile[];
  /** The largest file the community accepts, in bytes. */
  max_bytes: number;
}

/** A message between the group and a case's reporter (the reporter reads it on the portal). */
export interface ThreadMessage {
  number: number;
  direction: 'to-reporter' | 'from-reporter';
  author_id: number | null;
  text: string;
  created_at: string;
}

/** The reporter's thread of a case; only reports from the public form have one. */
export interface ReporterThread {
  exists: boolean;
  answer_by_email: boolean;
  language: string;
  messages: ThreadMessage[];
}

/** A message queued about a case, and how it fared (no text, no recipients). */
export interface MailState {
  kind: string;
  status: 'queued' | 'retrying' | 'sent' | 'failed';
  attempts: number;
  last_error: string;
  queued_at: string;
  sent_at: string | null;
  next_attempt_at: string | null;
}

/** What a draft's checks found, said without repeating an identifier. */
export interface DraftFinding {
  check: 'identifier' | 'timestamp' | 'missing-part' | 'wording';
  detail: string;
  suggestion: string;
}

export type DraftRecipient = 'reporter' | 'reported-person' | 'moderators' | 'event-organisers' | 'other';

/** A draft of a message to someone outside the group, with its checks. */
export interface Draft {
  number: number;
  recipient: DraftRecipient;
  status: 'waiting' | 'sent' | 'withdrawn';
  author_id: number;
  decided_by: number | null;
  created_at: string;
  decided_at: string | null;
  to: string[];
  recipients_see_each_other: boolean;
  subject: string;
  text: string;
  behaviour: string;
  impact: string;
  changes_expected: string;
  consequences: string;
  needs_review: boolean;
  held: boolean;
  findings: DraftFinding[];
}

export interface NewDraft {
  recipient: DraftRecipient;
  to: string[];
  recipients_see_each_other: boolean;
  subject: string;
  text: string;
  behaviour?: string;
  impact?: string;
  changes_expected?: string;
  consequences?: string;
}

/** A message waiting in the mail quarantine (no content). */
export interface QuarantinedMail {
  id: number;
  reason: string;
  reason_text: string;
  size_bytes: number;
  received_at: string;
}

export interface QuarantinedMessage extends QuarantinedMail {
  from: string;
  subject: string;
  text: string;
  files: string[];
}

/** A case the member still has to screen: only its code name is known. */
export interface ScreeningItem {
  code_name: string;
  url_name: string;
  possible_conflict: boolean;
}

/** One member waiting for one case's key, in the queue of pending grants. */
export interface PendingGrant {
  case: CaseSummary;
  member: Member;
  kind: 'screening' | 'adviser' | 'oversight' | 'member';
  waiting_since: string;
}

export interface EnrolmentInfo {
  email: string;
  name: string;
  community_name: string;
  totp_secret: string;
  otpauth_uri: string;
}

export interface NewMember {
  member: Member;
  enrolment_token: string;
}

// ---- Calls --------------------------------------------------------------------------

const segment = encodeURIComponent;

export async function fetchMe(): Promise<SignedIn> {
  const me = await getJson<SignedIn>('/api/me');
  setCsrfToken(me.csrf_token);
  return me;
}

/** Signs in; `community` (a slug) is needed when the server hosts several communities. */
export async function signIn(email: string, password: string, code: string, community?: string): Promise<SignedIn> {
  const body: Record<string, string> = { email, password, code };
  if (community) body.community = community;
  const signedIn = await postJson<SignedIn>('/api/session', body);
  setCsrfToken(signedIn.csrf_token);
  return signedIn;
}

export async function signOut(): Promise<void> {
  await deleteJson<unknown>('/api/session');
  setCsrfToken(null);
}

/** How many cases the Cases page shows at a time. */
export const CASE_PAGE_SIZE = 50;

/** One page of the cases the member may see, newest first. */
export interface CasePage {
  cases: CaseSummary[];
  offset: number;
  /** Whether older cases follow this page. */
  more: boolean;
}

/** The page of cases starting at `offset`: one case more is asked for, to know whether more follow. */
export async function listCases(offset = 0): Promise<CasePage> {
  const body = await getJson<{ cases: CaseSummary[] }>(`/api/cases?limit=${CASE_PAGE_SIZE + 1}&offset=${offset}`);
  const cases = Array.isArray(body.cases) ? body.cases : [];
  return { cases: cases.slice(0, CASE_PAGE_SIZE), offset, more: cases.length > CASE_PAGE_SIZE };
}

export function getCase(urlName: string): Promise<CaseRecord> {
  return getJson<CaseRecord>(`/api/cases/${segment(urlName)}`);
}

export function addNote(urlName: string, text: string): Promise<unknown> {
  return postJson<unknown>(`/api/cases/${segment(urlName)}/entries`, { kind: 'note', text });
}

export function declareConflict(urlName: string, note: string): Promise<unknown> {
  return postJson<unknown>(`/api/cases/${segment(urlName)}/conflicts`, { note });
}

export function getReporterThread(urlName: string): Promise<ReporterThread> {
  return getJson<ReporterThread>(`/api/cases/${segment(urlName)}/thread`);
}

export function writeToReporter(urlName: string, text: string): Promise<ThreadMessage> {
  return postJson<ThreadMessage>(`/api/cases/${segment(urlName)}/thread`, { text });
}

/** The community's mail that failed or is being retried (chairs). */
export async function listMailNeedingAttention(): Promise<MailState[]> {
  return (await getJson<{ mail: MailState[] }>('/api/mail/attention')).mail;
}

export async function listDrafts(urlName: string): Promise<Draft[]> {
  return (await getJson<{ drafts: Draft[] }>(`/api/cases/${segment(urlName)}/drafts`)).drafts;
}

export function writeDraft(urlName: string, draft: NewDraft): Promise<Draft> {
  return postJson<Draft>(`/api/cases/${segment(urlName)}/drafts`, draft);
}

export function sendDraft(urlName: string, number: number): Promise<Draft> {
  return postJson<Draft>(`/api/cases/${segment(urlName)}/drafts/${number}/sending`, {});
}

export function withdrawDraft(urlName: string, number: number): Promise<unknown> {
  return postJson(`/api/cases/${segment(urlName)}/drafts/${number}/withdrawal`, {});
}

/** The community's mail quarantine (chairs). */
export async function listQuarantine(): Promise<QuarantinedMail[]> {
  return (await getJson<{ messages: QuarantinedMail[] }>('/api/mail/quarantine')).messages;
}

export function readQuarantined(id: number): Promise<QuarantinedMessage> {
  return getJson<QuarantinedMessage>(`/api/mail/quarantine/${id}`);
}

export function fileQuarantined(id: number, caseName: string): Promise<{ id: number; case: string }> {
  return postJson(`/api/mail/quarantine/${id}/filing`, caseName ? { case: caseName } : {});
}

export function discardQuarantined(id: number): Promise<unknown> {
  return postJson(`/api/mail/quarantine/${id}/discarding`, {});
}

export async function listCaseMail(urlName: string): Promise<MailState[]> {
  return (await getJson<{ mail: MailState[] }>(`/api/cases/${segment(urlName)}/mail`)).mail;
}

export function listEvidence(urlName: string): Promise<EvidenceList> {
  return getJson<EvidenceList>(`/api/cases/${segment(urlName)}/evidence`);
}

/** Where a file downloads from: the server answers it only as an attachment. */
export function evidenceUrl(urlName: string, number: number): string {
  return `/api/cases/${segment(urlName)}/evidence/${number}`;
}

/**
 * Uploads a file as the raw request body; its name and description travel in headers,
 * percent-encoded (a header cannot carry every character a name may hold).
 */
export function uploadEvidence(urlName: string, file: Blob, name: string, description: string): Promise<EvidenceFile> {
  const headers: Record<string, string> = {
    'Content-Type': 'application/octet-stream',
    'X-File-Name': encodeURIComponent(name),
  };
  if (description.trim()) headers['X-Description'] = encodeURIComponent(description);
  return send<EvidenceFile>('POST', `/api/cases/${segment(urlName)}/evidence`, file, headers);
}

function urlForm(codeName: string): string {
  return codeName.trim().toLowerCase().replace(/\s+/g, '-');
}

/** Reads one screening item, whether the case's fields are inline or nested under "case". */
function screeningItem(raw: unknown): ScreeningItem | null {
  if (!isRecord(raw)) return null;
  const inner = isRecord(raw.case) ? raw.case : isRecord(raw.summary) ? raw.summary : raw;
  const codeName = typeof inner.code_name === 'string' ? inner.code_name : null;
  if (!codeName) return null;
  const possible = raw.possible_conflict ?? inner.possible_conflict ?? raw.reason === 'possible-conflict';
  return {
    code_name: codeName,
    url_name: typeof inner.url_name === 'string' ? inner.url_name : urlForm(codeName),
    possible_conflict: possible === true,
  };
}

/** Declares no conflict with a case to screen: the member may see it from then on. */
export function clearScreening(urlName: string): Promise<unknown> {
  return postJson<unknown>(`/api/cases/${segment(urlName)}/screening`, {});
}

export async function listScreening(): Promise<ScreeningItem[]> {
  const body = await getJson<unknown>('/api/screening');
  let items: unknown = body;
  if (isRecord(body)) items = body.cases ?? body.screening ?? body.items ?? [];
  if (!Array.isArray(items)) return [];
  return items.map(screeningItem).filter((item): item is ScreeningItem => item !== null);
}

/** One case a search found, with where the text is and the words around it. */
export interface SearchResult {
  case: CaseSummary;
  matches: { where: string; snippet: string }[];
}

/** Full-text search over the cases the signed-in member holds (opened in their session). */
export async function searchCases(text: string): Promise<SearchResult[]> {
  const body = await getJson<{ results?: SearchResult[] }>(`/api/search?q=${encodeURIComponent(text)}`);
  return Array.isArray(body.results) ? body.results : [];
}

/** One entry of the audit log: who did what, when, on which case (never any content). */
export interface AuditEntry {
  seq: number;
  time: string;
  actor: string;
  actor_name?: string;
  action: string;
  case: string | null;
  digest: string;
  hash: string;
}

/** A page of the audit trail, newest first: one case's, or the community's. */
export async function readAuditTrail(urlName: string | null, before: number | null): Promise<AuditEntry[]> {
  const query = new URLSearchParams();
  if (urlName) query.set('case', urlName);
  if (before !== null) query.set('before', String(before));
  query.set('limit', '100');
  const body = await getJson<{ entries?: AuditEntry[] }>(`/api/audit?${query.toString()}`);
  return Array.isArray(body.entries) ? body.entries : [];
}

/** The first of the pending grants on the cases the signed-in member holds, longest wait first. */
export interface GrantQueue {
  requests: PendingGrant[];
  /** Whether more wait beyond these (they move up as these are granted). */
  more: boolean;
}

export async function listPendingGrants(): Promise<GrantQueue> {
  const body = await getJson<{ requests?: PendingGrant[]; more?: boolean }>('/api/access-requests');
  return { requests: Array.isArray(body.requests) ? body.requests : [], more: body.more === true };
}

/** Grants one waiting member the case: approves a screening and wraps the case key for them. */
export function grantAccess(urlName: string, email: string): Promise<unknown> {
  return postJson<unknown>(`/api/cases/${segment(urlName)}/access-approvals`, { member: email });
}

/** A chair vouches for a member's public keys, so case keys are sealed for them. */
export function certifyMember(email: string): Promise<unknown> {
  return postJson<unknown>(`/api/members/${segment(email)}/certification`, {});
}

export async function listMembers(): Promise<Member[]> {
  const body = await getJson<{ members: Member[] }>('/api/members');
  return Array.isArray(body.members) ? body.members : [];
}

/** A warning to the chairs: many failed sign-ins against one member's account. */
export interface SignInWarning {
  member: Member;
  raised_at: string;
  failures: number;
}

/** GET /api/sign-in-warnings (chairs): the last `days` days, newest first. */
export async function listSignInWarnings(): Promise<SignInWarning[]> {
  const body = await getJson<{ warnings: SignInWarning[] }>('/api/sign-in-warnings');
  return Array.isArray(body.warnings) ? body.warnings : [];
}

/** Adds a member; the answer carries the one-time enrolment token. */
export async function addMember(email: string, name: string, role: Role): Promise<NewMember> {
  const body = await postJson<Record<string, unknown>>('/api/members', { email, name, role });
  const token = body.enrolment_token ?? (isRecord(body.enrolment) ? body.enrolment.token : undefined);
  const member = (isRecord(body.member) ? body.member : body) as unknown as Member;
  if (typeof token !== 'string' || token === '') {
    throw new ApiError(201, 'bad_response', 'The member was added, but the server sent no enrolment link.');
  }
  return { member, enrolment_token: token };
}

export function getEnrolment(token: string): Promise<EnrolmentInfo> {
  return getJson<EnrolmentInfo>(`/api/enrolment/${segment(token)}`);
}

export function completeEnrolment(token: string, password: string, totpSecret: string, code: string): Promise<unknown> {
  return postJson<unknown>(`/api/enrolment/${segment(token)}`, { password, totp_secret: totpSecret, code });
}
