// Who is signed in. The session cookie is HttpOnly, so the page learns it from
// POST /api/session (at sign-in) or GET /api/me (after a reload). Public pages never
// ask: only the members' pages do, and a 401 from any call ends the session here.
import { createContext, type ComponentChildren } from 'preact';
import { useCallback, useContext, useMemo, useRef, useState } from 'preact/hooks';
import { ApiError, fetchMe, setCsrfToken, type SignedIn } from './api';

export type SessionState =
  | { status: 'unknown' }
  | { status: 'checking' }
  | { status: 'signed-out'; reason: 'never' | 'signed-out' | 'expired' }
  | { status: 'failed'; message: string }
  | { status: 'signed-in'; me: SignedIn };

export interface Session {
  state: SessionState;
  /** Asks GET /api/me once, unless the answer is already known. */
  check(): void;
  signedIn(me: SignedIn): void;
  signedOut(reason?: 'signed-out' | 'expired'): void;
  /** For members' pages: a 401 means the session ended (idle timeout, signed out elsewhere). */
  noticeError(error: unknown): void;
}

const SessionContext = createContext<Session | null>(null);

export function SessionProvider({ children }: { children: ComponentChildren }) {
  const [state, setState] = useState<SessionState>({ status: 'unknown' });
  const checking = useRef(false);

  const signedIn = useCallback((me: SignedIn) => {
    setCsrfToken(me.csrf_token);
    setState({ status: 'signed-in', me });
  }, []);

  const signedOut = useCallback((reason: 'signed-out' | 'expired' = 'signed-out') => {
    setCsrfToken(null);
    setState({ status: 'signed-out', reason });
  }, []);

  const check = useCallback(() => {
    if (checking.current) return;
    checking.current = true;
    setState({ status: 'checking' });
    fetchMe()
      .then((me) => setState({ status: 'signed-in', me }))
      .catch((error: unknown) => {
        if (error instanceof ApiError && error.status === 401) {
          setCsrfToken(null);
          setState({ status: 'signed-out', reason: 'never' });
        } else {
          setState({ status: 'failed', message: error instanceof Error ? error.message : String(error) });
        }
      })
      .finally(() => {
        checking.current = false;
      });
  }, []);

  const noticeError = useCallback(
    (error: unknown) => {
      if (error instanceof ApiError && error.status === 401) signedOut('expired');
    },
    [signedOut],
  );

  const session = useMemo<Session>(
    () => ({ state, check, signedIn, signedOut, noticeError }),
    [state, check, signedIn, signedOut, noticeError],
  );
  return <SessionContext.Provider value={session}>{children}</SessionContext.Provider>;
}

export function useSession(): Session {
  const session = useContext(SessionContext);
  if (!session) throw new Error('useSession() outside <SessionProvider>');
  return session;
}

/** The signed-in member; only for components rendered inside <RequireSession>. */
export function useMe(): SignedIn {
  const { state } = useSession();
  if (state.status !== 'signed-in') throw new Error('useMe() without a signed-in member');
  return state.me;
}

export function isChair(me: SignedIn): boolean {
  return me.member.role === 'chair' || me.member.role === 'vice-chair';
}

/** Chairs run the group and the board oversees it: both read the audit trail. */
export function mayReadAuditTrail(me: SignedIn): boolean {
  return isChair(me) || me.member.role === 'board-member';
}

/** Roles that may list the community's members (the working group itself). */
export function mayListMembers(me: SignedIn): boolean {
  return ['member', 'chair', 'vice-chair', 'instance-admin'].includes(me.member.role);
}

/** Event teams, moderators and program contacts: they send to the group and see no case. */
export function isLocalRepresentative(me: SignedIn): boolean {
  return me.member.role === 'local-representative';
}

/** Where a member lands after signing in: their submissions, or the cases. */
export function homePath(me: SignedIn): string {
  return isLocalRepresentative(me) ? '/submissions' : '/cases';
}

/** Members of the working group itself (they screen cases and vote). */
export function isGroupMember(me: SignedIn): boolean {
  return ['member', 'chair', 'vice-chair'].includes(me.member.role);
}
