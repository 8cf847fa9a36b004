import { useState } from 'preact/hooks';
import { declareConflict } from '../../api';
import { Field } from '../../components/Field';
import { FormAlert } from '../../components/FormAlert';
import { useSubmit } from '../../components/useSubmit';
import { useNavigate } from '../../navigation';

const LABELS = { note: 'Note (optional)', confirm: 'Confirmation' };

/** Recusal from a case: takes effect at once, so it asks for an explicit confirmation. */
export function ConflictForm({ urlName, codeName }: { urlName: string; codeName: string }) {
  const [note, setNote] = useState('');
  const [confirmed, setConfirmed] = useState(false);
  const { busy, problem, form, submit } = useSubmit();
  const navigate = useNavigate();

  function onSubmit(event: Event) {
    return submit(
      event,
      async () => {
        await declareConflict(urlName, note);
        navigate('/cases', {
          flash: `You declared a conflict of interest on “${codeName}”. The case is no longer shown to you.`,
        });
        return '';
      },
      () =>
        confirmed
          ? null
          : {
              message: 'Confirm that you understand what declaring a conflict does.',
              fields: { confirm: 'Tick the box to confirm.' },
            },
    );
  }

  const confirmError = problem?.fields.confirm;
  return (
    <form ref={form} class="card form form-danger" onSubmit={onSubmit} noValidate aria-labelledby="conflict-heading">
      <h2 id="conflict-heading">Declare a conflict of interest</h2>
      <p>
        If you are close to anyone involved, or the case concerns you, step back from it. The note is sealed and shown
        to no one.
      </p>
      <FormAlert problem={problem} labels={LABELS} />
      <Field
        id="conflict-note"
        label={LABELS.note}
        multiline
        rows={3}
        value={note}
        onValue={setNote}
        error={problem?.fields.note}
      />
      <div class={`field field-check${confirmError ? ' field-invalid' : ''}`}>
        {confirmError && (
          <p id="conflict-confirm-error" class="field-error">
            {confirmError}
          </p>
        )}
        <input
          id="conflict-confirm"
          type="checkbox"
          checked={confirmed}
          onChange={(event) => setConfirmed(event.currentTarget.checked)}
          aria-invalid={confirmError ? 'true' : undefined}
          aria-describedby={confirmError ? 'conflict-confirm-error' : undefined}
        />
        <label for="conflict-confirm">You will lose access to this case at once. I understand.</label>
      </div>
      <div class="actions">
        <button type="submit" class="button button-danger" disabled={busy}>
          {busy ? 'Declaring…' : 'Declare a conflict'}
        </button>
      </div>
    </form>
  );
}
