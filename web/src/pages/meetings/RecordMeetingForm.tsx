import { useEffect, useRef, useState } from 'preact/hooks';
import { listMembers, recordMeeting, type Member, type NewMeeting } from '../../api';
import { Field } from '../../components/Field';
import { FormAlert } from '../../components/FormAlert';
import { fieldProblems, fieldSentence, sentence, markedBelow } from '../../components/problems';
import { useLoad } from '../../components/useLoad';
import { useSubmit } from '../../components/useSubmit';
import { useNavigate } from '../../navigation';
import { useMe } from '../../session';
import { RowList, today, toUtc } from './MeetingRows';

const LABELS = {
  held_on: 'Date of the meeting',
  attendees: 'Who attended',
  minutes: 'General minutes',
  case: 'Case',
  case_minutes: 'What was said',
  who: 'Who decided',
  decided_at: 'When',
  channel: 'Channel',
  decision: 'Decision',
};

interface CaseRow {
  id: number;
  case: string;
  minutes: string;
}

interface DecisionRow {
  id: number;
  case: string;
  who: string;
  when: string;
  channel: string;
  decision: string;
}

/** What the form sent last, so that the server's `cases[2].case` finds its row again. */
interface Sent {
  attendees: string[];
  cases: number[];
  decisions: number[];
}

const filled = (row: object) => Object.entries(row).some(([key, value]) => key !== 'id' && String(value).trim());

/**
 * A meeting, recorded once it was held: the day, who attended, general minutes, what was
 * said about each case and the decisions taken in chat since. The member lands on it.
 */
export function RecordMeetingForm({ onCancel }: { onCancel: () => void }) {
  const me = useMe();
  const [members] = useLoad('members', listMembers);
  const [heldOn, setHeldOn] = useState(today());
  const [attendees, setAttendees] = useState<string[]>([me.member.email]);
  const [minutes, setMinutes] = useState('');
  const [cases, setCases] = useState<CaseRow[]>([]);
  const [decisions, setDecisions] = useState<DecisionRow[]>([]);
  const [sent, setSent] = useState<Sent>({ attendees: [], cases: [], decisions: [] });
  const { busy, problem, done, form, submit } = useSubmit();
  const navigate = useNavigate();
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => heading.current?.focus(), []);

  const present =
    members.state === 'ready'
      ? members.data.filter((member) => member.status === 'active' && member.role !== 'instance-admin')
      : [];

  // The server names a field by its place in what was sent, counting from 1.
  const labels: Record<string, string> = {
    held_on: LABELS.held_on,
    attendees: LABELS.attendees,
    minutes: LABELS.minutes,
  };
  sent.attendees.forEach((_, i) => (labels[`attendees[${i + 1}]`] = LABELS.attendees));
  sent.cases.forEach((_, i) => {
    for (const key of ['case', 'minutes']) labels[`cases[${i + 1}].${key}`] = LABELS.case;
  });
  sent.decisions.forEach((_, i) => {
    for (const key of ['case', 'who', 'decided_at', 'channel', 'decision'])
      labels[`chat_decisions[${i + 1}].${key}`] = LABELS.decision;
  });
  const attendeeError = (email: string) => {
    const at = sent.attendees.indexOf(email);
    return at < 0 ? undefined : problem?.fields[`attendees[${at + 1}]`];
  };
  const rowError = (list: 'cases' | 'chat_decisions', id: number, key: string) => {
    const at = (list === 'cases' ? sent.cases : sent.decisions).indexOf(id);
    return at < 0 ? undefined : problem?.fields[`${list}[${at + 1}].${key}`];
  };

  function check() {
    const fields: Record<string, string> = {};
    if (!heldOn) fields.held_on = 'is required';
    if (attendees.length === 0) fields.attendees = 'is required: tick everyone who attended';
    return fieldProblems(fields);
  }

  function onSubmit(event: Event) {
    return submit(
      event,
      async () => {
        // In the members' order, as the boxes are shown; rows left empty are not sent.
        const emails = present.map((member) => member.email).filter((email) => attendees.includes(email));
        const caseRows = cases.filter(filled);
        const decisionRows = decisions.filter(filled);
        setSent({
          attendees: emails,
          cases: caseRows.map((row) => row.id),
          decisions: decisionRows.map((row) => row.id),
        });
        const body: NewMeeting = { held_on: heldOn, attendees: emails };
        if (minutes.trim()) body.minutes = minutes;
        if (caseRows.length > 0) body.cases = caseRows.map((row) => ({ case: row.case, minutes: row.minutes }));
        if (decisionRows.length > 0)
          body.chat_decisions = decisionRows.map((row) => ({
            case: row.case,
            who: row.who,
            decided_at: toUtc(row.when),
            channel: row.channel,
            decision: row.decision,
          }));
        const meeting = await recordMeeting(body);
        navigate(`/meetings/${meeting.number}`, { flash: `Meeting ${meeting.number} recorded.` });
        return `Meeting ${meeting.number} recorded.`;
      },
      check,
      // The server's message names every field again; each problem shows by its field.
      markedBelow('The meeting was not recorded'),
    );
  }

  return (
    <form
      ref={form}
      class="card form"
      onSubmit={onSubmit}
      noValidate
      aria-labelledby="record-meeting-heading"
      data-testid="record-meeting"
    >
      <h2 id="record-meeting-heading" ref={heading} tabIndex={-1}>
        Record a meeting
      </h2>
      <FormAlert problem={problem} labels={labels} />
      <Field
        id="meeting-held-on"
        label={LABELS.held_on}
        type="date"
        max={today()}
        value={heldOn}
        onValue={setHeldOn}
        error={problem?.fields.held_on}
      />
      <Attendees
        members={present}
        loading={members.state === 'loading'}
        failed={members.state === 'failed' ? members.message : null}
        chosen={attendees}
        onChosen={setAttendees}
        error={problem?.fields.attendees}
        errorOf={attendeeError}
      />
      <Field
        id="meeting-minutes"
        label={LABELS.minutes}
        hint="Matters that concern no one case. Sealed for the group's members as it is today."
        multiline
        rows={5}
        value={minutes}
        onValue={setMinutes}
        error={problem?.fields.minutes}
      />
      <RowList
        name="case"
        heading="Cases discussed"
        hint="What was said about a case goes on its timeline, with who was present."
        legend={(n) => `Case discussed ${n}`}
        addLabel="Add a case"
        rows={cases}
        onRows={setCases}
        blank={(id) => ({ id, case: '', minutes: '' })}
      >
        {(row, change) => (
          <>
            <Field
              id={`meeting-case-${row.id}-name`}
              label={LABELS.case}
              hint="Its code name, e.g. home shelf."
              value={row.case}
              onValue={(value) => change({ case: value })}
              error={rowError('cases', row.id, 'case')}
            />
            <Field
              id={`meeting-case-${row.id}-minutes`}
              label={LABELS.case_minutes}
              multiline
              rows={4}
              value={row.minutes}
              onValue={(value) => change({ minutes: value })}
              error={rowError('cases', row.id, 'minutes')}
            />
          </>
        )}
      </RowList>
      <RowList
        name="decision"
        heading="Decisions taken in chat"
        hint="Decisions taken in the group's chat since it last met, each on its case's timeline."
        legend={(n) => `Decision taken in chat ${n}`}
        addLabel="Add a decision taken in chat"
        rows={decisions}
        onRows={setDecisions}
        blank={(id) => ({ id, case: '', who: '', when: '', channel: '', decision: '' })}
      >
        {(row, change) => (
          <>
            <Field
              id={`meeting-decision-${row.id}-case`}
              label={LABELS.case}
              hint="Its code name, e.g. home shelf."
              value={row.case}
              onValue={(value) => change({ case: value })}
              error={rowError('chat_decisions', row.id, 'case')}
            />
            <Field
              id={`meeting-decision-${row.id}-who`}
              label={LABELS.who}
              value={row.who}
              onValue={(value) => change({ who: value })}
              error={rowError('chat_decisions', row.id, 'who')}
            />
            <Field
              id={`meeting-decision-${row.id}-when`}
              label={LABELS.decided_at}
              type="datetime-local"
              hint="Your local time."
              value={row.when}
              onValue={(value) => change({ when: value })}
              error={rowError('chat_decisions', row.id, 'decided_at')}
            />
            <Field
              id={`meeting-decision-${row.id}-channel`}
              label={LABELS.channel}
              value={row.channel}
              onValue={(value) => change({ channel: value })}
              error={rowError('chat_decisions', row.id, 'channel')}
            />
            <Field
              id={`meeting-decision-${row.id}-decision`}
              label={LABELS.decision}
              multiline
              rows={3}
              value={row.decision}
              onValue={(value) => change({ decision: value })}
              error={rowError('chat_decisions', row.id, 'decision')}
            />
          </>
        )}
      </RowList>
      <div class="actions">
        <button type="submit" class="button" disabled={busy}>
          {busy ? 'Recording…' : 'Record the meeting'}
        </button>
        <button type="button" class="button button-quiet" onClick={onCancel}>
          Cancel
        </button>
        <p role="status" class="done">
          {done}
        </p>
      </div>
    </form>
  );
}

/** One box per member who may have attended; a problem with one names them. */
function Attendees({
  members,
  loading,
  failed,
  chosen,
  onChosen,
  error,
  errorOf,
}: {
  members: Member[];
  loading: boolean;
  failed: string | null;
  chosen: string[];
  onChosen: (emails: string[]) => void;
  error?: string;
  errorOf: (email: string) => string | undefined;
}) {
  const problems = members.flatMap((member) => {
    const text = errorOf(member.email);
    return text ? [sentence(`${member.name}: ${text}`)] : [];
  });
  if (error) problems.unshift(fieldSentence('Attendance', error));
  const invalid = problems.length > 0;
  return (
    <fieldset
      class={`choice${invalid ? ' field-invalid' : ''}`}
      aria-describedby={invalid ? 'meeting-attendees-error' : undefined}
    >
      <legend>{LABELS.attendees}</legend>
      {invalid && (
        <p id="meeting-attendees-error" class="field-error">
          {problems.join(' ')}
        </p>
      )}
      {loading && <p>Loading members…</p>}
      {failed && (
        <p role="alert" class="problem">
          The members could not be loaded: {sentence(failed)}
        </p>
      )}
      <div class="choice-options choice-columns">
        {members.map((member) => (
          <label key={member.id} class="choice-option">
            <input
              type="checkbox"
              name="attendees"
              value={member.email}
              checked={chosen.includes(member.email)}
              aria-invalid={error || errorOf(member.email) ? 'true' : undefined}
              onChange={(event) =>
                onChosen(
                  event.currentTarget.checked
                    ? [...chosen, member.email]
                    : chosen.filter((email) => email !== member.email),
                )
              }
            />{' '}
            {member.name}
          </label>
        ))}
      </div>
    </fieldset>
  );
}
