import { useState } from 'preact/hooks';
import { getReporterThread, writeToReporter, type ReporterThread } from '../../api';
import { Field } from '../../components/Field';
import { FormAlert } from '../../components/FormAlert';
import { sentence } from '../../components/problems';
import { useLoad } from '../../components/useLoad';
import { useSubmit } from '../../components/useSubmit';
import { formatDateTime } from '../../format';

const LABELS = { text: 'Message to the reporter' };

/**
 * The messages with the person who reported (reports from the public form only): what
 * the group wrote, which the reporter reads on the portal (and by email when they asked),
 * and what they answered there.
 */
export function ReporterThreadSection({
  urlName,
  names,
  onWritten,
}: {
  urlName: string;
  names: Map<number, string>;
  onWritten: () => Promise<void>;
}) {
  const [thread, reload] = useLoad(`thread:${urlName}`, () => getReporterThread(urlName));
  if (thread.state === 'loading') return <p>Loading the messages with the reporter…</p>;
  if (thread.state === 'failed')
    return (
      <p role="alert" class="problem">
        The messages with the reporter could not be loaded: {sentence(thread.message)}
      </p>
    );
  if (!thread.data.exists) return null;
  return (
    <section aria-labelledby="thread-heading">
      <h2 id="thread-heading">Messages with the reporter</h2>
      <Messages thread={thread.data} names={names} />
      <ReplyForm
        urlName={urlName}
        byEmail={thread.data.answer_by_email}
        onSent={async () => {
          await Promise.all([reload(), onWritten()]);
        }}
      />
    </section>
  );
}

function Messages({ thread, names }: { thread: ReporterThread; names: Map<number, string> }) {
  if (thread.messages.length === 0) return <p data-testid="no-thread-messages">No messages yet.</p>;
  return (
    <ol class="thread" data-testid="thread-messages">
      {thread.messages.map((message) => (
        <li key={message.number} class={message.direction === 'to-reporter' ? 'from-group' : 'from-reporter'}>
          <p class="muted">
            {message.direction === 'to-reporter'
              ? `To the reporter, from ${message.author_id !== null ? (names.get(message.author_id) ?? `member ${message.author_id}`) : 'the group'}`
              : 'From the reporter'}
            {' · '}
            <time dateTime={message.created_at}>{formatDateTime(message.created_at)}</time>
          </p>
          <p class="thread-text">{message.text}</p>
        </li>
      ))}
    </ol>
  );
}

function ReplyForm({ urlName, byEmail, onSent }: { urlName: string; byEmail: boolean; onSent: () => Promise<void> }) {
  const [text, setText] = useState('');
  const { busy, problem, done, form, submit } = useSubmit();

  function onSubmit(event: Event) {
    return submit(
      event,
      async () => {
        await writeToReporter(urlName, text);
        await onSent();
        setText('');
        return 'Message sent to the reporter.';
      },
      () => (text.trim() ? null : { message: 'Write the message first.', fields: { text: 'is required' } }),
    );
  }

  return (
    <form ref={form} class="card form" onSubmit={onSubmit} noValidate aria-label="Write to the reporter">
      <FormAlert problem={problem} labels={LABELS} />
      <Field
        id="thread-text"
        label={LABELS.text}
        hint={
          byEmail
            ? 'The reporter reads it on the portal, and by email as they asked. Write nothing that names another person involved.'
            : 'The reporter reads it on the portal. Write nothing that names another person involved.'
        }
        multiline
        rows={5}
        value={text}
        onValue={setText}
        error={problem?.fields.text}
        required
      />
      <div class="actions">
        <button type="submit" class="button" disabled={busy}>
          {busy ? 'Sending…' : 'Send to the reporter'}
        </button>
        <p role="status" class="done" data-testid="thread-status">
          {done}
        </p>
      </div>
    </form>
  );
}
