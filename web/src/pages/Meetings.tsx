import { useState } from 'preact/hooks';
import { listMeetings, MEETING_PAGE_SIZE, type MeetingPage } from '../api';
import { Link } from '../components/Link';
import { Page } from '../components/Page';
import { sentence } from '../components/problems';
import { Reveal } from '../components/Reveal';
import { useLoad } from '../components/useLoad';
import { count, formatDate } from '../format';
import { isGroupMember, useMe } from '../session';
import { RecordMeetingForm } from './meetings/RecordMeetingForm';

/** The working group's meetings, newest first, and the form to record one once it was held. */
export function MeetingsPage() {
  const me = useMe();
  if (!isGroupMember(me)) {
    return (
      <Page title="Meetings" eyebrow={me.community.name}>
        <p>Only members of the working group see its meetings.</p>
      </Page>
    );
  }
  return <Meetings />;
}

function Meetings() {
  const me = useMe();
  const [offset, setOffset] = useState(0);
  const [meetings] = useLoad(`meetings ${offset}`, () => listMeetings(offset));
  return (
    <Page title="Meetings" eyebrow={me.community.name} busy={meetings.state === 'loading'}>
      <p class="lede">
        What the group discussed when it met: who attended, the general minutes, and what was said about each case.
      </p>
      <div class="meeting-record">
        <Reveal label="Record a meeting">{(close) => <RecordMeetingForm onCancel={close} />}</Reveal>
      </div>
      {meetings.state === 'loading' && <p>Loading meetings…</p>}
      {meetings.state === 'failed' && (
        <p role="alert" class="problem">
          The meetings could not be loaded: {sentence(meetings.message)}
        </p>
      )}
      {meetings.state === 'ready' && <MeetingTable page={meetings.data} onTurn={setOffset} />}
    </Page>
  );
}

/** "3 meetings" when the list fits on one page; otherwise which of them this page shows. */
function pageHeading(page: MeetingPage): string {
  const shown = page.meetings.length;
  if (page.offset === 0 && !page.more) return count(shown, 'meeting', 'meetings');
  if (shown === 0) return 'no more meetings';
  return `meetings ${page.offset + 1} to ${page.offset + shown}, newest first`;
}

function MeetingTable({ page, onTurn }: { page: MeetingPage; onTurn: (offset: number) => void }) {
  const turning = page.offset > 0 || page.more;
  return (
    <section aria-labelledby="meeting-list-heading">
      <h2 id="meeting-list-heading">
        Recorded: <span data-testid="meeting-count">{pageHeading(page)}</span>
      </h2>
      {page.meetings.length === 0 && page.offset === 0 ? (
        <p>No meeting is recorded yet.</p>
      ) : (
        <div class="table-scroll">
          <table class="data-table stack-on-phone" data-testid="meeting-table">
            <caption class="visually-hidden">The group's meetings, newest first</caption>
            <thead>
              <tr>
                <th scope="col">Meeting</th>
                <th scope="col">Held on</th>
                <th scope="col">Attendees</th>
                <th scope="col">Recorded by</th>
              </tr>
            </thead>
            <tbody>
              {page.meetings.map((meeting) => (
                <tr key={meeting.number} data-meeting={meeting.number}>
                  <th scope="row">
                    <Link href={`/meetings/${meeting.number}`}>Meeting {meeting.number}</Link>
                  </th>
                  <td data-label="Held on">
                    <time dateTime={meeting.held_on}>{formatDate(meeting.held_on)}</time>
                  </td>
                  <td data-label="Attendees">{meeting.attendees.map((member) => member.name).join(', ')}</td>
                  <td data-label="Recorded by">{meeting.recorded_by.name}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {turning && (
        <nav class="pager" aria-label="Pages of meetings">
          <button
            type="button"
            class="button button-quiet"
            disabled={page.offset === 0}
            onClick={() => onTurn(Math.max(0, page.offset - MEETING_PAGE_SIZE))}
          >
            Newer meetings
          </button>
          <button
            type="button"
            class="button button-quiet"
            disabled={!page.more}
            onClick={() => onTurn(page.offset + MEETING_PAGE_SIZE)}
          >
            Older meetings
          </button>
        </nav>
      )}
    </section>
  );
}
