import { useState } from 'preact/hooks';
import { transitionCase, type CaseRecord, type TransitionRequest } from '../../api';
import { Field } from '../../components/Field';
import { FormAlert } from '../../components/FormAlert';
import { fieldProblems } from '../../components/problems';
import { useSubmit } from '../../components/useSubmit';
import { stateLabel } from '../../format';
import { Select, SubmitRow } from '../../components/Select';

const LABELS = {
  to: 'Move the case to',
  reason: 'Why',
  resolution_source: 'Resolved by',
  outcome: 'Outcome',
};

/**
 * Moves the case to one of the states the lifecycle allows from where it stands (the
 * server's `next_states`), with the reason the timeline keeps; resolving also names who
 * resolved it and how. A decision's own moves (a vote that passes, enacting a proposal)
 * happen in the Decision section instead.
 */
export function TransitionForm({ item, onMoved }: { item: CaseRecord; onMoved: () => Promise<void> }) {
  const [to, setTo] = useState<string>('');
  const [reason, setReason] = useState('');
  const [source, setSource] = useState('group');
  const [outcome, setOutcome] = useState('action-taken');
  const { busy, problem, done, form, submit } = useSubmit();
  if (item.next_states.length === 0) return null;

  function onSubmit(event: Event) {
    return submit(
      event,
      async () => {
        const move: TransitionRequest = { to: to as TransitionRequest['to'], reason };
        if (to === 'resolved') {
          move.resolution_source = source as TransitionRequest['resolution_source'];
          move.outcome = outcome as TransitionRequest['outcome'];
        }
        await transitionCase(item.url_name, move);
        await onMoved();
        setTo('');
        setReason('');
        return 'The case moved.';
      },
      () =>
        fieldProblems({
          ...(to ? {} : { to: 'is required: choose the next state' }),
          ...(reason.trim() ? {} : { reason: 'is required: say why the case moves' }),
        }),
    );
  }

  return (
    <form
      ref={form}
      class="card form"
      onSubmit={onSubmit}
      noValidate
      aria-labelledby="transition-heading"
      data-testid="transition-form"
    >
      <h2 id="transition-heading">Move the case</h2>
      <FormAlert problem={problem} labels={LABELS} />
      <Select
        id="transition-to"
        label={LABELS.to}
        value={to}
        onValue={setTo}
        error={problem?.fields.to}
        options={[
          { value: '', label: 'Choose…' },
          ...item.next_states.map((state) => ({ value: state, label: stateLabel(state) })),
        ]}
      />
      {to === 'resolved' && (
        <>
          <Select
            id="transition-source"
            label={LABELS.resolution_source}
            value={source}
            onValue={setSource}
            options={[
              { value: 'group', label: 'The working group' },
              { value: 'board', label: 'The board' },
              { value: 'local', label: 'Local moderators or organisers' },
            ]}
          />
          <Select
            id="transition-outcome"
            label={LABELS.outcome}
            value={outcome}
            onValue={setOutcome}
            options={[
              { value: 'action-taken', label: 'Action taken' },
              { value: 'no-action', label: 'No action' },
              { value: 'not-a-violation', label: 'Not a violation' },
              { value: 'out-of-scope', label: 'Out of scope' },
            ]}
          />
        </>
      )}
      <Field
        id="transition-reason"
        label={LABELS.reason}
        hint="Kept on the timeline."
        multiline
        rows={3}
        value={reason}
        onValue={setReason}
        error={problem?.fields.reason}
        required
      />
      <SubmitRow busy={busy} label="Move the case" busyLabel="Moving…" done={done} />
    </form>
  );
}
