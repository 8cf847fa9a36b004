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

/** Thrown by getJson for non-2xx answers, network failures and bad JSON. */
export class ApiError extends Error {
  /** HTTP status; 0 when the server could not be reached. */
  readonly status: number;
  /** Machine-readable code from the server, or a local one (network_error, bad_response). */
  readonly code: string;
  /** Per-field messages from the server (empty when none). */
  readonly fields: Record<string, string>;

  constructor(status: number, code: string, message: string, fields: Record<string, string> = {}) {
    super(message);
    this.name = 'ApiError';
    this.status = status;
    this.code = code;
    this.fields = fields;
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

/** Turns a non-2xx response into an ApiError, using the server's error shape when present. */
async function errorFrom(response: Response): Promise<ApiError> {
  let body: unknown = null;
  try {
    body = await response.json();
  } catch {
    // Not JSON (e.g. a proxy's HTML error page): fall through to a generic error.
  }
  if (isRecord(body) && isRecord(body.error)) {
    const { code, message, fields } = body.error;
    return new ApiError(
      response.status,
      typeof code === 'string' ? code : 'http_error',
      typeof message === 'string' ? message : `Request failed with status ${response.status}`,
      stringFields(fields),
    );
  }
  return new ApiError(response.status, 'http_error', `Request failed with status ${response.status}`);
}

/** GETs `path` (e.g. "/api/health") and returns the parsed JSON body as T. */
export async function getJson<T>(path: string, options: { signal?: AbortSignal } = {}): Promise<T> {
  let response: Response;
  try {
    response = await fetch(path, {
      method: 'GET',
      headers: { Accept: 'application/json' },
      credentials: 'same-origin',
      signal: options.signal,
    });
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

// Shapes of the public endpoints used by the first page.

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
