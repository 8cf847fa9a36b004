import { useEffect, useState } from 'preact/hooks';
import { getJson, type Community, type CommunityList, type Health } from '../api';
import { Link } from '../components/Link';
import { useFocusRequest } from '../navigation';

type Load<T> = { state: 'loading' } | { state: 'ready'; data: T } | { state: 'failed'; message: string };

/** Fetches `path` once on mount and tracks loading / ready / failed. */
function useJson<T>(path: string): Load<T> {
  const [load, setLoad] = useState<Load<T>>({ state: 'loading' });
  useEffect(() => {
    // Late answers after leaving the page are ignored rather than aborted: an aborted
    // fetch would show up as a failed request.
    let current = true;
    getJson<T>(path)
      .then((data) => current && setLoad({ state: 'ready', data }))
      .catch((error: unknown) => {
        if (current) setLoad({ state: 'failed', message: error instanceof Error ? error.message : String(error) });
      });
    return () => {
      current = false;
    };
  }, [path]);
  return load;
}

function CommunitySection({ load }: { load: Load<CommunityList> }) {
  // After an in-app navigation to the front page, the settled heading takes the focus.
  const takeFocus = useFocusRequest();
  useEffect(() => {
    if (load.state !== 'loading' && takeFocus()) document.getElementById('community-heading')?.focus();
  }, [load.state]);
  if (load.state === 'loading') {
    return (
      <section aria-labelledby="community-heading" aria-busy="true">
        <h1 id="community-heading" tabIndex={-1}>
          Loading community…
        </h1>
      </section>
    );
  }
  if (load.state === 'failed') {
    return (
      <section aria-labelledby="community-heading">
        <h1 id="community-heading" tabIndex={-1}>
          Community unavailable
        </h1>
        <p role="alert">The community details could not be loaded: {load.message}</p>
      </section>
    );
  }
  const [first, ...others] = load.data.communities;
  if (!first) {
    return (
      <section aria-labelledby="community-heading">
        <h1 id="community-heading" tabIndex={-1}>
          No community set up yet
        </h1>
        <p>This Conduct server does not host any community yet.</p>
      </section>
    );
  }
  return (
    <section aria-labelledby="community-heading">
      <p class="eyebrow">Code of Conduct working group</p>
      <h1 id="community-heading" data-testid="community-name" tabIndex={-1}>
        {first.name}
      </h1>
      <ContactLine community={first} />
      <p class="members-entry">
        Working group members:{' '}
        <Link href="/sign-in" data-testid="home-sign-in">
          Sign in
        </Link>
      </p>
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

/** The public front page: the community, how to reach its working group, server health. */
export function HomePage() {
  const communities = useJson<CommunityList>('/api/communities');
  const health = useJson<Health>('/api/health');
  useEffect(() => {
    document.title = 'Conduct';
  }, []);
  return (
    <>
      <CommunitySection load={communities} />
      <HealthPanel load={health} />
    </>
  );
}
