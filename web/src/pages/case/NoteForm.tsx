import { useState } from 'preact/hooks';
import { addNote } from '../../api';
import { Field } from '../../components/Field';
import { FormAlert } from '../../components/FormAlert';
import { useSubmit } from '../../components/useSubmit';

const LABELS = { text: 'Note' };

/** Adds a note to the timeline; the case is then loaded again to show it in place. */
export function NoteForm({ urlName, onAdded }: { urlName: string; onAdded: () => Promise<void> }) {
  const [text, setText] = useState('');
  const { busy, problem, done, form, submit } = useSubmit();

  function onSubmit(event: Event) {
    return submit(
      event,
      async () => {
        await addNote(urlName, text);
        await onAdded();
        setText('');
        return 'Note added to the timeline.';
      },
      () => (text.trim() ? null : { message: 'Write the note first.', fields: { text: 'is required' } }),
    );
  }

  return (
    <form ref={form} class="card form" onSubmit={onSubmit} noValidate aria-labelledby="note-heading">
      <h2 id="note-heading">Add a note</h2>
      <FormAlert problem={problem} labels={LABELS} />
      <Field
        id="note-text"
        label={LABELS.text}
        hint="Seen by everyone who can see this case. The timeline keeps every entry: to fix a mistake, add a correction later."
        multiline
        rows={5}
        value={text}
        onValue={setText}
        error={problem?.fields.text}
        required
      />
      <div class="actions">
        <button type="submit" class="button" disabled={busy}>
          {busy ? 'Adding…' : 'Add note'}
        </button>
        <p role="status" class="done" data-testid="note-status">
          {done}
        </p>
      </div>
    </form>
  );
}
