import { useEffect, useState } from 'preact/hooks';
import { useLocation } from 'preact-iso';
import { ApiError, getJson, signIn, type Community, type CommunityList } from '../api';
import { CodeField } from '../components/CodeField';
import { Field } from '../components/Field';
import { FormAlert } from '../components/FormAlert';
import { Link } from '../components/Link';
import { Page } from '../components/Page';
import { fieldProblems, fieldSentence } from '../components/problems';
import { useSubmit } from '../components/useSubmit';
import { safeReturnPath, useNavigate } from '../navigation';
import { homePath, useSession } from '../session';

const LABELS = { community: 'Community', email: 'Email', password: 'Password', code: 'Code' };

/** The communities this server hosts; the form asks for one only when there are several. */
function useCommunities(): Community[] {
  const [communities, setCommunities] = useState<Community[]>([]);
  useEffect(() => {
    let current = true;
    getJson<CommunityList>('/api/communities')
      .then((body) => {
        if (current) setCommunities(body.communities);
      })
      .catch(() => {
        // Without the list the form still works for a server with one community; with
        // several, the server names the missing field and the form shows it.
      });
    return () => {
      current = false;
    };
  }, []);
  return communities;
}

export function SignInPage() {
  const session = useSession();
  const { query } = useLocation();
  const navigate = useNavigate();
  const communities = useCommunities();
  const [community, setCommunity] = useState('');
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [code, setCode] = useState('');
  const { busy, problem, form, submit } = useSubmit({ outsideSession: true });
  const several = communities.length > 1;

  function ownProblems(): Record<string, string> {
    const fields: Record<string, string> = {};
    if (several && !community) fields.community = 'is required: choose yours';
    if (!email.trim()) fields.email = 'is required';
    if (!password) fields.password = 'is required';
    if (!/^\d{6}$/.test(code.trim())) fields.code = 'must be the 6 digits your authenticator app shows';
    return fields;
  }

  function onSubmit(event: Event) {
    return submit(
      event,
      async () => {
        const me = await signIn(email.trim(), password, code.trim(), several ? community : undefined);
        session.signedIn(me);
        navigate(safeReturnPath(query.next) ?? homePath(me), { replace: true });
        return '';
      },
      () => fieldProblems(ownProblems()),
      (found, error) => {
        setCode(''); // a code works once: the next try needs a fresh one
        if (!(error instanceof ApiError && error.status === 401)) return found;
        return { ...found, message: `${found.message} Check them and try again with a new code.` };
      },
    );
  }

  const fields = problem?.fields ?? {};
  return (
    <Page title="Sign in">
      <p class="lede">
        For members of the working group. You need your password and the code from your authenticator app.
      </p>
      {session.state.status === 'signed-in' && (
        <p class="card">
          You are already signed in as {session.state.me.member.name}. <Link href="/cases">Go to your cases</Link>
        </p>
      )}
      <form ref={form} class="card form" onSubmit={onSubmit} noValidate>
        <FormAlert id="sign-in-alert" problem={problem} labels={LABELS} />
        {several && (
          <div class={`field${fields.community ? ' field-invalid' : ''}`}>
            <label for="community">{LABELS.community}</label>
            {fields.community && (
              <p id="community-error" class="field-error">
                {fieldSentence(LABELS.community, fields.community)}
              </p>
            )}
            <select
              id="community"
              name="community"
              value={community}
              required
              onChange={(event) => setCommunity(event.currentTarget.value)}
              aria-invalid={fields.community ? 'true' : undefined}
              aria-describedby={fields.community ? 'community-error' : undefined}
            >
              <option value="">Choose your community</option>
              {communities.map((item) => (
                <option key={item.slug} value={item.slug}>
                  {item.name}
                </option>
              ))}
            </select>
          </div>
        )}
        <Field
          id="email"
          label={LABELS.email}
          type="email"
          autoComplete="username"
          value={email}
          onValue={setEmail}
          error={fields.email}
          required
          spellcheck={false}
        />
        <Field
          id="password"
          label={LABELS.password}
          type="password"
          autoComplete="current-password"
          value={password}
          onValue={setPassword}
          error={fields.password}
          required
        />
        <CodeField
          label={LABELS.code}
          hint="The 6-digit code your authenticator app shows now."
          value={code}
          onValue={setCode}
          error={fields.code}
        />
        <div class="actions">
          <button type="submit" class="button" disabled={busy}>
            {busy ? 'Signing in…' : 'Sign in'}
          </button>
        </div>
      </form>
    </Page>
  );
}
