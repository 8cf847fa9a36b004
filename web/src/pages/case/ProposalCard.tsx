import { useState } from 'preact/hooks';
import { castBallot, enactProposal, recordFeedback, type Decisions, type FeedbackStep, type Proposal } from '../../api';
import { Field } from '../../components/Field';
import { FormAlert } from '../../components/FormAlert';
import { fieldProblems, sentence } from '../../components/problems';
import { useSubmit } from '../../components/useSubmit';
import { formatDate, formatDateTime, humanize } from '../../format';
import { Select, SubmitRow } from '../../components/Select';
import { VoteBlock } from './VoteBlock';

/**
 * A proposal with its vote: the arithmetic as it stands (counted now, in the member's
 * session), the member's own ballot and the buttons to cast or change it; once agreed,
 * its feedback round and the confirmation that enacts it.
 */
export function ProposalCard({
  urlName,
  proposal,
  decisions,
  partyLabel,
  names,
  onChanged,
}: {
  urlName: string;
  proposal: Proposal;
  decisions: Decisions;
  partyLabel: (number: number) => string;
  names: Map<number, string>;
  onChanged: (next: Decisions) => Promise<void>;
}) {
  const resolution = decisions.resolutions.find((choice) => choice.key === proposal.resolution);
  const vote = proposal.vote;
  return (
    <article
      class="card proposal"
      aria-labelledby={`proposal-${proposal.number}`}
      data-testid="proposal"
      data-number={proposal.number}
      data-status={proposal.status}
    >
      <h3 id={`proposal-${proposal.number}`}>
        Proposal {proposal.number}: {resolution?.rank != null ? resolution.name : humanize(proposal.resolution)}
        {proposal.duration_days !== null && `, ${proposal.duration_days} days`}{' '}
        <span class={`state state-proposal-${proposal.status}`}>{humanize(proposal.status)}</span>
      </h3>
      <dl class="facts">
        <dt>For</dt>
        <dd>{partyLabel(proposal.reported_party)}</dd>
        <dt>Proposed</dt>
        <dd>
          by {names.get(proposal.proposed_by) ?? `member ${proposal.proposed_by}`},{' '}
          <time dateTime={proposal.proposed_at}>{formatDateTime(proposal.proposed_at)}</time>
        </dd>
        {proposal.behaviour && (
          <>
            <dt>Changes asked for</dt>
            <dd class="prose">{proposal.behaviour}</dd>
          </>
        )}
        {proposal.repair && (
          <>
            <dt>Repair</dt>
            <dd class="prose">{proposal.repair}</dd>
          </>
        )}
        {proposal.conditions && (
          <>
            <dt>Conditions for return</dt>
            <dd class="prose">{proposal.conditions}</dd>
          </>
        )}
        {proposal.review_on && (
          <>
            <dt>Review on</dt>
            <dd>{formatDate(proposal.review_on)}</dd>
          </>
        )}
        {proposal.message_to_reported && (
          <>
            <dt>Message to the reported person</dt>
            <dd class="prose">{proposal.message_to_reported}</dd>
          </>
        )}
        {proposal.message_to_reporter && (
          <>
            <dt>Message to the reporter</dt>
            <dd class="prose">{proposal.message_to_reporter}</dd>
          </>
        )}
      </dl>
      {vote && (
        <VoteBlock
          title="Vote"
          vote={vote}
          deciding={proposal.status === 'voting'}
          mayVote={decisions.may_vote}
          cast={(ballot) => castBallot(urlName, proposal.number, ballot)}
          onCast={onChanged}
        />
      )}
      {proposal.feedback_round && (
        <FeedbackRound
          urlName={urlName}
          proposal={proposal}
          decisions={decisions}
          partyLabel={partyLabel}
          onChanged={onChanged}
        />
      )}
    </article>
  );
}

const FEEDBACK_LABELS = { party: 'Who', channel: 'How they were asked', text: 'The words they were shown' };
const ANSWER_LABELS = { party: 'Who', text: 'Their answer' };

function FeedbackRound({
  urlName,
  proposal,
  decisions,
  partyLabel,
  onChanged,
}: {
  urlName: string;
  proposal: Proposal;
  decisions: Decisions;
  partyLabel: (number: number) => string;
  onChanged: (next: Decisions) => Promise<void>;
}) {
  const round = proposal.feedback_round!;
  const toAsk = round.requests.filter((request) => !request.asked_at);
  const toAnswer = round.requests.filter((request) => request.asked_at && !request.answered_at);
  const open = proposal.status === 'agreed';
  return (
    <div class="feedback" data-testid="feedback-round">
      <h4>Feedback from the people affected</h4>
      <p data-testid="round-state">{sentence(round.state)}</p>
      <ul>
        {round.requests.map((request) => (
          <li key={request.party}>
            {partyLabel(request.party)}:{' '}
            {request.answered_at
              ? `answered ${formatDateTime(request.answered_at)}`
              : request.asked_at
                ? `asked ${formatDateTime(request.asked_at)} (${humanize(request.channel ?? '').toLowerCase()}), no answer yet`
                : 'not asked yet'}
          </li>
        ))}
      </ul>
      {open && decisions.may_decide && toAsk.length > 0 && (
        <AskForm
          key={toAsk.map((request) => request.party).join(' ')}
          urlName={urlName}
          proposal={proposal}
          parties={toAsk}
          partyLabel={partyLabel}
          onAsked={onChanged}
        />
      )}
      {open && decisions.may_decide && toAnswer.length > 0 && (
        <AnswerForm
          key={toAnswer.map((request) => request.party).join(' ')}
          urlName={urlName}
          proposal={proposal}
          parties={toAnswer}
          partyLabel={partyLabel}
          onAnswered={onChanged}
        />
      )}
      {open && decisions.may_decide && <EnactForm urlName={urlName} proposal={proposal} onEnacted={onChanged} />}
    </div>
  );
}

type RoundRequest = NonNullable<Proposal['feedback_round']>['requests'][number];

function partyOptions(parties: RoundRequest[], partyLabel: (number: number) => string) {
  return parties.map((request) => ({ value: String(request.party), label: partyLabel(request.party) }));
}

function AskForm({
  urlName,
  proposal,
  parties,
  partyLabel,
  onAsked,
}: {
  urlName: string;
  proposal: Proposal;
  parties: RoundRequest[];
  partyLabel: (number: number) => string;
  onAsked: (next: Decisions) => Promise<void>;
}) {
  const [party, setParty] = useState(String(parties[0].party));
  const chosen = parties.find((request) => String(request.party) === party) ?? parties[0];
  // The portal reaches the reporter whose report opened the case, the first one.
  const firstReporter = proposal.feedback_round?.requests.find((request) => request.role === 'reporter')?.party;
  const [channel, setChannel] = useState<NonNullable<FeedbackStep['channel']>>(
    chosen.party === firstReporter ? 'portal' : 'email',
  );
  const [text, setText] = useState(proposal.message_to_reporter);
  const { busy, problem, done, form, submit } = useSubmit();

  function onSubmit(event: Event) {
    return submit(
      event,
      async () => {
        await onAsked(
          await recordFeedback(urlName, proposal.number, { party: Number(party), step: 'asked', channel, text }),
        );
        return 'Recorded: asked for feedback.';
      },
      () => fieldProblems(text.trim() ? {} : { text: 'is required: the words they were shown' }),
    );
  }

  return (
    <form ref={form} class="form subform" onSubmit={onSubmit} noValidate aria-labelledby={`ask-${proposal.number}`}>
      <h5 id={`ask-${proposal.number}`}>Ask for feedback</h5>
      <FormAlert problem={problem} labels={FEEDBACK_LABELS} />
      <Select
        id={`ask-party-${proposal.number}`}
        label={FEEDBACK_LABELS.party}
        value={party}
        onValue={(value) => {
          setParty(value);
          setChannel(Number(value) === firstReporter ? 'portal' : 'email');
        }}
        options={partyOptions(parties, partyLabel)}
      />
      <div class={`field${problem?.fields.channel ? ' field-invalid' : ''}`}>
        <label for={`ask-channel-${proposal.number}`}>{FEEDBACK_LABELS.channel}</label>
        <select
          id={`ask-channel-${proposal.number}`}
          value={channel}
          aria-invalid={problem?.fields.channel ? 'true' : undefined}
          onChange={(event) => setChannel(event.currentTarget.value as typeof channel)}
        >
          {chosen.party === firstReporter && (
            <option value="portal">Through their portal (and mail, if they asked)</option>
          )}
          <option value="email">By email, outside Conduct</option>
          <option value="phone">By phone</option>
          <option value="in-person">In person</option>
          <option value="other">Otherwise</option>
        </select>
        {problem?.fields.channel && <p class="field-error">{problem.fields.channel}</p>}
      </div>
      <Field
        id={`ask-text-${proposal.number}`}
        label={FEEDBACK_LABELS.text}
        hint="The proposal in words written for them; through the portal this is the message they receive."
        multiline
        rows={4}
        value={text}
        onValue={setText}
        error={problem?.fields.text}
        required
      />
      <SubmitRow
        busy={busy}
        label={channel === 'portal' ? 'Send and record' : 'Record that they were asked'}
        busyLabel="Recording…"
        done={done}
      />
    </form>
  );
}

function AnswerForm({
  urlName,
  proposal,
  parties,
  partyLabel,
  onAnswered,
}: {
  urlName: string;
  proposal: Proposal;
  parties: RoundRequest[];
  partyLabel: (number: number) => string;
  onAnswered: (next: Decisions) => Promise<void>;
}) {
  const [party, setParty] = useState(String(parties[0].party));
  const [text, setText] = useState('');
  const { busy, problem, done, form, submit } = useSubmit();

  function onSubmit(event: Event) {
    return submit(
      event,
      async () => {
        await onAnswered(
          await recordFeedback(urlName, proposal.number, { party: Number(party), step: 'answered', text }),
        );
        setText('');
        return 'Their answer is recorded.';
      },
      () => fieldProblems(text.trim() ? {} : { text: 'is required: their answer, in their words or a summary' }),
    );
  }

  return (
    <form ref={form} class="form subform" onSubmit={onSubmit} noValidate aria-labelledby={`answer-${proposal.number}`}>
      <h5 id={`answer-${proposal.number}`}>Record an answer</h5>
      <FormAlert problem={problem} labels={ANSWER_LABELS} />
      <Select
        id={`answer-party-${proposal.number}`}
        label={ANSWER_LABELS.party}
        value={party}
        onValue={setParty}
        options={partyOptions(parties, partyLabel)}
      />
      <Field
        id={`answer-text-${proposal.number}`}
        label={ANSWER_LABELS.text}
        multiline
        rows={3}
        value={text}
        onValue={setText}
        error={problem?.fields.text}
        required
      />
      <SubmitRow busy={busy} label="Record the answer" busyLabel="Recording…" done={done} />
    </form>
  );
}

function EnactForm({
  urlName,
  proposal,
  onEnacted,
}: {
  urlName: string;
  proposal: Proposal;
  onEnacted: (next: Decisions) => Promise<void>;
}) {
  const [note, setNote] = useState('');
  const { busy, problem, done, form, submit } = useSubmit();
  const closed = proposal.feedback_round?.closed ?? false;

  function onSubmit(event: Event) {
    return submit(event, async () => {
      await onEnacted(await enactProposal(urlName, proposal.number, note));
      return 'Enacted: the case is now being enacted.';
    });
  }

  return (
    <form ref={form} class="form subform" onSubmit={onSubmit} noValidate aria-labelledby={`enact-${proposal.number}`}>
      <h5 id={`enact-${proposal.number}`}>Confirm and enact</h5>
      <FormAlert problem={problem} labels={{ note: 'Note' }} />
      {!closed && (
        <p class="hint">
          The feedback round is not over yet: the proposal can be enacted once everyone asked has answered or the round
          has closed. To change it, make a new proposal.
        </p>
      )}
      <Field
        id={`enact-note-${proposal.number}`}
        label="Note (optional)"
        value={note}
        onValue={setNote}
        error={problem?.fields.note}
      />
      <div class="actions">
        <button type="submit" class="button" disabled={busy} data-testid="enact">
          {busy ? 'Enacting…' : 'Enact the proposal'}
        </button>
        <p role="status" class="done">
          {done}
        </p>
      </div>
    </form>
  );
}
