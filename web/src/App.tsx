import { useEffect, useState } from 'preact/hooks';
import { getJson, type Community, type CommunityList, type Health } from './api';

type Load<T> =
  | { state: 'loading' }
  | { state: 'ready'; data: T }
  | { state: 'failed'; message: string };

/** Fetches `path` once on mount and tracks loading / ready / failed. */
function useJson<T>(path: string): Load<T> {
  const [load, setLoad] = useState<Load<T>>({ state: 'loading' });
  useEffect(() => {
    const controller = new AbortController();
    getJson<T>(path, { signal: controller.signal })
      .then((data) => setLoad({ state: 'ready', data }))
      .catch((error: unknown) => {
        if (controller.signal.aborted) return;
        setLoad({ state: 'failed', message: error instanceof Error ? error.message : String(error) });
      });
    return () => controller.abort();
  }, [path]);
  return load;
}

function CommunitySection({ load }: { load: Load<CommunityList> }) {
  if (load.state === 'loading') {
    return (
      <section aria-labelledby="community-heading" aria-busy="true">
        <h1 id="community-heading">Loading community…</h1>
      </section>
    );
  }
  if (load.state === 'failed') {
    return (
      <section aria-labelledby="community-heading">
        <h1 id="community-heading">Community unavailable</h1>
        <p role="alert">The community details could not be loaded: {load.message}</p>
      </section>
    );
  }
  const [first, ...others] = load.data.communities;
  if (!first) {
    return (
      <section aria-labelledby="community-heading">
        <h1 id="community-heading">No community set up yet</h1>
        <p>This Conduct server does not host any community yet.</p>
      </section>
    );
  }
  return (
    <section aria-labelledby="community-heading">
      <p class="eyebrow">Code of Conduct working group</p>
      <h1 id="community-heading" data-testid="community-name">
        {first.name}
      </h1>
      <ContactLine community={first} />
      {others.length > 0 && (
        <section aria-labelledby="all-communities-heading" class="card">
          <h2 id="all-communities-heading">All communities on this server</h2>
          <ul class="community-list">
            {load.data.communities.map((community) => (
              <li key={community.slug}>
                <span class="community-list-name">{community.name}</span>
                <ContactLine community={community} />
              </li>
            ))}
          </ul>
        </section>
      )}
    </section>
  );
}

function ContactLine({ community }: { community: Community }) {
  return (
    <p class="contact">
      Contact the working group at{' '}
      <a href={`mailto:${community.contact_email}`} data-testid="community-contact">
        {community.contact_email}
      </a>
    </p>
  );
}

function HealthPanel({ load }: { load: Load<Health> }) {
  let word: string;
  let detail = '';
  let tone: 'pending' | 'good' | 'bad';
  if (load.state === 'loading') {
    word = 'checking…';
    tone = 'pending';
  } else if (load.state === 'failed') {
    word = 'unreachable';
    tone = 'bad';
  } else {
    word = load.data.status;
    tone = load.data.status === 'ok' ? 'good' : 'bad';
    detail = `(version ${load.data.version}, database ${load.data.database})`;
  }
  return (
    <section aria-labelledby="health-heading" class="card">
      <h2 id="health-heading">Server</h2>
      <p role="status" aria-live="polite" class={`health health-${tone}`}>
        <span class="health-dot" aria-hidden="true" />
        Server health: <strong data-testid="health-status">{word}</strong>
        {detail && <span class="health-detail"> {detail}</span>}
      </p>
    </section>
  );
}

export function App() {
  const communities = useJson<CommunityList>('/api/communities');
  const health = useJson<Health>('/api/health');
  return (
    <>
      <a class="skip-link" href="#main">
        Skip to content
      </a>
      <header class="site-header">
        <div class="wrap">
          <span class="product">Conduct</span>
        </div>
      </header>
      <main id="main" class="wrap" tabIndex={-1}>
        <CommunitySection load={communities} />
        <HealthPanel load={health} />
      </main>
    </>
  );
}
