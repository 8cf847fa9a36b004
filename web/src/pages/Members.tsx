import { certifyMember, listMembers, listSignInWarnings, type Member, type SignInWarning } from '../api';
import { useRowAction } from '../components/useRowAction';
import { Page } from '../components/Page';
import { sentence } from '../components/problems';
import { useLoad } from '../components/useLoad';
import { count, formatDate, formatDateTime, roleLabel } from '../format';
import { isChair, mayListMembers, useMe } from '../session';
import { MailNeedingAttention } from './members/MailNeedingAttention';
import { QuarantineSection } from './members/QuarantineSection';
import { AddMemberForm } from './members/AddMemberForm';

/** The working group's members; chairs add members here and get their enrolment link. */
export function MembersPage() {
  const me = useMe();
  const allowed = mayListMembers(me);
  const [members, reload] = useLoad(allowed ? 'members' : 'no-members', () =>
    allowed ? listMembers() : Promise.resolve([] as Member[]),
  );

  if (!allowed) {
    return (
      <Page title="Members" eyebrow={me.community.name}>
        <p>Only members of the working group see its member list.</p>
      </Page>
    );
  }
  return (
    <Page title="Members" eyebrow={me.community.name} busy={members.state === 'loading'}>
      {members.state === 'loading' && <p>Loading members…</p>}
      {members.state === 'failed' && (
        <p role="alert" class="problem">
          The members could not be loaded: {sentence(members.message)}
        </p>
      )}
      {isChair(me) && <SignInWarnings />}
      {isChair(me) && <MailNeedingAttention />}
      {isChair(me) && <QuarantineSection />}
      {members.state === 'ready' && <MemberTable members={members.data} certifies={isChair(me)} onCertified={reload} />}
      {isChair(me) && <AddMemberForm onAdded={reload} />}
    </Page>
  );
}

/**
 * Chairs see when someone fails to sign in to one member's account many times from any
 * addresses. Nobody was locked out; the chair may tell the member. Nothing is shown
 * when there is nothing to tell.
 */
function SignInWarnings() {
  const [warnings] = useLoad('sign-in-warnings', listSignInWarnings);
  if (warnings.state !== 'ready' || warnings.data.length === 0) return null;
  return (
    <section aria-labelledby="sign-in-warnings-heading" class="card card-notice" data-testid="sign-in-warnings">
      <h2 id="sign-in-warnings-heading">Failed sign-ins</h2>
      <p>
        Someone failed to sign in to these accounts many times, from one or more addresses. Nobody was locked out. If
        the member did not make these attempts, someone may be guessing their password: let them know.
      </p>
      <ul>
        {warnings.data.map((warning: SignInWarning) => (
          <li key={`${warning.member.id}-${warning.raised_at}`}>
            {formatDateTime(warning.raised_at)}: {count(warning.failures, 'failed sign-in', 'failed sign-ins')} for{' '}
            {warning.member.name} ({warning.member.email})
          </li>
        ))}
      </ul>
    </section>
  );
}

const KEYS: Record<NonNullable<Member['keys']>, string> = {
  'not-enrolled': 'Not enrolled',
  uncertified: 'Not certified',
  certified: 'Certified',
};

interface MemberTableProps {
  members: Member[];
  /** Chairs certify enrolled members' keys from the table. */
  certifies: boolean;
  onCertified: () => Promise<void>;
}

function MemberTable({ members, certifies, onCertified }: MemberTableProps) {
  const active = members.filter((member) => member.status === 'active').length;
  const { busy, message, failed, run } = useRowAction();

  function certify(member: Member) {
    return run(member.email, member.name, async () => {
      await certifyMember(member.email);
      await onCertified();
      return `${member.name}'s keys are certified: new cases are sealed for them.`;
    });
  }

  return (
    <section aria-labelledby="member-list-heading">
      <h2 id="member-list-heading">
        <span data-testid="member-count">{count(members.length, 'member', 'members')}</span>
        {active !== members.length && <span class="muted">, {active} active</span>}
      </h2>
      <div class="table-scroll">
        <table class="data-table" data-testid="member-table">
          <thead>
            <tr>
              <th scope="col">Name</th>
              <th scope="col">Email</th>
              <th scope="col">Role</th>
              <th scope="col">Term</th>
              <th scope="col">Status</th>
              <th scope="col">Keys</th>
            </tr>
          </thead>
          <tbody>
            {members.map((member) => (
              <tr key={member.id} data-email={member.email}>
                <th scope="row">{member.name}</th>
                <td>{member.email}</td>
                <td>{roleLabel(member.role)}</td>
                <td>
                  {formatDate(member.term_start)} – {member.term_end ? formatDate(member.term_end) : 'open-ended'}
                </td>
                <td>{member.status === 'active' ? 'Active' : 'Former'}</td>
                <td>
                  {member.keys ? KEYS[member.keys] : '—'}
                  {certifies && member.keys === 'uncertified' && member.status === 'active' && (
                    <>
                      {' '}
                      <button
                        type="button"
                        class="button button-quiet"
                        disabled={busy !== null}
                        onClick={() => certify(member)}
                      >
                        Certify<span class="visually-hidden"> {member.name}'s keys</span>
                      </button>
                    </>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <p role="status" class={failed ? 'problem' : 'done'} data-testid="certify-status">
        {message}
      </p>
    </section>
  );
}
