import { grantAccess, type GrantQueue, type PendingGrant } from '../../api';
import { useRowAction } from '../../components/useRowAction';
import { count, formatDate } from '../../format';

interface GrantsProps {
  queue: GrantQueue;
  /** Loads the queue again after a grant. */
  onGranted: () => Promise<void>;
}

const WHY: Record<PendingGrant['kind'], string> = {
  screening: 'joined after the case was opened and declared no conflict',
  adviser: 'an adviser a chair invited to the case',
  oversight: 'a board member whose oversight a chair approved',
  member: 'may read the case; their keys were certified after it was sealed',
};

/**
 * The queue of pending grants on cases the member holds. Granting wraps the case's key
 * for the waiting member in this session: the server never grants on its own.
 */
export function GrantsSection({ queue, onGranted }: GrantsProps) {
  const grants = queue.requests;
  const { busy, message, failed, run } = useRowAction();

  function grant(item: PendingGrant) {
    const label = `${item.member.name}, “${item.case.code_name}”`;
    return run(`${item.case.url_name} ${item.member.email}`, label, async () => {
      await grantAccess(item.case.url_name, item.member.email);
      await onGranted();
      return `${item.member.name} can now read “${item.case.code_name}”.`;
    });
  }

  return (
    <section class="card card-notice" aria-labelledby="grants-heading" data-testid="grants">
      <h2 id="grants-heading">
        Waiting for access: {count(grants.length, 'grant', 'grants')}
        {queue.more && ' and more'}
      </h2>
      <p>
        These members may read a case you hold but have no key to it yet. Granting seals the case’s key for them from
        your session.
        {queue.more && ' Those who waited longest come first; the others move up as you grant these.'}
      </p>
      <p role="status" class={failed ? 'problem' : 'done'} data-testid="grants-status">
        {message}
      </p>
      {grants.length > 0 && (
        <ul class="screening-list">
          {grants.map((item) => (
            <li key={`${item.case.url_name} ${item.member.email}`} data-case={item.case.url_name}>
              <span>
                <strong>{item.member.name}</strong> on <span class="code-name">{item.case.code_name}</span>{' '}
                <span class="muted">
                  ({WHY[item.kind]}; waiting since{' '}
                  <time dateTime={item.waiting_since}>{formatDate(item.waiting_since)}</time>)
                </span>
              </span>
              <span class="screening-actions">
                <button type="button" class="button button-quiet" disabled={busy !== null} onClick={() => grant(item)}>
                  Grant
                  <span class="visually-hidden">
                    {' '}
                    {item.member.name} access to {item.case.code_name}
                  </span>
                </button>
              </span>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
