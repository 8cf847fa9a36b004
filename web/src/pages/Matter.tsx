import { useState } from 'preact/hooks';
import { getMatter, type Matter } from '../api';
import { Link } from '../components/Link';
import { Page } from '../components/Page';
import { sentence } from '../components/problems';
import { useLoad } from '../components/useLoad';
import { formatDateTime } from '../format';
import { isGroupMember, useMe } from '../session';
import { MatterVote } from './matters/MatterVote';
import { kindLabel, statusLabel } from './matters/words';

/** One matter of the group's own: what is put to the vote, and the vote as the member sees it. */
export function MatterPage({ number }: { number: string }) {
  const me = useMe();
  if (!isGroupMember(me)) {
    return (
      <Page title="Matter" eyebrow="Matters">
        <p>Only the working group's voting members see the matters it puts to the vote.</p>
      </Page>
    );
  }
  if (!/^[1-9]\d{0,8}$/.test(number)) return <NoSuchMatter />;
  return <MatterRecord number={Number(number)} />;
}

function NoSuchMatter() {
  return (
    <Page title="No such matter" eyebrow="Matters">
      <p>The group has put no matter with this number to the vote.</p>
      <p>
        <Link href="/matters">Back to the matters</Link>
      </p>
    </Page>
  );
}

function MatterRecord({ number }: { number: number }) {
  const [loaded] = useLoad(`matter:${number}`, () => getMatter(number));
  // A ballot or standing aside answers with the matter counted again.
  const [shown, setShown] = useState<Matter | null>(null);
  if (loaded.state === 'loading') {
    return (
      <Page title={`Matter ${number}`} eyebrow="Matters" busy>
        <p>Loading the matter…</p>
      </Page>
    );
  }
  if (loaded.state === 'failed') {
    if (loaded.status === 404) return <NoSuchMatter />;
    return (
      <Page title="Matter unavailable" eyebrow="Matters">
        <p role="alert" class="problem">
          The matter could not be loaded: {sentence(loaded.message)}
        </p>
        <p>
          <Link href="/matters">Back to the matters</Link>
        </p>
      </Page>
    );
  }
  const matter = shown ?? loaded.data;
  return (
    <Page title={`Matter ${matter.number}`} eyebrow="Matters">
      <article class="card matter" aria-labelledby="matter-heading" data-testid="matter" data-status={matter.status}>
        <h2 id="matter-heading">
          {kindLabel(matter.kind)}{' '}
          <span class={`state state-matter-${matter.status}`} data-testid="matter-status">
            {statusLabel(matter)}
          </span>
        </h2>
        <dl class="facts" data-testid="matter-facts">
          <dt>Put to the vote</dt>
          <dd>
            by {matter.proposed_by.name}, <time dateTime={matter.opened_at}>{formatDateTime(matter.opened_at)}</time>
          </dd>
          {matter.closed_at ? (
            <>
              <dt>Vote closed</dt>
              <dd>
                <time dateTime={matter.closed_at}>{formatDateTime(matter.closed_at)}</time>
              </dd>
            </>
          ) : (
            // While the vote is open, the count below says until when; without a count, this does.
            !matter.arithmetic && (
              <>
                <dt>Vote closes</dt>
                <dd>
                  <time dateTime={matter.closes_at}>{formatDateTime(matter.closes_at)}</time>
                </dd>
              </>
            )
          )}
        </dl>
        <h3>What the group is asked to agree to</h3>
        {matter.text !== null ? (
          <p class="preserve" data-testid="matter-text">
            {matter.text}
          </p>
        ) : (
          <p data-testid="matter-text">
            Sealed for the group's voting members of the day it was put to the vote: your keys do not open it.
          </p>
        )}
        <MatterVote matter={matter} onChanged={async (next) => setShown(next)} />
      </article>
      <p>
        <Link href="/matters">Back to the matters</Link>
      </p>
    </Page>
  );
}
