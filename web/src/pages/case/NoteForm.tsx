import { useRef, useState } from 'preact/hooks';
import { addNote } from '../../api';
import { Field, focusFirstInvalid } from '../../components/Field';
import { FormAlert } from '../../components/FormAlert';
import { problemFrom, type FormProblem } from '../../components/problems';
import { useSession } from '../../session';

const LABELS = { text: 'Note' };

/** Adds a note to the timeline; the case is then loaded again to show it in place. */
export function NoteForm({ urlName, onAdded }: { urlName: string; onAdded: () => Promise<void> }) {
  const session = useSession();
  const [text, setText] = useState('');
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<FormProblem | null>(null);
  const [done, setDone] = useState('');
  const form = useRef<HTMLFormElement>(null);

  async function onSubmit(event: Event) {
    event.preventDefault();
    setDone('');
    if (!text.trim()) {
      setProblem({ message: 'Write the note first.', fields: { text: 'is required' } });
      requestAnimationFrame(() => focusFirstInvalid(form.current));
      return;
    }
    setBusy(true);
    setProblem(null);
    try {
      await addNote(urlName, text);
      await onAdded();
      setText('');
      setDone('Note added to the timeline.');
    } catch (error) {
      session.noticeError(error);
      const found = problemFrom(error);
      setProblem(found);
      if (Object.keys(found.fields).length > 0) requestAnimationFrame(() => focusFirstInvalid(form.current));
    } finally {
      setBusy(false);
    }
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
