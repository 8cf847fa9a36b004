import { useState } from 'preact/hooks';
import { listDrafts, sendDraft, withdrawDraft, writeDraft, type Draft, type DraftRecipient } from '../../api';
import { Field } from '../../components/Field';
import { FormAlert } from '../../components/FormAlert';
import { sentence } from '../../components/problems';
import { useLoad } from '../../components/useLoad';
import { useRowAction } from '../../components/useRowAction';
import { useSubmit } from '../../components/useSubmit';

const RECIPIENTS: Record<DraftRecipient, string> = {
  reporter: 'The reporter',
  'reported-person': 'A reported person',
  moderators: 'Moderators',
  'event-organisers': 'Event organisers',
  other: 'Someone else',
};

const LABELS = {
  recipient: 'To whom',
  to: 'Addresses',
  subject: 'Subject',
  text: 'Text',
  behaviour: 'The behaviour, in neutral words',
  impact: 'Its impact',
  changes_expected: 'The changes expected',
  consequences: 'The consequences',
};

/**
 * Drafts of messages to people outside the group, with what their checks found. A draft
 * that holds an identifier of a protected party is held; one the policy says needs
 * review is sent by a second member ("Send" is their approval).
 */
export function DraftsSection({ urlName, onSent }: { urlName: string; onSent: () => Promise<void> }) {
  const [drafts, reload] = useLoad(`drafts:${urlName}`, () => listDrafts(urlName));
  const { busy, message, failed, run } = useRowAction();
  if (drafts.state === 'loading') return <p>Loading the drafts…</p>;
  if (drafts.state === 'failed')
    return (
      <p role="alert" class="problem">
        The drafts could not be loaded: {sentence(drafts.message)}
      </p>
    );

  function send(draft: Draft) {
    return run(String(draft.number), `Draft ${draft.number}`, async () => {
      await sendDraft(urlName, draft.number);
      await Promise.all([reload(), onSent()]);
      return `Draft ${draft.number} is sent.`;
    });
  }
  function withdraw(draft: Draft) {
    return run(String(draft.number), `Draft ${draft.number}`, async () => {
      await withdrawDraft(urlName, draft.number);
      await reload();
      return `Draft ${draft.number} is withdrawn.`;
    });
  }

  return (
    <section aria-labelledby="drafts-heading">
      <h2 id="drafts-heading">Drafts to people outside the group</h2>
      {drafts.data.length === 0 ? (
        <p>No drafts yet.</p>
      ) : (
        <ol class="thread" data-testid="drafts">
          {drafts.data.map((draft) => (
            <li key={draft.number} data-testid={`draft-${draft.number}`} data-status={draft.status}>
              <p>
                <strong>
                  Draft {draft.number}: {draft.subject}
                </strong>{' '}
                to {RECIPIENTS[draft.recipient]} ({draft.to.join(', ')}) · {draft.status}
                {draft.held && draft.status === 'waiting' && <strong> · held</strong>}
                {!draft.held && draft.needs_review && draft.status === 'waiting' && ' · needs a second member'}
              </p>
              {draft.findings.length > 0 && (
                <ul class="findings" aria-label={`What the checks found in draft ${draft.number}`}>
                  {draft.findings.map((finding, index) => (
                    <li key={index}>
                      {finding.detail} {finding.suggestion}
                    </li>
                  ))}
                </ul>
              )}
              {draft.status === 'waiting' && (
                <p>
                  <button
                    type="button"
                    class="button button-small"
                    disabled={busy !== null || draft.held}
                    onClick={() => send(draft)}
                  >
                    Send draft {draft.number}
                  </button>{' '}
                  <button
                    type="button"
                    class="button button-small"
                    disabled={busy !== null}
                    onClick={() => withdraw(draft)}
                  >
                    Withdraw draft {draft.number}
                  </button>
                </p>
              )}
            </li>
          ))}
        </ol>
      )}
      <p role="status" class={failed ? 'problem' : 'done'} data-testid="drafts-status">
        {message}
      </p>
      <DraftForm urlName={urlName} onWritten={reload} />
    </section>
  );
}

function DraftForm({ urlName, onWritten }: { urlName: string; onWritten: () => Promise<void> }) {
  const [recipient, setRecipient] = useState<DraftRecipient>('reported-person');
  const [to, setTo] = useState('');
  const [subject, setSubject] = useState('');
  const [text, setText] = useState('');
  const [parts, setParts] = useState({ behaviour: '', impact: '', changes_expected: '', consequences: '' });
  const { busy, problem, done, form, submit } = useSubmit();
  const letter = recipient === 'reported-person';

  function onSubmit(event: Event) {
    return submit(event, async () => {
      const written = await writeDraft(urlName, {
        recipient,
        to: to.split(/[\s,;]+/).filter(Boolean),
        recipients_see_each_other: false,
        subject,
        text,
        ...(letter ? parts : {}),
      });
      await onWritten();
      setTo('');
      setSubject('');
      setText('');
      setParts({ behaviour: '', impact: '', changes_expected: '', consequences: '' });
      return written.held
        ? `Draft ${written.number} is saved but held: the checks found an identifier.`
        : `Draft ${written.number} is saved.`;
    });
  }

  return (
    <form ref={form} class="card form" onSubmit={onSubmit} noValidate aria-label="Write a draft">
      <FormAlert problem={problem} labels={LABELS} />
      <div class="field">
        <label for="draft-recipient">{LABELS.recipient}</label>
        <select
          id="draft-recipient"
          value={recipient}
          onChange={(event) => setRecipient((event.target as HTMLSelectElement).value as DraftRecipient)}
        >
          {(Object.keys(RECIPIENTS) as DraftRecipient[]).map((kind) => (
            <option key={kind} value={kind}>
              {RECIPIENTS[kind]}
            </option>
          ))}
        </select>
      </div>
      <Field
        id="draft-to"
        label={LABELS.to}
        hint="One or more email addresses. Each gets the message alone."
        value={to}
        onValue={setTo}
        error={problem?.fields.to}
        required
      />
      <Field
        id="draft-subject"
        label={LABELS.subject}
        value={subject}
        onValue={setSubject}
        error={problem?.fields.subject}
        required
      />
      <Field
        id="draft-text"
        label={letter ? 'Opening' : LABELS.text}
        hint="Name nobody who reported or witnessed anything; give no exact times."
        multiline
        rows={3}
        value={text}
        onValue={setText}
        error={problem?.fields.text}
      />
      {letter &&
        (['behaviour', 'impact', 'changes_expected', 'consequences'] as const).map((part) => (
          <Field
            key={part}
            id={`draft-${part}`}
            label={LABELS[part]}
            multiline
            rows={3}
            value={parts[part]}
            onValue={(value) => setParts({ ...parts, [part]: value })}
            error={problem?.fields[part]}
          />
        ))}
      <div class="actions">
        <button type="submit" class="button" disabled={busy}>
          {busy ? 'Saving…' : 'Save the draft'}
        </button>
        <p role="status" class="done" data-testid="draft-form-status">
          {done}
        </p>
      </div>
    </form>
  );
}
