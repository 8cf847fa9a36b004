import { useState } from 'preact/hooks';
import { addMember, type Role } from '../../api';
import { Field } from '../../components/Field';
import { FormAlert } from '../../components/FormAlert';
import { fieldProblems, sentence } from '../../components/problems';
import { useSubmit } from '../../components/useSubmit';
import { ROLES_TO_ADD, roleLabel } from '../../format';

const LABELS = { email: 'Email', name: 'Name', role: 'Role' };

/** Adds a member and shows their one-time enrolment link (it is not shown again). */
export function AddMemberForm({ onAdded }: { onAdded: () => Promise<void> }) {
  const [email, setEmail] = useState('');
  const [name, setName] = useState('');
  const [role, setRole] = useState<Role>('member');
  const [added, setAdded] = useState<{ name: string; link: string } | null>(null);
  const [copied, setCopied] = useState('');
  const { busy, problem, form, submit } = useSubmit();

  function ownProblems(): Record<string, string> {
    const fields: Record<string, string> = {};
    if (!email.trim()) fields.email = 'is required';
    if (!name.trim()) fields.name = 'is required';
    return fields;
  }

  function onSubmit(event: Event) {
    return submit(
      event,
      async () => {
        setAdded(null);
        setCopied('');
        const member = await addMember(email.trim(), name.trim(), role);
        setAdded({
          name: member.name,
          link: `${window.location.origin}/enrol/${encodeURIComponent(member.enrolment_token)}`,
        });
        setEmail('');
        setName('');
        setRole('member');
        await onAdded();
        return '';
      },
      () => fieldProblems(ownProblems()),
    );
  }

  async function copyLink() {
    if (!added) return;
    try {
      await navigator.clipboard.writeText(added.link);
      setCopied('Link copied.');
    } catch {
      setCopied('Copying did not work here: select the link and copy it by hand.');
    }
  }

  const roleError = problem?.fields.role;
  return (
    <section class="card" aria-labelledby="add-member-heading">
      <h2 id="add-member-heading">Add a member</h2>
      <div role="status" data-testid="enrolment-status">
        {added && (
          <div class="enrolment-link">
            <p>
              <strong>{added.name}</strong> was added. Send them this enrolment link; it works once, for a limited time,
              and is not shown again:
            </p>
            <p class="link-row">
              <a href={added.link} class="enrolment-url" data-testid="enrolment-link">
                {added.link}
              </a>
              <button type="button" class="button button-quiet" onClick={copyLink}>
                Copy link
              </button>
            </p>
            {copied && <p class="muted">{copied}</p>}
          </div>
        )}
      </div>
      <form ref={form} class="form" onSubmit={onSubmit} noValidate aria-labelledby="add-member-heading">
        <FormAlert problem={problem} labels={LABELS} />
        <Field
          id="member-email"
          label={LABELS.email}
          type="email"
          autoComplete="off"
          value={email}
          onValue={setEmail}
          error={problem?.fields.email}
          required
          spellcheck={false}
        />
        <Field
          id="member-name"
          label={LABELS.name}
          autoComplete="off"
          value={name}
          onValue={setName}
          error={problem?.fields.name}
          required
        />
        <div class={`field${roleError ? ' field-invalid' : ''}`}>
          <label for="member-role">{LABELS.role}</label>
          {roleError && (
            <p id="member-role-error" class="field-error">
              {sentence(`Role ${roleError}`)}
            </p>
          )}
          <select
            id="member-role"
            value={role}
            onChange={(event) => setRole(event.currentTarget.value as Role)}
            aria-invalid={roleError ? 'true' : undefined}
            aria-describedby={roleError ? 'member-role-error' : undefined}
          >
            {ROLES_TO_ADD.map((value) => (
              <option key={value} value={value}>
                {roleLabel(value)}
              </option>
            ))}
          </select>
        </div>
        <div class="actions">
          <button type="submit" class="button" disabled={busy}>
            {busy ? 'Adding…' : 'Add member'}
          </button>
        </div>
      </form>
    </section>
  );
}
