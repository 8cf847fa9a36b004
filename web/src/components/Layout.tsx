import type { ComponentChildren } from 'preact';
import { useState } from 'preact/hooks';
import { useLocation } from 'preact-iso';
import { ApiError, signOut } from '../api';
import { roleLabel } from '../format';
import { useFlash, useNavigate } from '../navigation';
import { homePath, isChair, isGroupMember, isLocalRepresentative, mayReadAuditTrail, useSession } from '../session';
import { Link } from './Link';

/** Header, navigation, the status line for messages between pages, and <main>. */
export function Layout({ children }: { children: ComponentChildren }) {
  const session = useSession();
  const { path } = useLocation();
  const flash = useFlash();
  const navigate = useNavigate();
  const me = session.state.status === 'signed-in' ? session.state.me : null;
  const [signingOut, setSigningOut] = useState(false);
  const [signOutProblem, setSignOutProblem] = useState<string | null>(null);

  async function onSignOut() {
    setSigningOut(true);
    setSignOutProblem(null);
    try {
      await signOut();
    } catch (error) {
      // A session that has already ended is as good as signed out; anything else is reported.
      if (!(error instanceof ApiError && error.status === 401)) {
        setSignOutProblem(`Signing out failed: ${error instanceof Error ? error.message : String(error)}`);
        setSigningOut(false);
        return;
      }
    }
    setSigningOut(false);
    navigate('/sign-in', { flash: 'You have signed out.' });
    session.signedOut('signed-out');
  }

  const inCases = path === '/cases' || path.startsWith('/cases/');
  const inMeetings = path === '/meetings' || path.startsWith('/meetings/');
  const inMatters = path === '/matters' || path.startsWith('/matters/');
  return (
    <>
      <a class="skip-link" href="#main">
        Skip to content
      </a>
      <header class="site-header">
        <div class="wrap header-row">
          <Link href={me ? homePath(me) : '/'} class="product">
            Conduct
          </Link>
          <nav aria-label="Main" class="main-nav">
            {me && isLocalRepresentative(me) ? (
              <ul>
                <li>
                  <Link href="/submissions" current={path === '/submissions'}>
                    Submissions
                  </Link>
                </li>
              </ul>
            ) : me ? (
              <ul>
                <li>
                  <Link href="/cases" current={inCases}>
                    Cases
                  </Link>
                </li>
                {isGroupMember(me) && (
                  <li>
                    <Link href="/intake" current={path === '/intake'}>
                      Intake
                    </Link>
                  </li>
                )}
                {isGroupMember(me) && (
                  <li>
                    <Link href="/meetings" current={inMeetings}>
                      Meetings
                    </Link>
                  </li>
                )}
                {isGroupMember(me) && (
                  <li>
                    <Link href="/matters" current={inMatters}>
                      Matters
                    </Link>
                  </li>
                )}
                {isChair(me) && (
                  <li>
                    <Link href="/members" current={path === '/members'}>
                      Members
                    </Link>
                  </li>
                )}
                {mayReadAuditTrail(me) && (
                  <li>
                    <Link href="/audit" current={path === '/audit'}>
                      Audit
                    </Link>
                  </li>
                )}
              </ul>
            ) : (
              path !== '/sign-in' && (
                <ul>
                  <li>
                    <Link href="/sign-in" data-testid="sign-in-link">
                      Sign in
                    </Link>
                  </li>
                </ul>
              )
            )}
          </nav>
          {me && (
            <div class="account">
              <span class="account-who" data-testid="signed-in-as">
                {me.member.name} <span class="account-role">({roleLabel(me.member.role)})</span>
              </span>
              <button type="button" class="button button-quiet" onClick={onSignOut} disabled={signingOut}>
                {signingOut ? 'Signing out…' : 'Sign out'}
              </button>
            </div>
          )}
        </div>
      </header>
      <main id="main" class="wrap" tabIndex={-1}>
        <div role="status" class={flash || signOutProblem ? 'flash' : 'flash flash-empty'} data-testid="flash">
          {signOutProblem ?? flash}
        </div>
        {children}
      </main>
    </>
  );
}
