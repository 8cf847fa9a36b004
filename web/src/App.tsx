import type { ComponentChildren } from 'preact';
import { useEffect, useErrorBoundary } from 'preact/hooks';
import { LocationProvider, Route, Router, useLocation, useRoute } from 'preact-iso';
import { Layout } from './components/Layout';
import { Page } from './components/Page';
import { sentence } from './components/problems';
import { useNavigate } from './navigation';
import { AuditPage } from './pages/Audit';
import { CasePage } from './pages/CasePage';
import { CasesPage } from './pages/Cases';
import { EnrolPage } from './pages/Enrol';
import { HomePage } from './pages/Home';
import { IntakePage } from './pages/Intake';
import { MatterPage } from './pages/Matter';
import { MattersPage } from './pages/Matters';
import { MeetingPage } from './pages/Meeting';
import { MeetingsPage } from './pages/Meetings';
import { MembersPage } from './pages/Members';
import { NotFoundPage } from './pages/NotFound';
import { SignInPage } from './pages/SignIn';
import { SubmissionsPage } from './pages/Submissions';
import { isLocalRepresentative, SessionProvider, useMe, useSession } from './session';

// The links routed here without a page load: the app's own pages. /api/ and the pages
// the server renders itself (the public report form, the reporter's portal) load from
// the server.
const APP_PAGES = /^\/(?!api\/|report\/|portal(\/|\?|$))/;

export function App() {
  return (
    <LocationProvider scope={APP_PAGES}>
      <SessionProvider>
        <Layout>
          <MalformedAddresses>
            <Router>
              <Route path="/" component={HomePage} />
              <Route path="/sign-in" component={SignInPage} />
              <Route path="/enrol/:token" component={EnrolPage} />
              <Route path="/cases" component={CasesRoute} />
              <Route path="/cases/:name" component={CaseRoute} />
              <Route path="/audit" component={AuditRoute} />
              <Route path="/members" component={MembersRoute} />
              <Route path="/meetings" component={MeetingsRoute} />
              <Route path="/meetings/:number" component={MeetingRoute} />
              <Route path="/matters" component={MattersRoute} />
              <Route path="/matters/:number" component={MatterRoute} />
              <Route path="/submissions" component={SubmissionsRoute} />
              <Route path="/intake" component={IntakeRoute} />
              <Route default component={NotFoundPage} />
            </Router>
          </MalformedAddresses>
        </Layout>
      </SessionProvider>
    </LocationProvider>
  );
}

/**
 * An address whose %-escapes do not decode (`/cases/%E0%A4`) makes the router throw
 * while it reads the path: such an address names no page. Any other error is not
 * caught here.
 */
function MalformedAddresses({ children }: { children: ComponentChildren }) {
  const [error, reset] = useErrorBoundary();
  const { url } = useLocation();
  useEffect(() => {
    if (error) reset();
  }, [url]);
  if (error instanceof URIError) return <NotFoundPage />;
  if (error) throw error;
  return <>{children}</>;
}

function CasesRoute() {
  return (
    <RequireSession>
      <CasesOrSubmissions />
    </RequireSession>
  );
}

/** A local representative sees no case: their own page stands where the cases would. */
function CasesOrSubmissions() {
  const me = useMe();
  const navigate = useNavigate();
  const representative = isLocalRepresentative(me);
  useEffect(() => {
    if (representative) navigate('/submissions', { replace: true });
  }, [representative]);
  return representative ? <Page title="Loading…" busy /> : <CasesPage />;
}

function IntakeRoute() {
  return (
    <RequireSession>
      <IntakePage />
    </RequireSession>
  );
}

function SubmissionsRoute() {
  return (
    <RequireSession>
      <SubmissionsPage />
    </RequireSession>
  );
}

function CaseRoute({ name }: { name: string }) {
  return (
    <RequireSession>
      <CasePage key={name} urlName={name} />
    </RequireSession>
  );
}

function AuditRoute() {
  const urlName = useRoute().query.case || null;
  return (
    <RequireSession>
      <AuditPage key={urlName ?? ''} urlName={urlName} />
    </RequireSession>
  );
}

function MembersRoute() {
  return (
    <RequireSession>
      <MembersPage />
    </RequireSession>
  );
}

function MeetingsRoute() {
  return (
    <RequireSession>
      <MeetingsPage />
    </RequireSession>
  );
}

function MeetingRoute({ number }: { number: string }) {
  return (
    <RequireSession>
      <MeetingPage key={number} number={number} />
    </RequireSession>
  );
}

function MattersRoute() {
  return (
    <RequireSession>
      <MattersPage />
    </RequireSession>
  );
}

function MatterRoute({ number }: { number: string }) {
  return (
    <RequireSession>
      <MatterPage key={number} number={number} />
    </RequireSession>
  );
}

/** Members' pages: asks GET /api/me once, and sends a signed-out visitor to sign in. */
function RequireSession({ children }: { children: ComponentChildren }) {
  const session = useSession();
  const { url } = useLocation();
  const navigate = useNavigate();
  const status = session.state.status;
  useEffect(() => {
    if (status === 'unknown') session.check();
  }, [status, session]);
  useEffect(() => {
    if (session.state.status !== 'signed-out') return;
    navigate(`/sign-in?next=${encodeURIComponent(url)}`, {
      replace: true,
      flash: session.state.reason === 'expired' ? 'Your session has ended: sign in again.' : undefined,
    });
  }, [session.state, url]);

  if (session.state.status === 'signed-in') return <>{children}</>;
  if (session.state.status === 'failed') {
    return (
      <Page title="Conduct is unavailable">
        <p role="alert" class="problem">
          Could not check whether you are signed in: {sentence(session.state.message)}
        </p>
      </Page>
    );
  }
  return <Page title="Loading…" busy />;
}
