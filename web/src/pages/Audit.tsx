import { useState } from 'preact/hooks';
import { readAuditTrail, type AuditEntry } from '../api';
import { Field } from '../components/Field';
import { Link } from '../components/Link';
import { Page } from '../components/Page';
import { sentence } from '../components/problems';
import { useLoad } from '../components/useLoad';
import { useSubmit } from '../components/useSubmit';
import { formatDateTime } from '../format';
import { useNavigate } from '../navigation';
import { mayReadAuditTrail, useMe, useSession } from '../session';

/** How the log names what was done; an action the page does not know is shown as it is. */
const ACTIONS: Record<string, string> = {
  'community.init': 'Set up the community',
  'case.open': 'Opened the case',
  'case.report': 'Added a report',
  'case.read': 'Read the case',
  'case.search': 'Searched the case',
  'case.note': 'Added an entry',
  'case.transition': 'Moved the case',
  'case.minutes': 'A meeting wrote on the case',
  'meeting.record': 'Recorded a meeting',
  'meeting.read': 'Read a meeting',
  'matter.propose': 'Put a matter to the vote',
  'matter.read': 'Read a matter',
  'matter.vote': 'Voted on a matter',
  'matter.stand-aside': 'Stood aside from a matter',
  'matter.vote-closed': "Closed a matter's vote",
  'conflict.declare': 'Declared a conflict',
  'case.screen': 'Screened the case',
  'access.grant': 'Granted access',
  'adviser.invite': 'Invited an adviser',
  'oversight.request': 'Asked for oversight',
  'oversight.approve': 'Approved oversight',
  'oversight.list': 'Read oversight requests',
  'evidence.add': 'Attached evidence',
  'evidence.list': 'Listed evidence',
  'evidence.read': 'Downloaded evidence',
  'keys.rotate': 'Rotated the key',
  'keys.recover': 'Granted with the recovery kit',
  'keys.revoke': 'Revoked keys the policy no longer allows',
  'keys.seal': 'Sealed an earlier plaintext case',
  'member.add': 'Added a member',
  'member.change': 'Changed a member',
  'member.enrolment': 'Issued an enrolment link',
  'member.enrol': 'Enrolled',
  'member.certify': 'Certified keys',
  'session.open': 'Signed in',
  'account.password': 'Changed their password',
  'audit.read': 'Read the audit trail',
  'backup.take': 'Took a backup',
};

function actionLabel(action: string): string {
  if (action.startsWith('refused ')) return `Refused: ${action.slice('refused '.length).replace(/-/g, ' ')}`;
  return ACTIONS[action] ?? action;
}

function actorLabel(entry: AuditEntry): string {
  if (entry.actor_name) return entry.actor_name;
  if (entry.actor === 'public') return 'Someone not signed in';
  if (entry.actor === 'system') return 'The server';
  if (entry.actor === 'operator') return 'The operator (command line)';
  return entry.actor;
}

/**
 * The audit trail for chairs and the board: who did what and when, newest first, for
 * the whole community or one case (`?case=`). It shows no content: the log holds none.
 */
export function AuditPage({ urlName }: { urlName: string | null }) {
  const me = useMe();
  if (!mayReadAuditTrail(me)) {
    return (
      <Page title="Audit trail" eyebrow={me.community.name}>
        <p>Only chairs, vice-chairs and board members read the audit trail.</p>
      </Page>
    );
  }
  return <Trail key={urlName ?? ''} urlName={urlName} />;
}

function Trail({ urlName }: { urlName: string | null }) {
  const session = useSession();
  const [first] = useLoad(`audit:${urlName ?? ''}`, () => readAuditTrail(urlName, null));
  const [older, setOlder] = useState<AuditEntry[]>([]);
  const [more, setMore] = useState<'idle' | 'loading' | 'none' | string>('idle');

  const entries = first.state === 'ready' ? [...first.data, ...older] : [];
  async function loadOlder() {
    const last = entries[entries.length - 1];
    if (!last) return;
    setMore('loading');
    try {
      const page = await readAuditTrail(urlName, last.seq);
      setOlder((shown) => [...shown, ...page]);
      setMore(page.length === 0 ? 'none' : 'idle');
    } catch (error) {
      session.noticeError(error);
      setMore(`Older entries could not be loaded: ${error instanceof Error ? error.message : String(error)}`);
    }
  }

  const title = urlName ? `Audit trail of ${urlName.replace(/-/g, ' ')}` : 'Audit trail';
  return (
    <Page title={title} eyebrow="Audit" busy={first.state === 'loading'}>
      <CaseFilter urlName={urlName} />
      {first.state === 'loading' && <p>Loading the trail…</p>}
      {first.state === 'failed' && (
        <p role="alert" class="problem">
          {first.status === 404
            ? 'There is no such case, or it is not yours to see.'
            : `The trail could not be loaded: ${sentence(first.message)}`}
        </p>
      )}
      {first.state === 'ready' && entries.length === 0 && <p>Nothing is recorded yet.</p>}
      {entries.length > 0 && (
        <section aria-labelledby="trail-heading">
          <h2 id="trail-heading" class="visually-hidden">
            Entries, newest first
          </h2>
          <div class="table-scroll">
            <table class="data-table" data-testid="audit-table">
              <thead>
                <tr>
                  <th scope="col">#</th>
                  <th scope="col">When</th>
                  <th scope="col">Who</th>
                  <th scope="col">What</th>
                  <th scope="col">Case</th>
                </tr>
              </thead>
              <tbody>
                {entries.map((entry) => (
                  <tr key={entry.seq} data-action={entry.action}>
                    <td>{entry.seq}</td>
                    <td>
                      <time dateTime={entry.time}>{formatDateTime(entry.time)}</time>
                    </td>
                    <td>{actorLabel(entry)}</td>
                    <td>{actionLabel(entry.action)}</td>
                    <td>
                      {entry.case ? (
                        <Link href={`/audit?case=${encodeURIComponent(entry.case)}`} class="code-name">
                          {entry.case.replace(/-/g, ' ')}
                        </Link>
                      ) : (
                        <span class="muted">—</span>
                      )}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <div class="actions">
            {more !== 'none' && (
              <button type="button" class="button button-quiet" onClick={loadOlder} disabled={more === 'loading'}>
                {more === 'loading' ? 'Loading…' : 'Older entries'}
              </button>
            )}
            <p role="status" class="done">
              {more === 'none' ? 'That is the first entry.' : more !== 'idle' && more !== 'loading' ? more : ''}
            </p>
          </div>
        </section>
      )}
    </Page>
  );
}

/** Narrows the trail to one case, by its code name. */
function CaseFilter({ urlName }: { urlName: string | null }) {
  const [text, setText] = useState(urlName ? urlName.replace(/-/g, ' ') : '');
  const { form, submit } = useSubmit();
  const navigate = useNavigate();
  function onSubmit(event: Event) {
    return submit(event, async () => {
      const code = text.trim().toLowerCase().replace(/\s+/g, '-');
      navigate(code ? `/audit?case=${encodeURIComponent(code)}` : '/audit');
      return '';
    });
  }
  return (
    <form ref={form} class="form" role="search" onSubmit={onSubmit} noValidate aria-label="Show one case's trail">
      <Field
        id="audit-case"
        label="Case"
        hint="A case's code name, e.g. home shelf; leave empty for the whole community."
        value={text}
        onValue={setText}
      />
      <div class="actions">
        <button type="submit" class="button">
          Show
        </button>
        {urlName && <Link href="/audit">Whole community</Link>}
      </div>
    </form>
  );
}
