import { listMailNeedingAttention, type MailState } from '../../api';
import { useLoad } from '../../components/useLoad';
import { count, formatDateTime } from '../../format';

const MAIL_KINDS: Record<string, string> = {
  acknowledgement: 'An acknowledgement to a reporter',
  'to-reporter': 'A message to a reporter',
  'new-report': 'A notice of a new report',
  quarantine: 'A notice of mail in quarantine',
  'audit-head': "The audit log's head, to a chair",
  draft: 'A message from a draft',
};

/**
 * Chairs see the mail the server could not deliver yet, or gave up on, so that a silent
 * failure (a full outbox disk, a mail server that refuses) cannot go unnoticed. Nothing
 * is shown when all mail went out.
 */
export function MailNeedingAttention() {
  const [mail] = useLoad('mail-attention', listMailNeedingAttention);
  if (mail.state !== 'ready' || mail.data.length === 0) return null;
  return (
    <section aria-labelledby="mail-attention-heading" class="card card-notice" data-testid="mail-attention">
      <h2 id="mail-attention-heading">Mail not delivered</h2>
      <p>The server could not hand these messages to the mail system. It keeps trying those still queued.</p>
      <ul>
        {mail.data.map((message: MailState, index) => (
          <li key={index} data-status={message.status}>
            {MAIL_KINDS[message.kind] ?? message.kind}, queued {formatDateTime(message.queued_at)}:{' '}
            {message.status === 'failed' ? 'failed' : 'retrying'} after {count(message.attempts, 'attempt', 'attempts')}{' '}
            ({message.last_error})
          </li>
        ))}
      </ul>
    </section>
  );
}
