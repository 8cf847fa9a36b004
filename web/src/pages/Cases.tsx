import { useState } from 'preact/hooks';
import {
  CASE_PAGE_SIZE,
  listCases,
  listPendingGrants,
  listScreening,
  type CasePage,
  type GrantQueue,
  type ScreeningItem,
} from '../api';
import { CaseFlags } from '../components/CaseFlags';
import { Link } from '../components/Link';
import { Page } from '../components/Page';
import { sentence } from '../components/problems';
import { useLoad } from '../components/useLoad';
import { categoryLabel, count, formatDate, humanize, roleLabel, stateLabel } from '../format';
import { isGroupMember, useMe } from '../session';
import { GrantsSection } from './cases/GrantsSection';
import { RecordReportForm } from './cases/RecordReportForm';
import { ScreeningSection } from './cases/ScreeningSection';
import { SearchSection } from './cases/SearchSection';

/**
 * The dashboard: who is signed in, the cases they can see, what they still have to
 * screen, and the members waiting for a key to a case they hold.
 */
export function CasesPage() {
  const me = useMe();
  // The list is read a page at a time: a community may keep 100,000 cases.
  const [offset, setOffset] = useState(0);
  const [cases, reloadCases] = useLoad(`cases ${offset}`, () => listCases(offset));
  const screens = isGroupMember(me);
  const [screening, reloadScreening] = useLoad(screens ? 'screening' : 'no-screening', () =>
    screens ? listScreening() : Promise.resolve([] as ScreeningItem[]),
  );

  const [grants, reloadGrants] = useLoad(screens ? 'grants' : 'no-grants', () =>
    screens ? listPendingGrants() : Promise.resolve<GrantQueue>({ requests: [], more: false }),
  );

  // Once the member has answered here, the section stays (with its status message) even
  // when nothing is left to screen; the same for grants.
  const [screenedHere, setScreenedHere] = useState(false);
  const [grantedHere, setGrantedHere] = useState(false);
  async function onGranted() {
    setGrantedHere(true);
    await reloadGrants();
  }
  async function onScreened() {
    setScreenedHere(true);
    await Promise.all([reloadCases(), reloadScreening()]);
  }

  return (
    <Page title="Cases" eyebrow={me.community.name} busy={cases.state === 'loading' || screening.state === 'loading'}>
      <p class="lede" data-testid="who">
        Signed in as <strong>{me.member.name}</strong>, {roleLabel(me.member.role).toLowerCase()}.
      </p>
      {screening.state === 'ready' && (screening.data.length > 0 || screenedHere) && (
        <ScreeningSection items={screening.data} onAnswered={onScreened} />
      )}
      {grants.state === 'ready' && (grants.data.requests.length > 0 || grantedHere) && (
        <GrantsSection queue={grants.data} onGranted={onGranted} />
      )}
      {screens && <RecordReportForm community={me.community.slug} />}
      {cases.state === 'loading' && <p>Loading cases…</p>}
      {cases.state === 'failed' && (
        <p role="alert" class="problem">
          The cases could not be loaded: {sentence(cases.message)}
        </p>
      )}
      {cases.state === 'ready' && <CaseTable page={cases.data} onTurn={setOffset} />}
      {cases.state === 'ready' && cases.data.cases.length > 0 && <SearchSection />}
    </Page>
  );
}

/** "3 cases" when the list fits on one page; otherwise which of them this page shows. */
function pageHeading(page: CasePage): string {
  const shown = page.cases.length;
  if (page.offset === 0 && !page.more) return count(shown, 'case', 'cases');
  if (shown === 0) return 'no more cases';
  return `cases ${page.offset + 1} to ${page.offset + shown}, newest first`;
}

function CaseTable({ page, onTurn }: { page: CasePage; onTurn: (offset: number) => void }) {
  const cases = page.cases;
  const turning = page.offset > 0 || page.more;
  return (
    <section aria-labelledby="case-list-heading">
      <h2 id="case-list-heading">
        Your cases: <span data-testid="case-count">{pageHeading(page)}</span>
      </h2>
      {cases.length === 0 && page.offset === 0 ? (
        <p>There are no cases you can see.</p>
      ) : (
        <div class="table-scroll">
          <table class="data-table stack-on-phone" data-testid="case-table">
            <caption class="visually-hidden">
              Cases you can see, with their state, when they were opened, where and what
            </caption>
            <thead>
              <tr>
                <th scope="col">Code name</th>
                <th scope="col">State</th>
                <th scope="col">Opened</th>
                <th scope="col">Space</th>
                <th scope="col">Categories</th>
              </tr>
            </thead>
            <tbody>
              {cases.map((item) => (
                <tr key={item.url_name} data-case={item.url_name}>
                  <th scope="row">
                    <Link href={`/cases/${encodeURIComponent(item.url_name)}`} class="code-name">
                      {item.code_name}
                    </Link>
                    <CaseFlags summary={item} />
                  </th>
                  <td data-label="State">
                    <span class={`state state-${item.state}`}>{stateLabel(item.state)}</span>
                    {item.urgency !== 'normal' && (
                      <span class={`urgency urgency-${item.urgency}`}>{humanize(item.urgency)} urgency</span>
                    )}
                  </td>
                  <td data-label="Opened">
                    <time dateTime={item.opened_at}>{formatDate(item.opened_at)}</time>
                  </td>
                  <td data-label="Space">{humanize(item.space)}</td>
                  <td data-label="Categories">{item.categories.map(categoryLabel).join(', ') || '—'}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {turning && (
        <nav class="pager" aria-label="Pages of cases">
          <button
            type="button"
            class="button button-quiet"
            disabled={page.offset === 0}
            onClick={() => onTurn(Math.max(0, page.offset - CASE_PAGE_SIZE))}
          >
            Newer cases
          </button>
          <button
            type="button"
            class="button button-quiet"
            disabled={!page.more}
            onClick={() => onTurn(page.offset + CASE_PAGE_SIZE)}
          >
            Older cases
          </button>
        </nav>
      )}
    </section>
  );
}
