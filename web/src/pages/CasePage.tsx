import { listMembers, getCase, type CaseRecord, type Member } from '../api';
import { CaseFlags } from '../components/CaseFlags';
import { Link } from '../components/Link';
import { Page } from '../components/Page';
import { sentence } from '../components/problems';
import { useLoad } from '../components/useLoad';
import { categoryLabel, count, formatDate, formatDateTime, humanize, partyLabel, stateLabel } from '../format';
import { isGroupMember, mayListMembers, mayReadAuditTrail, useMe } from '../session';
import { ConflictForm } from './case/ConflictForm';
import { DecisionsSection } from './case/DecisionsSection';
import { DraftsSection } from './case/DraftsSection';
import { EvidenceSection } from './case/EvidenceSection';
import { LinksSection } from './case/LinksSection';
import { MailSection } from './case/MailSection';
import { ReporterThreadSection } from './case/ReporterThread';
import { ReportCard } from './case/ReportText';
import { NoteForm } from './case/NoteForm';
import { Timeline } from './case/Timeline';
import { TransitionForm } from './case/TransitionForm';
import { FlagsForm } from './case/FlagsForm';

/** One case: summary, parties, the timeline (reports included), its evidence files, and the forms to add a note, attach a file or declare a conflict. */
export function CasePage({ urlName }: { urlName: string }) {
  const me = useMe();
  const [record, reload] = useLoad(`case:${urlName}`, () => getCase(urlName));
  const namesAllowed = mayListMembers(me);
  const [members] = useLoad(namesAllowed ? 'members' : 'no-members', () =>
    namesAllowed ? listMembers() : Promise.resolve([] as Member[]),
  );
  const names = new Map<number, string>();
  if (members.state === 'ready') for (const member of members.data) names.set(member.id, member.name);

  // The page counts as loading until the names are known too, so that it settles once.
  if (record.state === 'loading' || members.state === 'loading') {
    return (
      <Page title="Case" eyebrow="Case" busy>
        <p>Loading the case…</p>
      </Page>
    );
  }
  if (record.state === 'failed') {
    if (record.status === 404) {
      return (
        <Page title="No such case" eyebrow="Case">
          <p data-testid="no-such-case">
            No case you can see is called “{urlName.replace(/-/g, ' ')}”. A case you have declared a conflict on, or are
            not part of, looks exactly like one that does not exist.
          </p>
          <p>
            <Link href="/cases">Back to your cases</Link>
          </p>
        </Page>
      );
    }
    if (record.status === 409) {
      // The policy lets the member read the case, but no holder has granted its key yet.
      const codeName = urlName.replace(/-/g, ' ');
      return (
        <Page title="Waiting for the case’s key" eyebrow="Case">
          <p data-testid="key-not-granted">
            You may read “{codeName}”, but its records are sealed and nobody who holds them has granted you the key yet.
            A chair or member who handles the case grants it from the list of members waiting for access on their
            dashboard; your keys must be certified first.
          </p>
          <ConflictForm urlName={urlName} codeName={codeName} />
          <p>
            <Link href="/cases">Back to your cases</Link>
          </p>
        </Page>
      );
    }
    return (
      <Page title="Case unavailable" eyebrow="Case">
        <p role="alert" class="problem">
          The case could not be loaded: {sentence(record.message)}
        </p>
        <p>
          <Link href="/cases">Back to your cases</Link>
        </p>
      </Page>
    );
  }
  const item = record.data;
  return (
    <Page title={item.code_name} eyebrow="Case">
      <Summary item={item} />
      <Reports item={item} />
      <Parties item={item} />
      <DecisionsSection
        urlName={item.url_name}
        caseState={item.state}
        danger={item.physical_danger}
        partyNames={
          new Map(
            item.parties.map((party) => [
              party.number,
              `${partyLabel(party.role)} (party ${party.number})${
                party.name || party.contact || party.person ? `: ${party.name || party.contact || party.person}` : ''
              }`,
            ]),
          )
        }
        names={names}
        onChanged={reload}
      />
      <Timeline
        entries={item.timeline}
        names={names}
        contentNotes={
          new Map(item.reports.filter((r) => r.content_notes.length > 0).map((r) => [r.text.trim(), r.content_notes]))
        }
      />
      <LinksSection urlName={item.url_name} codeName={item.code_name} onChanged={reload} />
      <ReporterThreadSection urlName={item.url_name} names={names} onWritten={reload} />
      <DraftsSection urlName={item.url_name} onSent={reload} />
      <MailSection urlName={item.url_name} version={item.timeline.length} />
      {isGroupMember(me) && <TransitionForm item={item} onMoved={reload} />}
      {isGroupMember(me) && <FlagsForm item={item} onChanged={reload} />}
      <NoteForm urlName={item.url_name} onAdded={reload} />
      <EvidenceSection urlName={item.url_name} names={names} onAttached={reload} />
      <ConflictForm urlName={item.url_name} codeName={item.code_name} />
      {mayReadAuditTrail(me) && (
        <p>
          <Link href={`/audit?case=${encodeURIComponent(item.url_name)}`}>Audit trail of this case</Link>
        </p>
      )}
    </Page>
  );
}

function Summary({ item }: { item: CaseRecord }) {
  return (
    <section class="card" aria-labelledby="summary-heading">
      <h2 id="summary-heading">Summary</h2>
      <dl class="facts" data-testid="case-summary">
        <dt>State</dt>
        <dd>
          <span class={`state state-${item.state}`}>{stateLabel(item.state)}</span>
          {item.resolution && (
            <span class="muted">
              {' '}
              ({humanize(item.resolution.outcome).toLowerCase()}, resolved by the {item.resolution.source})
            </span>
          )}
        </dd>
        <dt>Opened</dt>
        <dd>
          <time dateTime={item.opened_at}>{formatDateTime(item.opened_at)}</time>
        </dd>
        {item.occurred_on && (
          <>
            <dt>Happened on</dt>
            <dd>{formatDate(item.occurred_on)}</dd>
          </>
        )}
        <dt>Space</dt>
        <dd>{humanize(item.space)}</dd>
        <dt>Categories</dt>
        <dd>{item.categories.map(categoryLabel).join(', ') || 'None recorded'}</dd>
        <dt>Flags</dt>
        <dd>
          {item.ongoing || item.physical_danger ? <CaseFlags summary={item} /> : 'Not ongoing; no physical danger'}
        </dd>
        <dt>Location</dt>
        <dd>{item.location || 'Not recorded'}</dd>
        <dt>Reports</dt>
        <dd>{reportsLine(item)}</dd>
      </dl>
    </section>
  );
}

function reportsLine(item: CaseRecord): string {
  if (item.reports.length === 0) return 'None';
  const channels = [...new Set(item.reports.map((report) => humanize(report.channel).toLowerCase()))];
  return `${count(item.reports.length, 'report', 'reports')}, received by ${channels.join(', ')}`;
}

/** Reports whose text the timeline does not already show (normally it shows them all). */
function Reports({ item }: { item: CaseRecord }) {
  const shown = new Set(item.timeline.filter((entry) => entry.kind === 'report').map((entry) => entry.text.trim()));
  const missing = item.reports.filter((report) => !shown.has(report.text.trim()));
  if (missing.length === 0) return null;
  return (
    <section aria-labelledby="reports-heading">
      <h2 id="reports-heading">Reports</h2>
      {missing.map((report) => (
        <ReportCard key={report.number} report={report} />
      ))}
    </section>
  );
}

function Parties({ item }: { item: CaseRecord }) {
  return (
    <section aria-labelledby="parties-heading">
      <h2 id="parties-heading">People involved</h2>
      {item.parties.length === 0 ? (
        <p>No one is recorded yet.</p>
      ) : (
        <div class="table-scroll">
          <table class="data-table" data-testid="parties">
            <thead>
              <tr>
                <th scope="col">Role</th>
                <th scope="col">Name</th>
                <th scope="col">Contact</th>
                <th scope="col">Person record</th>
              </tr>
            </thead>
            <tbody>
              {item.parties.map((party) => (
                <tr key={party.number}>
                  <th scope="row">{partyLabel(party.role)}</th>
                  <td>{party.name || <span class="muted">Unknown</span>}</td>
                  <td>{party.contact || <span class="muted">—</span>}</td>
                  <td>{party.person ?? <span class="muted">—</span>}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
