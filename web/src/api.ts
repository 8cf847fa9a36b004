// Small typed client for the Conduct JSON API (same origin as the page).
import type { components, operations } from './api-schema';

/** Thrown by the request helpers for non-2xx answers, network failures and bad JSON. */
export class ApiError extends Error {
  /** HTTP status; 0 when the server could not be reached. */
  readonly status: number;
  /** Machine-readable code from the server, or a local one (network_error, bad_response). */
  readonly code: string;
  /** Per-field messages from the server (empty when none). */
  readonly fields: Record<string, string>;
  /** Seconds to wait before trying again, from the Retry-After header or the "retry_after" field. */
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
  for (const raw of [response.headers.get('Retry-After'), fields.retry_after]) {
    if (raw && /^\d+$/.test(raw.trim())) return Number(raw.trim());
  }
  return null;
}

/** Turns a non-2xx response into an ApiError, using the server's error shape (the Error schema) when present. */
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
// Every shape is docs/openapi.yaml's, generated into api-schema.d.ts by `npm run types`
// (part of every build), so the page cannot drift from what the server documents. Shapes
// that the document spells inline in an operation are taken from that operation.

type Schemas = components['schemas'];
type JsonOf<T> = T extends { content: { 'application/json': infer Body } } ? Body : never;
/** The JSON body of an operation's answer with `status`. */
type Answer<Op extends keyof operations, Status extends keyof operations[Op]['responses']> = JsonOf<
  operations[Op]['responses'][Status]
>;
/** The JSON body an operation takes. */
type RequestJson<Op extends keyof operations> = JsonOf<NonNullable<operations[Op]['requestBody']>>;

export type Health = Schemas['Health'];
export type Community = Schemas['Community'];
export type CommunityList = Answer<'listCommunities', 200>;
export type Role = Schemas['Role'];
export type Member = Schemas['Member'];
/** POST /api/session and GET /api/me. */
export type SignedIn = Schemas['SignedIn'];
export type CaseSummary = Schemas['CaseSummary'];
export type TimelineEntry = Schemas['Entry'];
export type CaseRecord = Schemas['CaseRecord'];
export type CaseLinks = Schemas['CaseLinks'];
/** An evidence file of a case: its facts, never its content (that is a download). */
export type EvidenceFile = Schemas['EvidenceFile'];
export type EvidenceList = Answer<'listEvidence', 200>;
/** A message between the group and a case's reporter (the reporter reads it on the portal). */
export type ThreadMessage = Schemas['ThreadMessage'];
/** The reporter's thread of a case; only reports from the public form have one. */
export type ReporterThread = Schemas['ReporterThread'];
/** A message queued about a case, and how it fared (no text, no recipients). */
export type MailState = Schemas['MailState'];
/** A draft of a message to someone outside the group, with its checks. */
export type Draft = Schemas['Draft'];
export type DraftRecipient = Draft['recipient'];
export type NewDraft = RequestJson<'writeDraft'>;
/** A message waiting in the mail quarantine (no content). */
export type QuarantinedMail = Schemas['QuarantinedMail'];
export type QuarantinedMessage = Answer<'readQuarantined', 200>;
/** A case the member still has to screen: only its code name is known. */
export type ScreeningItem = Schemas['ScreeningItem'];
/** The first of the pending grants on the cases the signed-in member holds, longest wait first. */
export type GrantQueue = Answer<'listAccessRequests', 200>;
/** One member waiting for one case's key. */
export type PendingGrant = GrantQueue['requests'][number];
export type EnrolmentInfo = Schemas['EnrolmentInfo'];
/** The new member, with the one-time token of their enrolment link. */
export type AddedMember = Schemas['AddedMember'];
/** One case a search found, with where the text is and the words around it. */
export type SearchResult = Answer<'searchCases', 200>['results'][number];
/** One entry of the audit log: who did what, when, on which case (never any content). */
export type AuditEntry = Schemas['AuditEntry'];
/** A warning to the chairs: many failed sign-ins against one member's account. */
export type SentSubmission = Schemas['SentSubmission'];
export type LocalSubmission = Schemas['LocalSubmission'];
export type ReportFormFacts = Answer<'getReportForm', 200>;
export type SignInWarning = Answer<'listSignInWarnings', 200>['warnings'][number];

// ---- Calls --------------------------------------------------------------------------

const segment = encodeURIComponent;

export async function fetchMe(): Promise<SignedIn> {
  const me = await getJson<SignedIn>('/api/me');
  setCsrfToken(me.csrf_token);
  return me;
}

/** Signs in; `community` (a slug) is needed when the server hosts several communities. */
export async function signIn(email: string, password: string, code: string, community?: string): Promise<SignedIn> {
  const body: Schemas['SignInRequest'] = { email, password, code };
  if (community) body.community = community;
  const signedIn = await postJson<SignedIn>('/api/session', body);
  setCsrfToken(signedIn.csrf_token);
  return signedIn;
}

export async function signOut(): Promise<void> {
  await deleteJson<Answer<'signOut', 200>>('/api/session');
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
  const { cases } = await getJson<Answer<'listCases', 200>>(`/api/cases?limit=${CASE_PAGE_SIZE + 1}&offset=${offset}`);
  return { cases: cases.slice(0, CASE_PAGE_SIZE), offset, more: cases.length > CASE_PAGE_SIZE };
}

export function getCase(urlName: string): Promise<CaseRecord> {
  return getJson<CaseRecord>(`/api/cases/${segment(urlName)}`);
}

export function getCaseLinks(urlName: string): Promise<CaseLinks> {
  return getJson<CaseLinks>(`/api/cases/${segment(urlName)}/links`);
}

/** Links the case `other` names into the case `urlName`: its reports are about the same incident. */
export function linkCase(urlName: string, other: string, note: string, duplicate = false): Promise<CaseLinks> {
  const body: RequestJson<'linkCase'> = { case: other, note, duplicate };
  return postJson<CaseLinks>(`/api/cases/${segment(urlName)}/links`, body);
}

export function splitCase(urlName: string, linked: string, reason: string): Promise<CaseLinks> {
  const body: RequestJson<'splitCase'> = { reason };
  return postJson<CaseLinks>(`/api/cases/${segment(urlName)}/links/${segment(linked)}/split`, body);
}

// ---- The group's decisions ------------------------------------------------------------

export type Decisions = Schemas['Decisions'];
export type Proposal = Schemas['Proposal'];
export type NewEvaluation = RequestJson<'evaluateCase'>;
export type NewProposal = RequestJson<'proposeResolution'>;
export type ResponseStep = RequestJson<'recordResponse'>['step'];
export type FeedbackStep = RequestJson<'recordFeedback'>;
export type Ballot = Schemas['Ballot'];
export type Vote = Schemas['Vote'];

export function getDecisions(urlName: string): Promise<Decisions> {
  return getJson<Decisions>(`/api/cases/${segment(urlName)}/decisions`);
}

export function evaluateCase(urlName: string, evaluation: NewEvaluation): Promise<Decisions> {
  return postJson<Decisions>(`/api/cases/${segment(urlName)}/evaluations`, evaluation);
}

export function recordResponse(urlName: string, party: number, step: ResponseStep, text: string): Promise<Decisions> {
  const body: RequestJson<'recordResponse'> = { reported_party: party, step, text };
  return postJson<Decisions>(`/api/cases/${segment(urlName)}/responses`, body);
}

export function proposeResolution(urlName: string, proposal: NewProposal): Promise<Decisions> {
  return postJson<Decisions>(`/api/cases/${segment(urlName)}/proposals`, proposal);
}

export function castBallot(urlName: string, proposal: number, ballot: Ballot): Promise<Decisions> {
  const body: RequestJson<'castBallot'> = { ballot };
  return postJson<Decisions>(`/api/cases/${segment(urlName)}/proposals/${proposal}/ballots`, body);
}

export function recordFeedback(urlName: string, proposal: number, step: FeedbackStep): Promise<Decisions> {
  return postJson<Decisions>(`/api/cases/${segment(urlName)}/proposals/${proposal}/feedback`, step);
}

export type UnilateralAction = Schemas['UnilateralAction'];
export type NewAction = RequestJson<'takeAction'>;
export type ActionRevision = RequestJson<'reviseAction'>;

/** Records an action the member took at once; their report to the group is then due. */
export function takeAction(urlName: string, action: NewAction): Promise<Decisions> {
  return postJson<Decisions>(`/api/cases/${segment(urlName)}/actions`, action);
}

export function reportAction(urlName: string, action: number, text: string): Promise<Decisions> {
  const body: RequestJson<'reportAction'> = { text };
  return postJson<Decisions>(`/api/cases/${segment(urlName)}/actions/${action}/report`, body);
}

export function reviseAction(urlName: string, action: number, revision: ActionRevision): Promise<Decisions> {
  return postJson<Decisions>(`/api/cases/${segment(urlName)}/actions/${action}/revisions`, revision);
}

export function castActionBallot(urlName: string, action: number, ballot: Ballot): Promise<Decisions> {
  const body: RequestJson<'castActionBallot'> = { ballot };
  return postJson<Decisions>(`/api/cases/${segment(urlName)}/actions/${action}/ballots`, body);
}

export function enactProposal(urlName: string, proposal: number, note: string): Promise<Decisions> {
  const body: RequestJson<'enactProposal'> = { note };
  return postJson<Decisions>(`/api/cases/${segment(urlName)}/proposals/${proposal}/enactment`, body);
}

export type NewCase = Schemas['NewCase'];
export type TransitionRequest = RequestJson<'transitionCase'>;

/** Records a case from a report a member received (in person, by phone, by email). */
export function openCase(report: NewCase): Promise<CaseRecord> {
  return postJson<CaseRecord>('/api/cases', report);
}

export type FlagsChange = RequestJson<'changeFlags'>;

/** Changes whether the case is ongoing or a physical danger; the reason goes on the timeline. */
export function changeFlags(urlName: string, change: FlagsChange): Promise<CaseSummary> {
  return postJson<CaseSummary>(`/api/cases/${segment(urlName)}/flags`, change);
}

export function transitionCase(urlName: string, move: TransitionRequest): Promise<CaseSummary> {
  return postJson<CaseSummary>(`/api/cases/${segment(urlName)}/transitions`, move);
}

export function addNote(urlName: string, text: string): Promise<TimelineEntry> {
  const body: Schemas['NewEntry'] = { kind: 'note', text };
  return postJson<TimelineEntry>(`/api/cases/${segment(urlName)}/entries`, body);
}

export function declareConflict(urlName: string, note: string): Promise<Answer<'declareConflict', 201>> {
  const body: Schemas['ConflictDeclaration'] = { note };
  return postJson(`/api/cases/${segment(urlName)}/conflicts`, body);
}

export function getReporterThread(urlName: string): Promise<ReporterThread> {
  return getJson<ReporterThread>(`/api/cases/${segment(urlName)}/thread`);
}

export function writeToReporter(urlName: string, text: string): Promise<ThreadMessage> {
  const body: RequestJson<'writeToReporter'> = { text };
  return postJson<ThreadMessage>(`/api/cases/${segment(urlName)}/thread`, body);
}

/** The community's mail that failed or is being retried (chairs). */
export async function listMailNeedingAttention(): Promise<MailState[]> {
  return (await getJson<Answer<'getMailNeedingAttention', 200>>('/api/mail/attention')).mail;
}

export async function listDrafts(urlName: string): Promise<Draft[]> {
  return (await getJson<Answer<'listDrafts', 200>>(`/api/cases/${segment(urlName)}/drafts`)).drafts;
}

export function writeDraft(urlName: string, draft: NewDraft): Promise<Draft> {
  return postJson<Draft>(`/api/cases/${segment(urlName)}/drafts`, draft);
}

export function sendDraft(urlName: string, number: number): Promise<Draft> {
  return postJson<Draft>(`/api/cases/${segment(urlName)}/drafts/${number}/sending`, {});
}

export function withdrawDraft(urlName: string, number: number): Promise<Answer<'withdrawDraft', 200>> {
  return postJson(`/api/cases/${segment(urlName)}/drafts/${number}/withdrawal`, {});
}

/** The community's mail quarantine (chairs). */
export async function listQuarantine(): Promise<QuarantinedMail[]> {
  return (await getJson<Answer<'listQuarantine', 200>>('/api/mail/quarantine')).messages;
}

export function readQuarantined(id: number): Promise<QuarantinedMessage> {
  return getJson<QuarantinedMessage>(`/api/mail/quarantine/${id}`);
}

/** Files a quarantined message into the case `caseName` names, or a new case when it is empty. */
export function fileQuarantined(id: number, caseName: string): Promise<Answer<'fileQuarantined', 200>> {
  const body: RequestJson<'fileQuarantined'> = caseName ? { case: caseName } : {};
  return postJson(`/api/mail/quarantine/${id}/filing`, body);
}

export function discardQuarantined(id: number): Promise<Answer<'discardQuarantined', 200>> {
  return postJson(`/api/mail/quarantine/${id}/discarding`, {});
}

export async function listCaseMail(urlName: string): Promise<MailState[]> {
  return (await getJson<Answer<'getCaseMail', 200>>(`/api/cases/${segment(urlName)}/mail`)).mail;
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

/** Declares no conflict with a case to screen: the member may see it from then on. */
export function clearScreening(urlName: string): Promise<Answer<'clearCaseScreening', 200>> {
  return postJson(`/api/cases/${segment(urlName)}/screening`, {});
}

export async function listScreening(): Promise<ScreeningItem[]> {
  return (await getJson<Answer<'listCasesToScreen', 200>>('/api/screening')).cases;
}

/** Full-text search over the cases the signed-in member holds (opened in their session). */
export async function searchCases(text: string): Promise<SearchResult[]> {
  return (await getJson<Answer<'searchCases', 200>>(`/api/search?q=${encodeURIComponent(text)}`)).results;
}

/** A page of the audit trail, newest first: one case's, or the community's. */
export async function readAuditTrail(urlName: string | null, before: number | null): Promise<AuditEntry[]> {
  const query = new URLSearchParams();
  if (urlName) query.set('case', urlName);
  if (before !== null) query.set('before', String(before));
  query.set('limit', '100');
  return (await getJson<Answer<'readAuditTrail', 200>>(`/api/audit?${query.toString()}`)).entries;
}

export function listPendingGrants(): Promise<GrantQueue> {
  return getJson<GrantQueue>('/api/access-requests');
}

/** Grants one waiting member the case: approves a screening and wraps the case key for them. */
export function grantAccess(urlName: string, email: string): Promise<Answer<'approveAccess', 200>> {
  const body: RequestJson<'approveAccess'> = { member: email };
  return postJson(`/api/cases/${segment(urlName)}/access-approvals`, body);
}

/** A chair vouches for a member's public keys, so case keys are sealed for them. */
export function certifyMember(email: string): Promise<Answer<'certifyMemberKeys', 200>> {
  return postJson(`/api/members/${segment(email)}/certification`, {});
}

export async function listMembers(): Promise<Member[]> {
  return (await getJson<Answer<'listMembers', 200>>('/api/members')).members;
}

/** GET /api/sign-in-warnings (chairs): the policy's last days, newest first. */
export async function listSignInWarnings(): Promise<SignInWarning[]> {
  return (await getJson<Answer<'listSignInWarnings', 200>>('/api/sign-in-warnings')).warnings;
}

/** Adds a member; the answer carries the one-time enrolment token. */
export function addMember(email: string, name: string, role: Role): Promise<AddedMember> {
  const body: Schemas['NewMember'] = { email, name, role };
  return postJson<AddedMember>('/api/members', body);
}

export function getEnrolment(token: string): Promise<EnrolmentInfo> {
  return getJson<EnrolmentInfo>(`/api/enrolment/${segment(token)}`);
}

export function completeEnrolment(
  token: string,
  password: string,
  totpSecret: string,
  code: string,
): Promise<Answer<'completeEnrolment', 201>> {
  const body: Schemas['EnrolmentCompletion'] = { password, totp_secret: totpSecret, code };
  return postJson(`/api/enrolment/${segment(token)}`, body);
}

// ---- Local representatives ------------------------------------------------------------

export async function listSubmissions(): Promise<SentSubmission[]> {
  return (await getJson<Answer<'listSubmissions', 200>>('/api/submissions')).submissions;
}

export function sendSubmission(submission: LocalSubmission): Promise<SentSubmission> {
  return postJson<SentSubmission>('/api/submissions', submission);
}

/** What the community's report form offers: its spaces among them. */
export function getReportFormFacts(community: string): Promise<ReportFormFacts> {
  return getJson<ReportFormFacts>(`/api/reports/${encodeURIComponent(community)}/form`);
}

// ---- The intake queue -------------------------------------------------------------------

export type DraftToReview = Answer<'listDraftsAwaitingReview', 200>['drafts'][number];

/** The newest cases in one state (at most 50), for the intake queue. */
export async function listCasesInState(state: CaseSummary['state']): Promise<CaseSummary[]> {
  return (await getJson<Answer<'listCases', 200>>(`/api/cases?state=${encodeURIComponent(state)}&limit=50`)).cases;
}

export async function listDraftsAwaitingReview(): Promise<DraftToReview[]> {
  return (await getJson<Answer<'listDraftsAwaitingReview', 200>>('/api/drafts/awaiting-review')).drafts;
}

// ---- The group's meetings -----------------------------------------------------------------

export type MeetingSummary = Schemas['MeetingSummary'];
/** A meeting as far as the member may read it: its general minutes and what it wrote on their cases. */
export type Meeting = Schemas['Meeting'];
export type MeetingEntry = Meeting['entries'][number];
export type NewMeeting = RequestJson<'recordMeeting'>;

/** How many meetings the Meetings page shows at a time. */
export const MEETING_PAGE_SIZE = 50;

/** One page of the group's meetings, newest first. */
export interface MeetingPage {
  meetings: MeetingSummary[];
  offset: number;
  /** Whether older meetings follow this page. */
  more: boolean;
}

/** The page of meetings starting at `offset`: one more is asked for, to know whether more follow. */
export async function listMeetings(offset = 0): Promise<MeetingPage> {
  const { meetings } = await getJson<Answer<'listMeetings', 200>>(
    `/api/meetings?limit=${MEETING_PAGE_SIZE + 1}&offset=${offset}`,
  );
  return { meetings: meetings.slice(0, MEETING_PAGE_SIZE), offset, more: meetings.length > MEETING_PAGE_SIZE };
}

export function getMeeting(number: number): Promise<Meeting> {
  return getJson<Meeting>(`/api/meetings/${number}`);
}

/** Records a meeting once it was held; what was said about each case goes on that case's timeline. */
export function recordMeeting(meeting: NewMeeting): Promise<Meeting> {
  return postJson<Meeting>('/api/meetings', meeting);
}

// ---- The group's own matters ----------------------------------------------------------

export type MatterSummary = Schemas['MatterSummary'];
/** A matter as the member may see it: its text and its count when their keys open them. */
export type Matter = Schemas['Matter'];
export type MatterKind = MatterSummary['kind'];
export type NewMatter = RequestJson<'proposeMatter'>;

/** How many matters the Matters page shows at a time. */
export const MATTER_PAGE_SIZE = 50;

/** One page of the group's matters, newest first. */
export interface MatterPage {
  matters: MatterSummary[];
  offset: number;
  /** Whether older matters follow this page. */
  more: boolean;
}

/** The page of matters starting at `offset`: one more is asked for, to know whether more follow. */
export async function listMatters(offset = 0): Promise<MatterPage> {
  const { matters } = await getJson<Answer<'listMatters', 200>>(
    `/api/matters?limit=${MATTER_PAGE_SIZE + 1}&offset=${offset}`,
  );
  return { matters: matters.slice(0, MATTER_PAGE_SIZE), offset, more: matters.length > MATTER_PAGE_SIZE };
}

export function getMatter(number: number): Promise<Matter> {
  return getJson<Matter>(`/api/matters/${number}`);
}

/** Puts a matter to the group's voting members of today; its vote opens at once. */
export function proposeMatter(matter: NewMatter): Promise<Matter> {
  return postJson<Matter>('/api/matters', matter);
}

export function castMatterBallot(number: number, ballot: Ballot): Promise<Matter> {
  const body: RequestJson<'castMatterBallot'> = { ballot };
  return postJson<Matter>(`/api/matters/${number}/ballots`, body);
}

/** The member drops out of the matter's eligible members; the vote is counted again without them. */
export function standAsideFromMatter(number: number): Promise<Matter> {
  return postJson<Matter>(`/api/matters/${number}/stand-aside`, {});
}
