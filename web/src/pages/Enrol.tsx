import { useEffect, useState } from 'preact/hooks';
import { completeEnrolment, errorMessage, getEnrolment, type EnrolmentInfo } from '../api';
import { CodeField } from '../components/CodeField';
import { Field } from '../components/Field';
import { FormAlert } from '../components/FormAlert';
import { Page } from '../components/Page';
import { fieldProblems, sentence } from '../components/problems';
import { QrCode } from '../components/QrCode';
import { useSubmit } from '../components/useSubmit';
import { groupSecret } from '../format';
import { useNavigate } from '../navigation';

const LABELS = { password: 'Password', confirm: 'Password again', code: 'Code' };

type Load = { state: 'loading' } | { state: 'ready'; info: EnrolmentInfo } | { state: 'failed'; message: string };

/** Completing an enrolment link: the authenticator app, then a password and a first code. */
export function EnrolPage({ token }: { token: string }) {
  const [load, setLoad] = useState<Load>({ state: 'loading' });
  useEffect(() => {
    let current = true;
    setLoad({ state: 'loading' });
    getEnrolment(token)
      .then((info) => current && setLoad({ state: 'ready', info }))
      .catch((error: unknown) => current && setLoad({ state: 'failed', message: errorMessage(error) }));
    return () => {
      current = false;
    };
  }, [token]);

  if (load.state === 'loading') return <Page title="Set up your account" busy />;
  if (load.state === 'failed') {
    return (
      <Page title="This enrolment link does not work">
        <p role="alert">{sentence(load.message)}</p>
        <p>Ask a chair of the working group for a new link.</p>
      </Page>
    );
  }
  return (
    <Page title="Set up your account">
      <EnrolmentForm token={token} info={load.info} />
    </Page>
  );
}

function EnrolmentForm({ token, info }: { token: string; info: EnrolmentInfo }) {
  const [password, setPassword] = useState('');
  const [confirm, setConfirm] = useState('');
  const [code, setCode] = useState('');
  const { busy, problem, form, submit } = useSubmit({ outsideSession: true });
  const navigate = useNavigate();

  function ownProblems(): Record<string, string> {
    const fields: Record<string, string> = {};
    if ([...password].length < 12) fields.password = 'must be at least 12 characters long';
    if (confirm !== password) fields.confirm = 'does not match the password';
    if (!/^\d{6}$/.test(code.trim())) fields.code = 'must be the 6 digits your authenticator app shows';
    return fields;
  }

  function onSubmit(event: Event) {
    return submit(
      event,
      async () => {
        await completeEnrolment(token, password, info.totp_secret, code.trim());
        navigate('/sign-in', {
          replace: true,
          flash: 'Your account is ready. Sign in with your email, your password and a new code from your app.',
        });
        return '';
      },
      () => fieldProblems(ownProblems()),
    );
  }

  const fields = problem?.fields ?? {};
  return (
    <>
      <p class="lede" data-testid="enrolment-for">
        This link is for <strong>{info.name}</strong> ({info.email}), joining the working group of {info.community_name}
        .
      </p>
      <section class="card" aria-labelledby="app-heading">
        <h2 id="app-heading">1. Add Conduct to your authenticator app</h2>
        <div class="totp-setup">
          <QrCode text={info.otpauth_uri} label="QR code for your authenticator app" />
          <div>
            <p>Scan the QR code with your authenticator app, or type this secret into it:</p>
            <p>
              <code class="secret" data-testid="totp-secret">
                {groupSecret(info.totp_secret)}
              </code>
            </p>
            <p>
              On a device with an authenticator app you can also{' '}
              <a href={info.otpauth_uri} data-testid="otpauth-link">
                open the set-up link in the app
              </a>
              .
            </p>
          </div>
        </div>
      </section>
      <form ref={form} class="card form" onSubmit={onSubmit} noValidate aria-labelledby="password-heading">
        <h2 id="password-heading">2. Choose a password and confirm a code</h2>
        <FormAlert problem={problem} labels={{ ...LABELS, totp_secret: '' }} />
        {fields.totp_secret && (
          <p class="field-error">The set-up secret was not accepted: reload this page to get a new one.</p>
        )}
        <Field
          id="new-password"
          label={LABELS.password}
          hint="At least 12 characters. A few unrelated words make a good one."
          type="password"
          autoComplete="new-password"
          value={password}
          onValue={setPassword}
          error={fields.password}
          required
        />
        <Field
          id="confirm-password"
          label={LABELS.confirm}
          type="password"
          autoComplete="new-password"
          value={confirm}
          onValue={setConfirm}
          error={fields.confirm}
          required
        />
        <CodeField
          label={LABELS.code}
          hint="The 6-digit code your authenticator app now shows for Conduct."
          value={code}
          onValue={setCode}
          error={fields.code}
        />
        <div class="actions">
          <button type="submit" class="button" disabled={busy}>
            {busy ? 'Setting up…' : 'Finish setting up'}
          </button>
        </div>
      </form>
    </>
  );
}
