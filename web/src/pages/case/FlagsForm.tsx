import { useState } from 'preact/hooks';
import { changeFlags, type CaseRecord, type FlagsChange } from '../../api';
import { Field } from '../../components/Field';
import { FormAlert } from '../../components/FormAlert';
import { fieldProblems } from '../../components/problems';
import { SubmitRow } from '../../components/Select';
import { useSubmit } from '../../components/useSubmit';

const LABELS = {
  ongoing: 'It is still going on',
  physical_danger: 'Someone may be in physical danger',
  reason: 'Why the flags change',
};

/**
 * The case's flags, changed with a reason the timeline keeps: a situation that stopped
 * is no longer "ongoing", and a danger that appears (or passes) is recorded as such.
 * Only the flags that change are sent.
 */
export function FlagsForm({ item, onChanged }: { item: CaseRecord; onChanged: () => Promise<void> }) {
  const [ongoing, setOngoing] = useState(item.ongoing);
  const [danger, setDanger] = useState(item.physical_danger);
  const [reason, setReason] = useState('');
  const { busy, problem, done, form, submit } = useSubmit();
  const changes = ongoing !== item.ongoing || danger !== item.physical_danger;

  function onSubmit(event: Event) {
    return submit(
      event,
      async () => {
        const change: FlagsChange = { reason };
        if (ongoing !== item.ongoing) change.ongoing = ongoing;
        if (danger !== item.physical_danger) change.physical_danger = danger;
        await changeFlags(item.url_name, change);
        await onChanged();
        setReason('');
        return 'The flags changed.';
      },
      () =>
        fieldProblems({
          ...(changes ? {} : { ongoing: 'is as the case has it: change a flag first' }),
          ...(reason.trim() ? {} : { reason: 'is required: say why the flags change' }),
        }),
    );
  }

  return (
    <form
      ref={form}
      class="card form"
      onSubmit={onSubmit}
      noValidate
      aria-labelledby="flags-heading"
      data-testid="flags-form"
    >
      <h2 id="flags-heading">Change the flags</h2>
      <FormAlert problem={problem} labels={LABELS} />
      <div class="field field-check">
        <input
          id="flags-ongoing"
          type="checkbox"
          checked={ongoing}
          onChange={(event) => setOngoing(event.currentTarget.checked)}
        />
        <label for="flags-ongoing">{LABELS.ongoing}</label>
      </div>
      <div class="field field-check">
        <input
          id="flags-danger"
          type="checkbox"
          checked={danger}
          onChange={(event) => setDanger(event.currentTarget.checked)}
        />
        <label for="flags-danger">{LABELS.physical_danger}</label>
      </div>
      <Field
        id="flags-reason"
        label={LABELS.reason}
        hint="Kept on the timeline."
        multiline
        rows={2}
        value={reason}
        onValue={setReason}
        error={problem?.fields.reason}
        required
      />
      <SubmitRow busy={busy} label="Change the flags" busyLabel="Changing…" done={done} />
    </form>
  );
}
