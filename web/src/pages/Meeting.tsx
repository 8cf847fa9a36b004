import { getMeeting, type Meeting, type MeetingEntry } from '../api';
import { Link } from '../components/Link';
import { Page } from '../components/Page';
import { sentence } from '../components/problems';
import { useLoad } from '../components/useLoad';
import { formatDate, formatDateTime } from '../format';
import { isGroupMember, useMe } from '../session';

const KINDS: Record<MeetingEntry['kind'], string> = {
  minutes: 'Minutes',
  'chat-decision': 'Decision taken in chat',
};

/** One meeting: when, who attended, its general minutes and what it wrote on the cases the member may read. */
export function MeetingPage({ number }: { number: string }) {
  const me = useMe();
  if (!isGroupMember(me)) {
    return (
      <Page title="Meeting" eyebrow="Meetings">
        <p>Only members of the working group see its meetings.</p>
      </Page>
    );
  }
  if (!/^[1-9]\d{0,8}$/.test(number)) return <NoSuchMeeting />;
  return <MeetingRecord number={Number(number)} />;
}

function NoSuchMeeting() {
  return (
    <Page title="No such meeting" eyebrow="Meetings">
      <p>The group has recorded no meeting with this number.</p>
      <p>
        <Link href="/meetings">Back to the meetings</Link>
      </p>
    </Page>
  );
}

function MeetingRecord({ number }: { number: number }) {
  const [meeting] = useLoad(`meeting:${number}`, () => getMeeting(number));
  if (meeting.state === 'loading') {
    return (
      <Page title={`Meeting ${number}`} eyebrow="Meetings" busy>
        <p>Loading the meeting…</p>
      </Page>
    );
  }
  if (meeting.state === 'failed') {
    if (meeting.status === 404) return <NoSuchMeeting />;
    return (
      <Page title="Meeting unavailable" eyebrow="Meetings">
        <p role="alert" class="problem">
          The meeting could not be loaded: {sentence(meeting.message)}
        </p>
        <p>
          <Link href="/meetings">Back to the meetings</Link>
        </p>
      </Page>
    );
  }
  const item = meeting.data;
  return (
    <Page title={`Meeting ${item.number}`} eyebrow="Meetings">
      <Summary item={item} />
      <section aria-labelledby="general-minutes-heading">
        <h2 id="general-minutes-heading">General minutes</h2>
        {item.minutes !== null ? (
          <p class="card preserve" data-testid="general-minutes">
            {item.minutes}
          </p>
        ) : item.has_minutes ? (
          <p data-testid="general-minutes">
            Sealed for the group as it was at the meeting: your keys do not open them.
          </p>
        ) : (
          <p data-testid="general-minutes">No general minutes.</p>
        )}
      </section>
      <section aria-labelledby="meeting-entries-heading">
        <h2 id="meeting-entries-heading">On the cases</h2>
        {item.entries.length === 0 ? (
          <p>Nothing on a case you can read.</p>
        ) : (
          <ol class="timeline" data-testid="meeting-entries">
            {item.entries.map((entry) => (
              <li
                key={`${entry.url_name}-${entry.entry}`}
                class={`card entry entry-${entry.kind}`}
                data-kind={entry.kind}
              >
                <p class="entry-meta">
                  <Link href={`/cases/${encodeURIComponent(entry.url_name)}`} class="code-name">
                    {entry.case}
                  </Link>
                  {' · '}
                  <strong class="entry-kind">{KINDS[entry.kind]}</strong>
                  <span class="entry-number"> · entry #{entry.entry}</span>
                </p>
                <p class="preserve entry-text">{entry.text}</p>
              </li>
            ))}
          </ol>
        )}
      </section>
      <p>
        <Link href="/meetings">Back to the meetings</Link>
      </p>
    </Page>
  );
}

function Summary({ item }: { item: Meeting }) {
  return (
    <section class="card" aria-labelledby="meeting-summary-heading">
      <h2 id="meeting-summary-heading">Summary</h2>
      <dl class="facts" data-testid="meeting-summary">
        <dt>Held on</dt>
        <dd>
          <time dateTime={item.held_on}>{formatDate(item.held_on)}</time>
        </dd>
        <dt>Attendees</dt>
        <dd>{item.attendees.map((member) => member.name).join(', ')}</dd>
        <dt>Recorded by</dt>
        <dd>
          {item.recorded_by.name}, <time dateTime={item.recorded_at}>{formatDateTime(item.recorded_at)}</time>
        </dd>
      </dl>
    </section>
  );
}
