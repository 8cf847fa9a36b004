import { useState } from 'preact/hooks';
import { sendSubmission, type LocalSubmission, type ReportFormFacts } from '../../api';
import { Field } from '../../components/Field';
import { FormAlert } from '../../components/FormAlert';
import { fieldProblems } from '../../components/problems';
import { useSubmit } from '../../components/useSubmit';

type Kind = LocalSubmission['kind'];
type PersonRole = 'reported-person' | 'harmed-individual' | 'witness';
interface PersonRow {
  role: PersonRole;
  name: string;
  handle: string;
}

const KINDS: { value: Kind; label: string; hint: string }[] = [
  { value: 'summary', label: 'After-event summary', hint: 'An incident your team already handled, for the record.' },
  { value: 'report', label: 'Report', hint: 'An incident you received and pass on for the group to handle.' },
  { value: 'escalation', label: 'Escalation', hint: 'An incident your team cannot or should not handle alone.' },
];

const LABELS = {
  kind: 'Kind',
  what_happened: 'What happened',
  actions_taken: 'What your team did',
  responses: 'Responses and outcome',
  why_escalated: 'Why the group should act',
  occurred_on: 'Date',
  where: 'Where',
  space: 'Space',
  links: 'Links',
  people: 'People involved',
};

const EMPTY_PEOPLE: PersonRow[] = [
  { role: 'reported-person', name: '', handle: '' },
  { role: 'harmed-individual', name: '', handle: '' },
];

/** A local representative sends a report, an after-event summary or an escalation. */
export function SubmissionForm({ facts, onSent }: { facts: ReportFormFacts | null; onSent: () => Promise<void> }) {
  const [kind, setKind] = useState<Kind>('summary');
  const [whatHappened, setWhatHappened] = useState('');
  const [actionsTaken, setActionsTaken] = useState('');
  const [responses, setResponses] = useState('');
  const [whyEscalated, setWhyEscalated] = useState('');
  const [occurredOn, setOccurredOn] = useState('');
  const [where, setWhere] = useState('');
  const [space, setSpace] = useState('');
  const [links, setLinks] = useState('');
  const [people, setPeople] = useState<PersonRow[]>(EMPTY_PEOPLE);
  const [ongoing, setOngoing] = useState(false);
  const [danger, setDanger] = useState(false);
  const { busy, problem, done, form, submit } = useSubmit();

  function ownProblems(): Record<string, string> {
    const fields: Record<string, string> = {};
    if (!whatHappened.trim()) fields.what_happened = 'is required';
    if (kind === 'summary' && !actionsTaken.trim()) fields.actions_taken = 'is required in a summary';
    if (kind === 'escalation' && !whyEscalated.trim()) fields.why_escalated = 'is required in an escalation';
    return fields;
  }

  function setPerson(index: number, change: Partial<PersonRow>) {
    setPeople(people.map((row, i) => (i === index ? { ...row, ...change } : row)));
  }

  function onSubmit(event: Event) {
    return submit(
      event,
      async () => {
        const sent = await sendSubmission({
          kind,
          what_happened: whatHappened,
          actions_taken: kind === 'report' ? '' : actionsTaken,
          responses: kind === 'summary' ? responses : '',
          why_escalated: kind === 'escalation' ? whyEscalated : '',
          occurred_on: occurredOn.trim() || undefined,
          where,
          space,
          links,
          people: people.filter((row) => row.name.trim() || row.handle.trim()),
          ongoing,
          physical_danger: danger,
        });
        setWhatHappened('');
        setActionsTaken('');
        setResponses('');
        setWhyEscalated('');
        setOccurredOn('');
        setWhere('');
        setSpace('');
        setLinks('');
        setPeople(EMPTY_PEOPLE);
        setOngoing(false);
        setDanger(false);
        await onSent();
        return `Sent: the working group has your ${KINDS.find((k) => k.value === sent.kind)?.label.toLowerCase()}, and an acknowledgement is on its way to your address.`;
      },
      () => fieldProblems(ownProblems()),
    );
  }

  return (
    <section class="card" aria-labelledby="send-heading">
      <h2 id="send-heading">Send to the working group</h2>
      <p class="muted">
        The group reads what you send; you will not see the case it opens, only where it stands. Name people only where
        the group needs them.
      </p>
      <p role="status" data-testid="submission-status">
        {done}
      </p>
      <form ref={form} class="form" onSubmit={onSubmit} noValidate aria-labelledby="send-heading">
        <FormAlert problem={problem} labels={LABELS} />
        <fieldset class="choices">
          <legend>{LABELS.kind}</legend>
          {KINDS.map((choice) => (
            <div class="check" key={choice.value}>
              <input
                type="radio"
                id={`kind-${choice.value}`}
                name="kind"
                value={choice.value}
                checked={kind === choice.value}
                onChange={() => setKind(choice.value)}
                aria-describedby={`kind-${choice.value}-hint`}
              />
              <label for={`kind-${choice.value}`}>{choice.label}</label>
              <p id={`kind-${choice.value}-hint`} class="hint">
                {choice.hint}
              </p>
            </div>
          ))}
        </fieldset>
        <Field
          id="what_happened"
          label={LABELS.what_happened}
          hint="The facts as your team found them."
          multiline
          rows={6}
          value={whatHappened}
          onValue={setWhatHappened}
          error={problem?.fields.what_happened}
          required
        />
        {kind !== 'report' && (
          <Field
            id="actions_taken"
            label={LABELS.actions_taken}
            multiline
            value={actionsTaken}
            onValue={setActionsTaken}
            error={problem?.fields.actions_taken}
            required={kind === 'summary'}
          />
        )}
        {kind === 'summary' && (
          <Field
            id="responses"
            label={LABELS.responses}
            hint="How the people involved responded to what you did, and how it ended."
            multiline
            value={responses}
            onValue={setResponses}
            error={problem?.fields.responses}
          />
        )}
        {kind === 'escalation' && (
          <Field
            id="why_escalated"
            label={LABELS.why_escalated}
            multiline
            value={whyEscalated}
            onValue={setWhyEscalated}
            error={problem?.fields.why_escalated}
            required
          />
        )}
        <fieldset class="people">
          <legend>{LABELS.people}</legend>
          {people.map((row, index) => (
            <div class="person-row" key={index}>
              <div class="field">
                <label for={`person-${index}-role`}>Role of person {index + 1}</label>
                <select
                  id={`person-${index}-role`}
                  value={row.role}
                  onChange={(event) => setPerson(index, { role: event.currentTarget.value as PersonRole })}
                >
                  <option value="reported-person">Reported person</option>
                  <option value="harmed-individual">Person harmed</option>
                  <option value="witness">Witness</option>
                </select>
              </div>
              <Field
                id={`person-${index}-name`}
                label={`Name of person ${index + 1}`}
                value={row.name}
                onValue={(name) => setPerson(index, { name })}
                error={problem?.fields[`people[${index + 1}].name`]}
              />
              <Field
                id={`person-${index}-handle`}
                label={`Handle or email of person ${index + 1}`}
                value={row.handle}
                onValue={(handle) => setPerson(index, { handle })}
                error={problem?.fields[`people[${index + 1}].handle`]}
              />
            </div>
          ))}
        </fieldset>
        <Field
          id="occurred_on"
          label={LABELS.occurred_on}
          hint="YYYY-MM-DD, if you know it."
          value={occurredOn}
          onValue={setOccurredOn}
          error={problem?.fields.occurred_on}
        />
        {facts && facts.spaces.length > 0 && (
          <div class={`field${problem?.fields.space ? ' field-invalid' : ''}`}>
            <label for="space">{LABELS.space}</label>
            <select id="space" value={space} onChange={(event) => setSpace(event.currentTarget.value)}>
              <option value="">Not sure, or none of these</option>
              {facts.spaces.map((each) => (
                <option key={each.key} value={each.key}>
                  {each.name}
                </option>
              ))}
            </select>
          </div>
        )}
        <Field id="where" label={LABELS.where} value={where} onValue={setWhere} error={problem?.fields.where} />
        <Field
          id="links"
          label={LABELS.links}
          hint="Screenshots, recordings, messages: one link per line."
          multiline
          value={links}
          onValue={setLinks}
          error={problem?.fields.links}
        />
        <div class="check">
          <input type="checkbox" id="ongoing" checked={ongoing} onChange={(e) => setOngoing(e.currentTarget.checked)} />
          <label for="ongoing">It is still going on</label>
        </div>
        <div class="check">
          <input type="checkbox" id="danger" checked={danger} onChange={(e) => setDanger(e.currentTarget.checked)} />
          <label for="danger">Someone is in physical danger</label>
        </div>
        <div class="actions">
          <button type="submit" class="button" disabled={busy}>
            {busy ? 'Sending…' : 'Send to the working group'}
          </button>
        </div>
      </form>
    </section>
  );
}
