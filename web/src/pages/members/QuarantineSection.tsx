import { useState } from 'preact/hooks';
import {
  discardQuarantined,
  fileQuarantined,
  listQuarantine,
  readQuarantined,
  type QuarantinedMail,
  type QuarantinedMessage,
} from '../../api';
import { useLoad } from '../../components/useLoad';
import { useRowAction } from '../../components/useRowAction';
import { formatDateTime } from '../../format';

/**
 * Chairs review the mail quarantine: messages no rule could place (no sender, a code
 * name without the case's tag, an automatic message, a file over the limit). Reading one
 * opens it with the chair's key (and is audited); filing it puts it into a case, or a
 * new one; discarding destroys it. Nothing is shown when the quarantine is empty.
 */
export function QuarantineSection() {
  const [waiting, reload] = useLoad('mail-quarantine', listQuarantine);
  const [open, setOpen] = useState<QuarantinedMessage | null>(null);
  const [caseName, setCaseName] = useState('');
  const { busy, message, failed, run } = useRowAction();
  if (waiting.state !== 'ready' || (waiting.data.length === 0 && !message)) return null;

  function read(item: QuarantinedMail) {
    return run(String(item.id), `Message ${item.id}`, async () => {
      setOpen(await readQuarantined(item.id));
      setCaseName('');
      return '';
    });
  }
  function file(item: QuarantinedMessage) {
    return run(String(item.id), `Message ${item.id}`, async () => {
      const filed = await fileQuarantined(item.id, caseName.trim());
      setOpen(null);
      await reload();
      return `Message ${item.id} is filed into case ${filed.case}.`;
    });
  }
  function discard(item: QuarantinedMail) {
    return run(String(item.id), `Message ${item.id}`, async () => {
      await discardQuarantined(item.id);
      setOpen(null);
      await reload();
      return `Message ${item.id} is discarded.`;
    });
  }

  return (
    <section aria-labelledby="quarantine-heading" class="card card-notice" data-testid="quarantine">
      <h2 id="quarantine-heading">Mail in quarantine</h2>
      <p>
        These messages reached the group's address but no rule could place them. File each into a case, or discard it.
      </p>
      <ul>
        {waiting.data.map((item) => (
          <li key={item.id} data-testid={`quarantined-${item.id}`}>
            #{item.id}, received {formatDateTime(item.received_at)}: {item.reason_text}{' '}
            <button type="button" class="button button-small" disabled={busy !== null} onClick={() => read(item)}>
              Read message {item.id}
            </button>{' '}
            <button type="button" class="button button-small" disabled={busy !== null} onClick={() => discard(item)}>
              Discard message {item.id}
            </button>
          </li>
        ))}
      </ul>
      {open && (
        <div class="quarantined" data-testid="quarantined-message">
          <h3>Message {open.id}</h3>
          <p>
            From: {open.from || '(no sender)'}
            <br />
            Subject: {open.subject || '(no subject)'}
            {open.files.length > 0 && (
              <>
                <br />
                Files: {open.files.join(', ')}
              </>
            )}
          </p>
          <pre class="thread-text">{open.text}</pre>
          <div class="field">
            <label for="quarantine-case">File into case</label>
            <p id="quarantine-case-hint" class="hint">
              A case code name such as home-shelf; leave it empty to open a new case with this message.
            </p>
            <input
              id="quarantine-case"
              value={caseName}
              aria-describedby="quarantine-case-hint"
              onInput={(event) => setCaseName((event.target as HTMLInputElement).value)}
            />
          </div>
          <button type="button" class="button" disabled={busy !== null} onClick={() => file(open)}>
            File message {open.id}
          </button>
        </div>
      )}
      <p role="status" class={failed ? 'problem' : 'done'} data-testid="quarantine-status">
        {message}
      </p>
    </section>
  );
}
