import { listCasesInState, listDraftsAwaitingReview, type CaseSummary } from '../api';
import { Link } from '../components/Link';
import { Page } from '../components/Page';
import { sentence } from '../components/problems';
import { useLoad, type Load } from '../components/useLoad';
import { formatDateTime } from '../format';
import { isChair, isGroupMember, useMe } from '../session';
import { MailNeedingAttention } from './members/MailNeedingAttention';
import { QuarantineSection } from './members/QuarantineSection';

const RECIPIENTS: Record<string, string> = {
  reporter: 'the reporter',
  'reported-person': 'the reported person',
  moderators: 'moderators',
  'event-organisers': 'event organisers',
  other: 'someone else',
};

/**
 * What waits for the group: reports not yet acknowledged or not yet taken up, drafts
 * waiting for a second member, and for the chairs the mail in quarantine and the mail
 * that could not be delivered. Each item links to where it is dealt with.
 */
export function IntakePage() {
  const me = useMe();
  const allowed = isGroupMember(me);
  const [received] = useLoad(allowed ? 'intake-received' : 'none', () =>
    allowed ? listCasesInState('received') : Promise.resolve([]),
  );
  const [acknowledged] = useLoad(allowed ? 'intake-acknowledged' : 'none', () =>
    allowed ? listCasesInState('acknowledged') : Promise.resolve([]),
  );
  const [drafts] = useLoad(allowed ? 'intake-drafts' : 'none', () =>
    allowed ? listDraftsAwaitingReview() : Promise.resolve([]),
  );

  if (!allowed) {
    return (
      <Page title="Intake" eyebrow={me.community.name}>
        <p>The intake queue is for members of the working group.</p>
      </Page>
    );
  }
  const busy = received.state === 'loading' || acknowledged.state === 'loading' || drafts.state === 'loading';
  return (
    <Page title="Intake" eyebrow={me.community.name} busy={busy}>
      <CaseQueue
        id="intake-received"
        title="New reports to acknowledge"
        empty="Every report has been acknowledged."
        load={received}
      />
      <CaseQueue
        id="intake-acknowledged"
        title="Acknowledged, not yet taken up"
        empty="No acknowledged report waits to be investigated or kept on file."
        load={acknowledged}
      />
      <section class="card" aria-labelledby="intake-drafts-heading" data-testid="intake-drafts">
        <h2 id="intake-drafts-heading">Drafts waiting for a second member</h2>
        {drafts.state === 'failed' && (
          <p role="alert" class="problem">
            The drafts could not be loaded: {sentence(drafts.message)}
          </p>
        )}
        {drafts.state === 'ready' && drafts.data.length === 0 && <p>No draft waits for your approval.</p>}
        {drafts.state === 'ready' && drafts.data.length > 0 && (
          <ul>
            {drafts.data.map((draft) => (
              <li key={`${draft.url_name}-${draft.number}`}>
                <Link href={`/cases/${draft.url_name}`}>{draft.code_name}</Link>: draft #{draft.number} to{' '}
                {RECIPIENTS[draft.recipient] ?? draft.recipient}, written {formatDateTime(draft.created_at)}
              </li>
            ))}
          </ul>
        )}
      </section>
      {isChair(me) && <QuarantineSection />}
      {isChair(me) && <MailNeedingAttention />}
    </Page>
  );
}

function CaseQueue({
  id,
  title,
  empty,
  load,
}: {
  id: string;
  title: string;
  empty: string;
  load: Load<CaseSummary[]>;
}) {
  return (
    <section class="card" aria-labelledby={`${id}-heading`} data-testid={id}>
      <h2 id={`${id}-heading`}>
        {title}
        {load.state === 'ready' && load.data.length > 0 && ` (${load.data.length})`}
      </h2>
      {load.state === 'failed' && (
        <p role="alert" class="problem">
          The cases could not be loaded: {sentence(load.message)}
        </p>
      )}
      {load.state === 'ready' && load.data.length === 0 && <p>{empty}</p>}
      {load.state === 'ready' && load.data.length > 0 && (
        <ul>
          {load.data.map((item) => (
            <li key={item.url_name}>
              <Link href={`/cases/${item.url_name}`}>{item.code_name}</Link>, opened {formatDateTime(item.opened_at)}
              {item.ongoing && ', ongoing'}
              {item.physical_danger && ', someone in physical danger'}
            </li>
          ))}
        </ul>
      )}
      {load.state === 'ready' && load.data.length >= 50 && (
        <p class="muted">The 50 newest are shown: the Cases page lists every case.</p>
      )}
    </section>
  );
}
