import { Fragment } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { getDecisions, recordResponse, type Decisions, type ResponseStep } from '../../api';
import { Field } from '../../components/Field';
import { FormAlert } from '../../components/FormAlert';
import { fieldProblems, sentence } from '../../components/problems';
import { Reveal } from '../../components/Reveal';
import { useLoad } from '../../components/useLoad';
import { useSubmit } from '../../components/useSubmit';
import { categoryLabel, formatDateTime, humanize } from '../../format';
import { EvaluationForm } from './EvaluationForm';
import { ProposalCard } from './ProposalCard';
import { ProposalForm } from './ProposalForm';
import { ActionsSection } from './ActionsSection';
import { Select, SubmitRow } from '../../components/Select';

/**
 * The group's decision on the case: its evaluation, each reported person's chance to
 * respond, the proposals with their votes (counted in the member's session) and
 * feedback rounds, and the actions members took at once with their review (first on a
 * case marked as a physical danger). Forms a member may not use are not shown: an adviser or an overseeing
 * board member reads the decision but neither decides nor votes. Every change writes the
 * timeline, so the case is loaded again afterwards.
 */
export function DecisionsSection({
  urlName,
  caseState,
  danger,
  partyNames,
  names,
  onChanged,
}: {
  urlName: string;
  /** The state the page shows: a vote that closed when the decision was loaded may have moved the case since. */
  caseState: string;
  /** The case is marked as a physical danger (as the page shows it): acting at once comes first. */
  danger: boolean;
  /** Each party's number and how the page names them ("Reported person: @drift_wood"). */
  partyNames: Map<number, string>;
  names: Map<number, string>;
  onChanged: () => Promise<void>;
}) {
  const [loaded, reload] = useLoad(`decisions:${urlName}`, () => getDecisions(urlName));
  const [shown, setShown] = useState<Decisions | null>(null);
  const decisions = shown ?? (loaded.state === 'ready' ? loaded.data : null);
  const partyLabel = (number: number) => partyNames.get(number) ?? `Party ${number}`;

  async function changed(next: Decisions) {
    setShown(next);
    await onChanged();
  }

  // Counting a vote may close it and move the case (to the feedback round, or the board):
  // the rest of the page is loaded again to show the move.
  const counted = decisions?.case.state;
  useEffect(() => {
    if (counted && counted !== caseState) void onChanged();
  }, [counted, caseState]);
  // A move made elsewhere on the page (Move the case) is read back here too.
  useEffect(() => {
    if (shown && shown.case.state !== caseState) {
      setShown(null);
      void reload();
    }
  }, [caseState]);

  return (
    <section aria-labelledby="decision-heading" data-testid="decisions">
      <h2 id="decision-heading">Decision</h2>
      {loaded.state === 'loading' && !decisions && <p>Loading the decision…</p>}
      {loaded.state === 'failed' && !decisions && (
        <p role="alert" class="problem">
          The decision could not be loaded: {sentence(loaded.message)}{' '}
          <button type="button" class="button button-quiet button-small" onClick={() => void reload()}>
            Try again
          </button>
        </p>
      )}
      {decisions && danger && (
        <ActionsSection urlName={urlName} decisions={decisions} names={names} danger onChanged={changed} />
      )}
      {decisions && (
        <>
          <Evaluation decisions={decisions} urlName={urlName} names={names} onChanged={changed} />
          <Responses decisions={decisions} urlName={urlName} partyLabel={partyLabel} onChanged={changed} />
          <h3>Proposals</h3>
          {decisions.proposals.length === 0 && <p>No resolution has been proposed yet.</p>}
          {decisions.proposals.map((proposal) => (
            <ProposalCard
              key={proposal.number}
              urlName={urlName}
              proposal={proposal}
              decisions={decisions}
              partyLabel={partyLabel}
              names={names}
              onChanged={changed}
            />
          ))}
          {decisions.may_decide && decisions.responses.length > 0 && decisions.case.state !== 'resolved' && (
            <ProposalForm urlName={urlName} decisions={decisions} partyLabel={partyLabel} onProposed={changed} />
          )}
          {!danger && (
            <ActionsSection urlName={urlName} decisions={decisions} names={names} danger={false} onChanged={changed} />
          )}
        </>
      )}
    </section>
  );
}

function Evaluation({
  decisions,
  urlName,
  names,
  onChanged,
}: {
  decisions: Decisions;
  urlName: string;
  names: Map<number, string>;
  onChanged: (next: Decisions) => Promise<void>;
}) {
  const latest = decisions.evaluation;
  const pattern = decisions.pattern;
  return (
    <div class="card" data-testid="evaluation">
      <h3>Evaluation</h3>
      <p>
        Urgency: <span class={`urgency urgency-${decisions.case.urgency}`}>{humanize(decisions.case.urgency)}</span>.
        The reported people's records {pattern.established ? 'show' : 'do not show'} an established pattern
        {pattern.flagged ? ' (a record is flagged)' : ''}.
      </p>
      {latest ? (
        <>
          <p class="muted">
            Evaluated by {names.get(latest.evaluated_by) ?? `member ${latest.evaluated_by}`},{' '}
            <time dateTime={latest.evaluated_at}>{formatDateTime(latest.evaluated_at)}</time> (timeline entry{' '}
            {latest.entry}; earlier evaluations stay on the timeline).
          </p>
          <dl class="facts answers">
            {decisions.questions.map((question) => {
              const given = latest.answers.find((answer) => answer.question === question.key);
              return (
                <Fragment key={question.key}>
                  <dt>{question.text}</dt>
                  <dd data-answer={question.key}>
                    {humanize(given?.answer ?? 'unsure')}
                    {given?.note && <span class="muted"> — {given.note}</span>}
                  </dd>
                </Fragment>
              );
            })}
            <dt>What happened</dt>
            <dd class="prose">{latest.what_happened}</dd>
            <dt>Breaks the Code of Conduct</dt>
            <dd>
              {humanize(latest.violation)}
              {latest.rules.length > 0 && `: ${latest.rules.map(categoryLabel).join(', ')}`}
            </dd>
            <dt>Responsible</dt>
            <dd>{latest.responsible || <span class="muted">Not recorded</span>}</dd>
            <dt>Ongoing or a threat to safety</dt>
            <dd>{humanize(latest.ongoing_or_threat)}</dd>
          </dl>
        </>
      ) : (
        <p>Not evaluated yet.</p>
      )}
      {decisions.may_decide && (
        <Reveal label={latest ? 'Revise the evaluation' : 'Evaluate the case'}>
          {(close) => (
            <EvaluationForm
              urlName={urlName}
              decisions={decisions}
              onSaved={async (next) => {
                await onChanged(next);
                close();
              }}
            />
          )}
        </Reveal>
      )}
    </div>
  );
}

const RESPONSE_LABELS = { reported_party: 'Who', step: 'What to record', text: 'Words' };

function Responses({
  decisions,
  urlName,
  partyLabel,
  onChanged,
}: {
  decisions: Decisions;
  urlName: string;
  partyLabel: (number: number) => string;
  onChanged: (next: Decisions) => Promise<void>;
}) {
  if (decisions.responses.length === 0) return null;
  return (
    <div class="card" data-testid="responses">
      <h3>The reported person's response</h3>
      <ul>
        {decisions.responses.map((response) => (
          <li key={response.reported_party} data-party={response.reported_party}>
            {partyLabel(response.reported_party)}:{' '}
            {response.waived_for_safety
              ? 'not told, for safety'
              : response.responded_at
                ? `responded ${formatDateTime(response.responded_at)}`
                : response.told_at
                  ? `told ${formatDateTime(response.told_at)}, no response yet`
                  : 'not told yet'}
            . {response.may_go_to_vote ? 'A proposal may go to a vote.' : sentence(response.waiting_for)}
          </li>
        ))}
      </ul>
      {decisions.may_decide && (
        <ResponseForm decisions={decisions} urlName={urlName} partyLabel={partyLabel} onChanged={onChanged} />
      )}
    </div>
  );
}

function ResponseForm({
  decisions,
  urlName,
  partyLabel,
  onChanged,
}: {
  decisions: Decisions;
  urlName: string;
  partyLabel: (number: number) => string;
  onChanged: (next: Decisions) => Promise<void>;
}) {
  const [party, setParty] = useState(String(decisions.responses[0].reported_party));
  const current = decisions.responses.find((response) => String(response.reported_party) === party);
  const [step, setStep] = useState<ResponseStep>('told');
  const [text, setText] = useState('');
  const { busy, problem, done, form, submit } = useSubmit();

  function onSubmit(event: Event) {
    return submit(
      event,
      async () => {
        await onChanged(await recordResponse(urlName, Number(party), step, text));
        setText('');
        setStep(step === 'told' ? 'responded' : step);
        return 'Recorded on the timeline.';
      },
      () => fieldProblems(text.trim() ? {} : { text: 'is required' }),
    );
  }

  if (current?.waived_for_safety || current?.responded_at) {
    if (decisions.responses.length === 1) return null;
  }
  return (
    <form ref={form} class="form subform" onSubmit={onSubmit} noValidate aria-labelledby="response-form-heading">
      <h4 id="response-form-heading">Record a step</h4>
      <FormAlert problem={problem} labels={RESPONSE_LABELS} />
      <Select
        id="response-party"
        label={RESPONSE_LABELS.reported_party}
        value={party}
        onValue={(value) => {
          setParty(value);
          const chosen = decisions.responses.find((response) => String(response.reported_party) === value);
          setStep(chosen?.told_at ? 'responded' : 'told');
        }}
        options={decisions.responses.map((response) => ({
          value: String(response.reported_party),
          label: partyLabel(response.reported_party),
        }))}
      />
      <Select
        id="response-step"
        label={RESPONSE_LABELS.step}
        value={step}
        onValue={(value) => setStep(value as ResponseStep)}
        error={problem?.fields.step}
        options={[
          { value: 'told', label: 'They were told what was reported' },
          { value: 'responded', label: 'Their response' },
          { value: 'waived-for-safety', label: 'Telling them is unsafe' },
        ]}
      />
      <Field
        id="response-text"
        label={
          step === 'told'
            ? 'What they were told (in words that protect the reporter)'
            : step === 'responded'
              ? 'Their response'
              : 'Why telling them is unsafe'
        }
        multiline
        rows={3}
        value={text}
        onValue={setText}
        error={problem?.fields.text}
        required
      />
      <SubmitRow busy={busy} label="Record" busyLabel="Recording…" done={done} />
    </form>
  );
}
