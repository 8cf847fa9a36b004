import { useState } from 'preact/hooks';
import { proposeResolution, type Decisions, type NewProposal } from '../../api';
import { Field } from '../../components/Field';
import { FormAlert } from '../../components/FormAlert';
import { fieldProblems } from '../../components/problems';
import { useSubmit } from '../../components/useSubmit';
import { humanize } from '../../format';
import { Select, SubmitRow } from '../../components/Select';

const LABELS = {
  reported_party: 'For whom',
  resolution: 'Resolution',
  duration_days: 'Duration in days',
  behaviour: 'Changes in behaviour asked for',
  repair: 'How the harm may be repaired',
  conditions: 'Conditions for return',
  review_on: 'Review on (YYYY-MM-DD)',
  message_to_reported: 'Message to the reported person',
  message_to_reporter: 'Message to the reporter, for their feedback',
};

/**
 * A proposed resolution for one reported person, put to the vote when it is made: a rung
 * of the policy's ladder (its duration within the rung's bounds) or another resolution,
 * what the person is asked to change, repair, conditions, a review date and the words of
 * the messages that would be sent.
 */
export function ProposalForm({
  urlName,
  decisions,
  partyLabel,
  onProposed,
}: {
  urlName: string;
  decisions: Decisions;
  partyLabel: (number: number) => string;
  onProposed: (next: Decisions) => Promise<void>;
}) {
  const [party, setParty] = useState(String(decisions.responses[0]?.reported_party ?? ''));
  const [resolution, setResolution] = useState('');
  const [days, setDays] = useState('');
  const [texts, setTexts] = useState({
    behaviour: '',
    repair: '',
    conditions: '',
    review_on: '',
    message_to_reported: '',
    message_to_reporter: '',
  });
  const { busy, problem, done, form, submit } = useSubmit();
  const rung = decisions.resolutions.find((choice) => choice.key === resolution);
  const takesDays = !!rung && (rung.minimum_days !== null || rung.maximum_days !== null);
  const waiting = decisions.responses.find((response) => String(response.reported_party) === party);

  function check() {
    const fields: Record<string, string> = {};
    if (!party) fields.reported_party = 'is required';
    if (!resolution) fields.resolution = 'is required';
    if (takesDays && !/^\d+$/.test(days.trim())) fields.duration_days = 'is required, in days';
    return fieldProblems(fields);
  }

  function onSubmit(event: Event) {
    return submit(
      event,
      async () => {
        const body: NewProposal = { reported_party: Number(party), resolution, ...texts };
        if (takesDays) body.duration_days = Number(days.trim());
        await onProposed(await proposeResolution(urlName, body));
        setResolution('');
        setDays('');
        return 'Proposal made: the vote is open.';
      },
      check,
    );
  }

  const text = (key: keyof typeof texts, multiline = true) => (
    <Field
      id={`proposal-${key.replace(/_/g, '-')}`}
      label={LABELS[key]}
      multiline={multiline}
      rows={3}
      value={texts[key]}
      onValue={(value) => setTexts({ ...texts, [key]: value })}
      error={problem?.fields[key]}
    />
  );

  return (
    <form
      ref={form}
      class="card form"
      onSubmit={onSubmit}
      noValidate
      aria-labelledby="proposal-form-heading"
      data-testid="proposal-form"
    >
      <h3 id="proposal-form-heading">Propose a resolution</h3>
      <FormAlert problem={problem} labels={LABELS} />
      <Select
        id="proposal-party"
        label={LABELS.reported_party}
        value={party}
        onValue={setParty}
        error={problem?.fields.reported_party}
        options={decisions.responses.map((response) => ({
          value: String(response.reported_party),
          label: partyLabel(response.reported_party),
        }))}
      />
      {waiting && !waiting.may_go_to_vote && (
        <p class="hint" data-testid="proposal-waits">
          A proposal for this person cannot go to a vote yet: {waiting.waiting_for}.
        </p>
      )}
      <Select
        id="proposal-resolution"
        label={LABELS.resolution}
        value={resolution}
        onValue={setResolution}
        error={problem?.fields.resolution}
        options={[
          { value: '', label: 'Choose…' },
          ...decisions.resolutions.map((choice) => ({
            value: choice.key,
            label: choice.rank === null ? humanize(choice.key) : choice.name,
          })),
        ]}
      />
      {takesDays && rung && (
        <Field
          id="proposal-days"
          label={LABELS.duration_days}
          hint={
            rung.maximum_days !== null
              ? `Between ${rung.minimum_days ?? 1} and ${rung.maximum_days} days.`
              : `At least ${rung.minimum_days} days.`
          }
          inputMode="numeric"
          value={days}
          onValue={setDays}
          error={problem?.fields.duration_days}
          required
        />
      )}
      {text('behaviour')}
      {text('repair')}
      {(rung?.requires_conditions || texts.conditions) && text('conditions')}
      {text('review_on', false)}
      {text('message_to_reported')}
      {text('message_to_reporter')}
      <SubmitRow busy={busy} label="Propose and open the vote" busyLabel="Proposing…" done={done} />
    </form>
  );
}
