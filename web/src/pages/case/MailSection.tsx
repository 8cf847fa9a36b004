import { listCaseMail, type MailState } from '../../api';
import { sentence } from '../../components/problems';
import { useLoad } from '../../components/useLoad';
import { formatDateTime } from '../../format';

const KINDS: Record<string, string> = {
  acknowledgement: 'Acknowledgement to the reporter',
  'to-reporter': 'Message to the reporter',
  'new-report': 'Notice of the report to a member',
  draft: 'Message from a draft',
};

/**
 * The mail the server sent about the case, and how each fared: a message that is still
 * retrying or has failed for good shows here, so a silent failure cannot go unnoticed.
 * Nothing shows for a case without mail.
 */
export function MailSection({ urlName, version }: { urlName: string; version: number }) {
  const [mail] = useLoad(`mail:${urlName}:${version}`, () => listCaseMail(urlName));
  if (mail.state === 'loading') return null;
  if (mail.state === 'failed')
    return (
      <p role="alert" class="problem">
        The mail about this case could not be loaded: {sentence(mail.message)}
      </p>
    );
  if (mail.data.length === 0) return null;
  return (
    <section aria-labelledby="mail-heading">
      <h2 id="mail-heading">Mail about this case</h2>
      <div class="table-scroll">
        <table class="data-table" data-testid="case-mail">
          <thead>
            <tr>
              <th scope="col">Message</th>
              <th scope="col">State</th>
              <th scope="col">Queued</th>
            </tr>
          </thead>
          <tbody>
            {mail.data.map((message, index) => (
              <tr key={index} data-status={message.status}>
                <th scope="row">{KINDS[message.kind] ?? message.kind}</th>
                <td>
                  <MailStatus message={message} />
                </td>
                <td>
                  <time dateTime={message.queued_at}>{formatDateTime(message.queued_at)}</time>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}

function MailStatus({ message }: { message: MailState }) {
  switch (message.status) {
    case 'sent':
      return <span>Sent {message.sent_at && formatDateTime(message.sent_at)}</span>;
    case 'queued':
      return <span>Waiting to be sent</span>;
    case 'retrying':
      return (
        <span class="problem">
          Not sent yet ({message.attempts} attempts: {message.last_error}); next try{' '}
          {message.next_attempt_at && formatDateTime(message.next_attempt_at)}
        </span>
      );
    case 'failed':
      return (
        <strong class="problem">
          Failed after {message.attempts} attempts: {message.last_error}
        </strong>
      );
  }
}
