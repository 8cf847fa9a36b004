import type { ComponentChildren } from 'preact';
import { useEffect } from 'preact/hooks';
import { Layout } from './components/Layout';
import { Page } from './components/Page';
import { sentence } from './components/problems';
import { AuditPage } from './pages/Audit';
import { CasePage } from './pages/CasePage';
import { CasesPage } from './pages/Cases';
import { EnrolPage } from './pages/Enrol';
import { HomePage } from './pages/Home';
import { MembersPage } from './pages/Members';
import { NotFoundPage } from './pages/NotFound';
import { SignInPage } from './pages/SignIn';
import { matchPath, navigate, useLocation, type Location } from './router';
import { SessionProvider, useSession } from './session';

export function App() {
  return (
    <SessionProvider>
      <Routes />
    </SessionProvider>
  );
}

function Routes() {
  const location = useLocation();
  return (
    <Layout location={location}>
      <Route location={location} />
    </Layout>
  );
}

function Route({ location }: { location: Location }) {
  const path = location.path.length > 1 ? location.path.replace(/\/+$/, '') : location.path;
  if (path === '/') return <HomePage />;
  if (path === '/sign-in') return <SignInPage location={location} />;
  let params = matchPath('/enrol/:token', path);
  if (params) return <EnrolPage token={params.token!} />;
  if (path === '/cases') {
    return (
      <RequireSession location={location}>
        <CasesPage />
      </RequireSession>
    );
  }
  params = matchPath('/cases/:name', path);
  if (params) {
    return (
      <RequireSession location={location}>
        <CasePage key={params.name} urlName={params.name!} />
      </RequireSession>
    );
  }
  if (path === '/audit') {
    return (
      <RequireSession location={location}>
        <AuditPage key={location.search} search={location.search} />
      </RequireSession>
    );
  }
  if (path === '/members') {
    return (
      <RequireSession location={location}>
        <MembersPage />
      </RequireSession>
    );
  }
  return <NotFoundPage />;
}

/** Members' pages: asks GET /api/me once, and sends a signed-out visitor to sign in. */
function RequireSession({ location, children }: { location: Location; children: ComponentChildren }) {
  const session = useSession();
  const status = session.state.status;
  useEffect(() => {
    if (status === 'unknown') session.check();
  }, [status, session]);
  useEffect(() => {
    if (session.state.status !== 'signed-out') return;
    const next = encodeURIComponent(location.path + location.search);
    navigate(`/sign-in?next=${next}`, {
      replace: true,
      flash: session.state.reason === 'expired' ? 'Your session has ended: sign in again.' : undefined,
    });
  }, [session.state, location.path, location.search]);

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
