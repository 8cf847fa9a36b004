import { useState } from 'preact/hooks';
import { getReportFormFacts, openCase, type NewCase } from '../../api';
import { Field } from '../../components/Field';
import { FormAlert } from '../../components/FormAlert';
import { fieldProblems } from '../../components/problems';
import { useLoad } from '../../components/useLoad';
import { useSubmit } from '../../components/useSubmit';
import { useNavigate } from '../../navigation';

const LABELS: Record<string, string> = {
  report: 'What happened, in the reporter’s words',
  channel: 'How the report reached you',
  reporter: 'Reporter’s name or contact',
  reported: 'Who is reported (name, handle or email)',
  space: 'Where',
  occurred_on: 'When it happened (YYYY-MM-DD)',
};

/**
 * A report a member received in person, by phone or by their own email, recorded on the
 * reporter's behalf: it opens a case like any other (a code name, keys for the members
 * without a conflict), and the member lands on it.
 */
export function RecordReportForm({ community }: { community: string }) {
  const [open, setOpen] = useState(false);
  const [facts] = useLoad(open ? `form-${community}` : 'no-form', () =>
    open ? getReportFormFacts(community) : Promise.resolve(null),
  );
  const [report, setReport] = useState('');
  const [channel, setChannel] = useState<NewCase['channel']>('in-person');
  const [reporter, setReporter] = useState('');
  const [reported, setReported] = useState('');
  const [space, setSpace] = useState('');
  const [occurredOn, setOccurredOn] = useState('');
  const [ongoing, setOngoing] = useState(false);
  const [danger, setDanger] = useState(false);
  const { busy, problem, done, form, submit } = useSubmit();
  const navigate = useNavigate();

  if (!open)
    return (
      <p>
        <button type="button" class="button" onClick={() => setOpen(true)}>
          Record a report
        </button>
      </p>
    );

  function onSubmit(event: Event) {
    return submit(
      event,
      async () => {
        const body: NewCase = { report, channel, space, occurred_on: occurredOn, ongoing, physical_danger: danger };
        const parties: NonNullable<NewCase['parties']> = [];
        const contactOrName = (text: string) =>
          /[@]/.test(text.trim()) ? { contact: text.trim() } : { name: text.trim() };
        if (reporter.trim()) parties.push({ role: 'reporter', ...contactOrName(reporter) });
        if (reported.trim()) parties.push({ role: 'reported', ...contactOrName(reported) });
        body.parties = parties;
        const opened = await openCase(body);
        navigate(`/cases/${encodeURIComponent(opened.url_name)}`, { flash: `Case ${opened.code_name} opened.` });
        return `Case ${opened.code_name} opened.`;
      },
      () => fieldProblems(report.trim() ? {} : { report: 'is required: what happened, in the reporter’s words' }),
    );
  }

  const spaces = facts.state === 'ready' && facts.data ? facts.data.spaces : [];
  return (
    <form
      ref={form}
      class="card form"
      onSubmit={onSubmit}
      noValidate
      aria-labelledby="record-report-heading"
      data-testid="record-report"
    >
      <h2 id="record-report-heading">Record a report</h2>
      <p class="hint">For a report you received in person, by phone or in your own mail.</p>
      <FormAlert problem={problem} labels={LABELS} />
      <Field
        id="record-report-text"
        label={LABELS.report}
        multiline
        rows={5}
        value={report}
        onValue={setReport}
        error={problem?.fields.report}
        required
      />
      <div class="field">
        <label for="record-report-channel">{LABELS.channel}</label>
        <select
          id="record-report-channel"
          value={channel}
          onChange={(event) => setChannel(event.currentTarget.value as NewCase['channel'])}
        >
          <option value="in-person">In person</option>
          <option value="group-member">To me directly (phone, chat or my own mail)</option>
          <option value="email">To the group’s address</option>
        </select>
      </div>
      <Field
        id="record-report-reporter"
        label={LABELS.reporter}
        hint="Empty for an anonymous report."
        value={reporter}
        onValue={setReporter}
        error={problem?.fields['parties[1].name'] ?? problem?.fields['parties[1].contact']}
      />
      <Field
        id="record-report-reported"
        label={LABELS.reported}
        value={reported}
        onValue={setReported}
        error={problem?.fields['parties[2].name'] ?? problem?.fields['parties[2].contact']}
      />
      {spaces.length > 0 && (
        <div class={`field${problem?.fields.space ? ' field-invalid' : ''}`}>
          <label for="record-report-space">{LABELS.space}</label>
          <select id="record-report-space" value={space} onChange={(event) => setSpace(event.currentTarget.value)}>
            <option value="">Not sure, or none of these</option>
            {spaces.map((each) => (
              <option key={each.key} value={each.key}>
                {each.name}
              </option>
            ))}
          </select>
        </div>
      )}
      <Field
        id="record-report-when"
        label={LABELS.occurred_on}
        value={occurredOn}
        onValue={setOccurredOn}
        error={problem?.fields.occurred_on}
      />
      <div class="field field-check">
        <input
          id="record-report-ongoing"
          type="checkbox"
          checked={ongoing}
          onChange={(event) => setOngoing(event.currentTarget.checked)}
        />
        <label for="record-report-ongoing">It is still going on</label>
      </div>
      <div class="field field-check">
        <input
          id="record-report-danger"
          type="checkbox"
          checked={danger}
          onChange={(event) => setDanger(event.currentTarget.checked)}
        />
        <label for="record-report-danger">Someone may be in physical danger</label>
      </div>
      <div class="actions">
        <button type="submit" class="button" disabled={busy}>
          {busy ? 'Recording…' : 'Record and open the case'}
        </button>
        <button type="button" class="button button-quiet" onClick={() => setOpen(false)}>
          Cancel
        </button>
        <p role="status" class="done">
          {done}
        </p>
      </div>
    </form>
  );
}
