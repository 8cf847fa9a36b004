import { type Ballot, type Decisions } from '../../api';
import { FormAlert } from '../../components/FormAlert';
import { useSubmit } from '../../components/useSubmit';

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
export function BallotButtons({
  own,
  cast,
  onCast,
}: {
  own: Ballot | null;
  cast: (ballot: Ballot) => Promise<Decisions>;
  onCast: (next: Decisions) => Promise<void>;
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
