import { useEffect, useRef, useState } from 'preact/hooks';
import { ApiError, getJson, signIn, type Community, type CommunityList } from '../api';
import { CodeField } from '../components/CodeField';
import { Field, focusFirstInvalid, showFieldProblems } from '../components/Field';
import { FormAlert } from '../components/FormAlert';
import { Link } from '../components/Link';
import { Page } from '../components/Page';
import { fieldSentence, problemFrom, type FormProblem } from '../components/problems';
import { navigate, safeReturnPath, type Location } from '../router';
import { useSession } from '../session';

const LABELS = { community: 'Community', email: 'Email', password: 'Password', code: 'Code' };

/** The communities this server hosts; the form asks for one only when there are several. */
function useCommunities(): Community[] {
  const [communities, setCommunities] = useState<Community[]>([]);
  useEffect(() => {
    let current = true;
    getJson<CommunityList>('/api/communities')
      .then((body) => {
        if (current && Array.isArray(body.communities)) setCommunities(body.communities);
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

export function SignInPage({ location }: { location: Location }) {
  const session = useSession();
  const communities = useCommunities();
  const [community, setCommunity] = useState('');
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [code, setCode] = useState('');
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<FormProblem | null>(null);
  const form = useRef<HTMLFormElement>(null);

  async function onSubmit(event: Event) {
    event.preventDefault();
    const fields: Record<string, string> = {};
    const several = communities.length > 1;
    if (several && !community) fields.community = 'is required: choose yours';
    if (!email.trim()) fields.email = 'is required';
    if (!password) fields.password = 'is required';
    if (!/^\d{6}$/.test(code.trim())) fields.code = 'must be the 6 digits your authenticator app shows';
    if (showFieldProblems(fields, setProblem, form.current)) return;
    setBusy(true);
    setProblem(null);
    try {
      const me = await signIn(email.trim(), password, code.trim(), several ? community : undefined);
      const next = safeReturnPath(new URLSearchParams(location.search).get('next')) ?? '/cases';
      session.signedIn(me);
      navigate(next, { replace: true });
    } catch (error) {
      setBusy(false);
      setCode(''); // a code works once: the next try needs a fresh one
      const found = problemFrom(error);
      if (error instanceof ApiError && error.status === 401) {
        found.message = `${found.message} Check them and try again with a new code.`;
      }
      setProblem(found);
      if (Object.keys(found.fields).length > 0) requestAnimationFrame(() => focusFirstInvalid(form.current));
    }
  }

  const fields = problem?.fields ?? {};
  return (
    <Page title="Sign in">
      <p class="lede">For members of the working group. You need your password and the code from your authenticator app.</p>
      {session.state.status === 'signed-in' && (
        <p class="card">
          You are already signed in as {session.state.me.member.name}. <Link href="/cases">Go to your cases</Link>
        </p>
      )}
      <form ref={form} class="card form" onSubmit={onSubmit} noValidate>
        <FormAlert id="sign-in-alert" problem={problem} labels={LABELS} />
        {communities.length > 1 && (
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
        <CodeField label={LABELS.code} hint="The 6-digit code your authenticator app shows now." value={code} onValue={setCode} error={fields.code} />
        <div class="actions">
          <button type="submit" class="button" disabled={busy}>
            {busy ? 'Signing in…' : 'Sign in'}
          </button>
        </div>
      </form>
    </Page>
  );
}
