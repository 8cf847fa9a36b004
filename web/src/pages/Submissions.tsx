import { getReportFormFacts, listSubmissions } from '../api';
import { Page } from '../components/Page';
import { sentence } from '../components/problems';
import { useLoad } from '../components/useLoad';
import { formatDateTime } from '../format';
import { isLocalRepresentative, useMe } from '../session';
import { SubmissionForm } from './submissions/SubmissionForm';

const KIND_LABELS: Record<string, string> = {
  report: 'Report',
  summary: 'After-event summary',
  escalation: 'Escalation',
};

/**
 * A local representative's page: send the group a report, an after-event summary or an
 * escalation, and see what was sent and where it stands. No case is shown here.
 */
export function SubmissionsPage() {
  const me = useMe();
  const allowed = isLocalRepresentative(me);
  const [sent, reload] = useLoad(allowed ? 'submissions' : 'none', () =>
    allowed ? listSubmissions() : Promise.resolve([]),
  );
  const [facts] = useLoad(`form-${me.community.slug}`, () => getReportFormFacts(me.community.slug));

  if (!allowed) {
    return (
      <Page title="Submissions" eyebrow={me.community.name}>
        <p>This page is for local representatives: event teams, moderators and program contacts.</p>
      </Page>
    );
  }
  return (
    <Page title="Submissions" eyebrow={me.community.name} busy={sent.state === 'loading'}>
      <SubmissionForm facts={facts.state === 'ready' ? facts.data : null} onSent={reload} />
      <section class="card" aria-labelledby="sent-heading">
        <h2 id="sent-heading">What you sent</h2>
        {sent.state === 'loading' && <p>Loading…</p>}
        {sent.state === 'failed' && (
          <p role="alert" class="problem">
            What you sent could not be loaded: {sentence(sent.message)}
          </p>
        )}
        {sent.state === 'ready' && sent.data.length === 0 && <p>Nothing sent yet.</p>}
        {sent.state === 'ready' && sent.data.length > 0 && (
          <table data-testid="sent-submissions">
            <thead>
              <tr>
                <th scope="col">Sent</th>
                <th scope="col">Kind</th>
                <th scope="col">Where it stands</th>
              </tr>
            </thead>
            <tbody>
              {sent.data.map((each, index) => (
                <tr key={`${each.submitted_at}-${index}`}>
                  <td>{formatDateTime(each.submitted_at)}</td>
                  <td>{KIND_LABELS[each.kind] ?? each.kind}</td>
                  <td>{each.status_text}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
    </Page>
  );
}
