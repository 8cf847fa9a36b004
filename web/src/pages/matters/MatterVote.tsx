import { useRef } from 'preact/hooks';
import { castMatterBallot, standAsideFromMatter, type Matter } from '../../api';
import { FormAlert } from '../../components/FormAlert';
import { useSubmit } from '../../components/useSubmit';
import { VoteBlock } from '../case/VoteBlock';

/**
 * A matter's vote as the member sees it: the arithmetic counted in their session, their
 * ballot and the buttons to cast it while they are eligible and the vote is open, and
 * standing aside for a member with an interest in the matter.
 */
export function MatterVote({ matter, onChanged }: { matter: Matter; onChanged: (next: Matter) => Promise<void> }) {
  const heading = useRef<HTMLHeadingElement>(null);
  const open = matter.status === 'voting' && !matter.closed_at;
  const sealedFor = matter.text !== null;
  const part = ownPart(matter);

  async function stoodAside(next: Matter) {
    await onChanged(next);
    requestAnimationFrame(() => heading.current?.focus());
  }

  return (
    <section class="matter-vote" aria-labelledby="matter-vote-heading">
      <h3 id="matter-vote-heading" ref={heading} tabIndex={-1}>
        Vote
      </h3>
      {matter.arithmetic ? (
        <VoteBlock<Matter>
          title={open ? 'The count so far' : 'The count'}
          vote={matter}
          deciding={open}
          mayVote={matter.eligible}
          cast={(ballot) => castMatterBallot(matter.number, ballot)}
          onCast={onChanged}
        />
      ) : (
        <p data-testid="arithmetic">Only the members it was sealed for can count this vote while it is open.</p>
      )}
      {part && <p data-testid="own-part">{part}</p>}
      {open && sealedFor && !matter.stood_aside && <StandAside matter={matter} onStoodAside={stoodAside} />}
    </section>
  );
}

/** Where the member stands in the vote, when the ballot buttons do not say it. */
function ownPart(matter: Matter): string {
  if (matter.stood_aside) return 'You stood aside from this matter: your ballot does not count.';
  if (matter.text === null)
    return 'You take no part in this vote: it was put to the group before you were one of its voting members.';
  const buttons = matter.status === 'voting' && matter.eligible;
  return !buttons && matter.own_ballot ? `Your ballot: ${matter.own_ballot}.` : '';
}

function StandAside({ matter, onStoodAside }: { matter: Matter; onStoodAside: (next: Matter) => Promise<void> }) {
  const { busy, problem, done, form, submit } = useSubmit();

  function onSubmit(event: Event) {
    return submit(event, async () => {
      await onStoodAside(await standAsideFromMatter(matter.number));
      return 'You stood aside from this matter.';
    });
  }

  return (
    <form ref={form} class="subform" onSubmit={onSubmit} noValidate aria-labelledby="stand-aside-heading">
      <h4 id="stand-aside-heading">Standing aside</h4>
      <FormAlert problem={problem} labels={{}} />
      <p class="hint">
        If you have an interest in this matter, stand aside: your ballot stops counting and the vote is counted without
        you. You cannot take it back.
      </p>
      <div class="actions">
        <button type="submit" class="button button-quiet" disabled={busy}>
          {busy ? 'Standing aside…' : 'Stand aside from this matter'}
        </button>
        <p role="status" class="done">
          {done}
        </p>
      </div>
    </form>
  );
}
