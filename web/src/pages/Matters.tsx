import { useState } from 'preact/hooks';
import { listMatters, MATTER_PAGE_SIZE, type MatterPage, type MatterSummary } from '../api';
import { Link } from '../components/Link';
import { Page } from '../components/Page';
import { sentence } from '../components/problems';
import { Reveal } from '../components/Reveal';
import { useLoad } from '../components/useLoad';
import { count, formatDate } from '../format';
import { isGroupMember, useMe } from '../session';
import { ProposeMatterForm } from './matters/ProposeMatterForm';
import { kindLabel, statusLabel } from './matters/words';

/** The group's own matters put to the vote, newest first, and the form to put one. */
export function MattersPage() {
  const me = useMe();
  if (!isGroupMember(me)) {
    return (
      <Page title="Matters" eyebrow={me.community.name}>
        <p>Only the working group's voting members see the matters it puts to the vote.</p>
      </Page>
    );
  }
  return <Matters />;
}

function Matters() {
  const me = useMe();
  const [offset, setOffset] = useState(0);
  const [matters] = useLoad(`matters ${offset}`, () => listMatters(offset));
  return (
    <Page title="Matters" eyebrow={me.community.name} busy={matters.state === 'loading'}>
      <p class="lede">
        What the group decides about itself rather than a case: admitting a member, a guideline, the policy. Each is
        voted on by the rule of a case's votes.
      </p>
      <div class="matter-propose">
        <Reveal label="Put a matter to the vote">{(close) => <ProposeMatterForm onCancel={close} />}</Reveal>
      </div>
      {matters.state === 'loading' && <p>Loading matters…</p>}
      {matters.state === 'failed' && (
        <p role="alert" class="problem">
          The matters could not be loaded: {sentence(matters.message)}
        </p>
      )}
      {matters.state === 'ready' && <MatterTable page={matters.data} onTurn={setOffset} />}
    </Page>
  );
}

/** "3 matters" when the list fits on one page; otherwise which of them this page shows. */
function pageHeading(page: MatterPage): string {
  const shown = page.matters.length;
  if (page.offset === 0 && !page.more) return count(shown, 'matter', 'matters');
  if (shown === 0) return 'no more matters';
  return `matters ${page.offset + 1} to ${page.offset + shown}, newest first`;
}

/** "Closes 12 Dec 2026" while the vote is open, "Closed 5 Dec 2026" once it is not. */
function Deadline({ matter }: { matter: MatterSummary }) {
  const at = matter.closed_at ?? matter.closes_at;
  return (
    <>
      {matter.closed_at ? 'Closed' : 'Closes'} <time dateTime={at}>{formatDate(at)}</time>
    </>
  );
}

function MatterTable({ page, onTurn }: { page: MatterPage; onTurn: (offset: number) => void }) {
  const turning = page.offset > 0 || page.more;
  return (
    <section aria-labelledby="matter-list-heading">
      <h2 id="matter-list-heading">
        Put to the vote: <span data-testid="matter-count">{pageHeading(page)}</span>
      </h2>
      {page.matters.length === 0 && page.offset === 0 ? (
        <p>No matter has been put to the vote yet.</p>
      ) : (
        <div class="table-scroll">
          <table class="data-table stack-on-phone" data-testid="matter-table">
            <caption class="visually-hidden">The group's matters, newest first</caption>
            <thead>
              <tr>
                <th scope="col">Matter</th>
                <th scope="col">Kind</th>
                <th scope="col">Status</th>
                <th scope="col">Proposed by</th>
                <th scope="col">Vote</th>
              </tr>
            </thead>
            <tbody>
              {page.matters.map((matter) => (
                <tr key={matter.number} data-matter={matter.number} data-status={matter.status}>
                  <th scope="row">
                    <Link href={`/matters/${matter.number}`}>Matter {matter.number}</Link>
                  </th>
                  <td data-label="Kind">{kindLabel(matter.kind)}</td>
                  <td data-label="Status">{statusLabel(matter)}</td>
                  <td data-label="Proposed by">{matter.proposed_by.name}</td>
                  <td data-label="Vote">
                    <Deadline matter={matter} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {turning && (
        <nav class="pager" aria-label="Pages of matters">
          <button
            type="button"
            class="button button-quiet"
            disabled={page.offset === 0}
            onClick={() => onTurn(Math.max(0, page.offset - MATTER_PAGE_SIZE))}
          >
            Newer matters
          </button>
          <button
            type="button"
            class="button button-quiet"
            disabled={!page.more}
            onClick={() => onTurn(page.offset + MATTER_PAGE_SIZE)}
          >
            Older matters
          </button>
        </nav>
      )}
    </section>
  );
}
