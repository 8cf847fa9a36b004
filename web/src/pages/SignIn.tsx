import { useRef, useState } from 'preact/hooks';
import { ApiError, signIn } from '../api';
import { CodeField } from '../components/CodeField';
import { Field, focusFirstInvalid, showFieldProblems } from '../components/Field';
import { FormAlert } from '../components/FormAlert';
import { Link } from '../components/Link';
import { Page } from '../components/Page';
import { problemFrom, type FormProblem } from '../components/problems';
import { navigate, safeReturnPath, type Location } from '../router';
import { useSession } from '../session';

const LABELS = { email: 'Email', password: 'Password', code: 'Code' };

export function SignInPage({ location }: { location: Location }) {
  const session = useSession();
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [code, setCode] = useState('');
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<FormProblem | null>(null);
  const form = useRef<HTMLFormElement>(null);

  async function onSubmit(event: Event) {
    event.preventDefault();
    const fields: Record<string, string> = {};
    if (!email.trim()) fields.email = 'is required';
    if (!password) fields.password = 'is required';
    if (!/^\d{6}$/.test(code.trim())) fields.code = 'must be the 6 digits your authenticator app shows';
    if (showFieldProblems(fields, setProblem, form.current)) return;
    setBusy(true);
    setProblem(null);
    try {
      const me = await signIn(email.trim(), password, code.trim());
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
