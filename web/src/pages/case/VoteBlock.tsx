import { type Ballot, type Decisions, type Vote } from '../../api';
import { FormAlert } from '../../components/FormAlert';
import { useSubmit } from '../../components/useSubmit';
import { formatDateTime } from '../../format';

const BALLOTS: { value: Ballot; label: string }[] = [
  { value: 'agree', label: 'Agree' },
  { value: 'object', label: 'Object' },
  { value: 'abstain', label: 'Abstain' },
];

/**
 * The member's ballot on an open vote (a proposal's, or an action's review): their
 * ballot so far and a button for each, pressed for the one cast. The decision counted
 * again comes back from `cast`.
 */
function BallotButtons<Counted>({
  own,
  cast,
  onCast,
}: {
  own: Ballot | null;
  cast: (ballot: Ballot) => Promise<Counted>;
  onCast: (next: Counted) => Promise<void>;
}) {
  const { busy, problem, done, form, submit } = useSubmit();

  function onClick(event: Event, ballot: Ballot) {
    return submit(event, async () => {
      await onCast(await cast(ballot));
      return `Your ballot: ${ballot}.`;
    });
  }

  return (
    <form ref={form} class="ballot" onSubmit={(event) => event.preventDefault()} aria-label="Your ballot">
      <FormAlert problem={problem} labels={{}} />
      <p>{own ? `Your ballot: ${own}. You may change it while the vote is open.` : 'You have not voted yet.'}</p>
      <div class="actions">
        {BALLOTS.map((ballot) => (
          <button
            key={ballot.value}
            type="button"
            class={own === ballot.value ? 'button' : 'button button-quiet'}
            aria-pressed={own === ballot.value}
            disabled={busy}
            data-ballot={ballot.value}
            onClick={(event) => onClick(event, ballot.value)}
          >
            {ballot.label}
          </button>
        ))}
      </div>
      <p role="status" class="done">
        {done}
      </p>
    </form>
  );
}

/**
 * A vote as the member sees it (a proposal's, or an action's review): the arithmetic as
 * counted in their session, until when it is open, and their ballot while the matter is
 * still being decided and they are eligible.
 */
export function VoteBlock<Counted = Decisions>({
  title,
  vote,
  deciding,
  mayVote,
  cast,
  onCast,
}: {
  title: string;
  vote: Vote;
  /** The matter is still being voted on (the proposal voting, the action under review). */
  deciding: boolean;
  mayVote: boolean;
  /** Casts the ballot; answers what was voted on, counted again (a case's decisions, a group matter). */
  cast: (ballot: Ballot) => Promise<Counted>;
  onCast: (next: Counted) => Promise<void>;
}) {
  const open = !vote.closed_at && deciding;
  return (
    <div class="vote" data-testid="vote">
      <h4>{title}</h4>
      <p data-testid="arithmetic">{vote.arithmetic}</p>
      {open && (
        <p class="muted">
          Open until every eligible member has voted or{' '}
          <time dateTime={vote.closes_at}>{formatDateTime(vote.closes_at)}</time>.
        </p>
      )}
      {open && mayVote && vote.eligible && <BallotButtons own={vote.own_ballot ?? null} cast={cast} onCast={onCast} />}
    </div>
  );
}
