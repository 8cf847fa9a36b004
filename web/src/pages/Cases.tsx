import { useState } from 'preact/hooks';
import {
  listCases,
  listPendingGrants,
  listScreening,
  type CaseSummary,
  type PendingGrant,
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
import { ScreeningSection } from './cases/ScreeningSection';
import { SearchSection } from './cases/SearchSection';

/**
 * The dashboard: who is signed in, the cases they can see, what they still have to
 * screen, and the members waiting for a key to a case they hold.
 */
export function CasesPage() {
  const me = useMe();
  const [cases, reloadCases] = useLoad('cases', listCases);
  const screens = isGroupMember(me);
  const [screening, reloadScreening] = useLoad(screens ? 'screening' : 'no-screening', () =>
    screens ? listScreening() : Promise.resolve([] as ScreeningItem[]),
  );

  const [grants, reloadGrants] = useLoad(screens ? 'grants' : 'no-grants', () =>
    screens ? listPendingGrants() : Promise.resolve([] as PendingGrant[]),
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
      {grants.state === 'ready' && (grants.data.length > 0 || grantedHere) && (
        <GrantsSection grants={grants.data} onGranted={onGranted} />
      )}
      {cases.state === 'loading' && <p>Loading cases…</p>}
      {cases.state === 'failed' && (
        <p role="alert" class="problem">
          The cases could not be loaded: {sentence(cases.message)}
        </p>
      )}
      {cases.state === 'ready' && <CaseTable cases={cases.data} />}
      {cases.state === 'ready' && cases.data.length > 0 && <SearchSection />}
    </Page>
  );
}

function CaseTable({ cases }: { cases: CaseSummary[] }) {
  return (
    <section aria-labelledby="case-list-heading">
      <h2 id="case-list-heading">
        Your cases: <span data-testid="case-count">{count(cases.length, 'case', 'cases')}</span>
      </h2>
      {cases.length === 0 ? (
        <p>There are no cases you can see.</p>
      ) : (
        <div class="table-scroll">
          <table class="data-table" data-testid="case-table">
            <caption class="visually-hidden">Cases you can see, with their state, when they were opened, where and what</caption>
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
                  <td>
                    <span class={`state state-${item.state}`}>{stateLabel(item.state)}</span>
                  </td>
                  <td>
                    <time dateTime={item.opened_at}>{formatDate(item.opened_at)}</time>
                  </td>
                  <td>{humanize(item.space)}</td>
                  <td>{item.categories.map(categoryLabel).join(', ') || '—'}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
