import { useEffect, useRef, useState } from 'preact/hooks';
import { proposeMatter, type MatterKind, type NewMatter } from '../../api';
import { Field } from '../../components/Field';
import { FormAlert } from '../../components/FormAlert';
import { fieldProblems, markedBelow } from '../../components/problems';
import { Select } from '../../components/Select';
import { useSubmit } from '../../components/useSubmit';
import { useNavigate } from '../../navigation';
import { KINDS } from './words';

const LABELS = {
  kind: 'Kind of matter',
  text: 'What the group is asked to agree to',
  vote_days: 'Days the vote stays open',
};

/**
 * A matter of the group's own put to the vote: its kind, its text (sealed for the group's
 * voting members of today, who vote on it) and, if need be, how long the vote lasts. The
 * member lands on the matter.
 */
export function ProposeMatterForm({ onCancel }: { onCancel: () => void }) {
  const [kind, setKind] = useState<MatterKind>('admit-member');
  const [text, setText] = useState('');
  const [days, setDays] = useState('');
  const { busy, problem, done, form, submit } = useSubmit();
  const navigate = useNavigate();
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => heading.current?.focus(), []);

  function check() {
    const fields: Record<string, string> = {};
    if (!text.trim()) fields.text = 'is required: what the group is asked to agree to';
    if (days.trim() && !/^\d+$/.test(days.trim())) fields.vote_days = 'must be a number of days from 1 to 30';
    return fieldProblems(fields);
  }

  function onSubmit(event: Event) {
    return submit(
      event,
      async () => {
        const body: NewMatter = { kind, text };
        if (days.trim()) body.vote_days = Number(days.trim());
        const matter = await proposeMatter(body);
        navigate(`/matters/${matter.number}`, { flash: `Matter ${matter.number} is put to the vote.` });
        return `Matter ${matter.number} is put to the vote.`;
      },
      check,
      // The server's message names every field again; each problem shows by its field.
      markedBelow('The matter was not put to the vote'),
    );
  }

  return (
    <form
      ref={form}
      class="card form"
      onSubmit={onSubmit}
      noValidate
      aria-labelledby="propose-matter-heading"
      data-testid="propose-matter"
    >
      <h2 id="propose-matter-heading" ref={heading} tabIndex={-1}>
        Put a matter to the vote
      </h2>
      <FormAlert problem={problem} labels={LABELS} />
      <Select
        id="matter-kind"
        label={LABELS.kind}
        value={kind}
        onValue={(value) => setKind(value as MatterKind)}
        options={KINDS}
        error={problem?.fields.kind}
      />
      <Field
        id="matter-text"
        label={LABELS.text}
        hint="Sealed for the group's voting members of today: they are the ones who vote on it."
        multiline
        rows={5}
        value={text}
        onValue={setText}
        error={problem?.fields.text}
        required
      />
      <Field
        id="matter-vote-days"
        label={LABELS.vote_days}
        hint="From 1 to 30. Left empty, the vote lasts as long as the policy says."
        inputMode="numeric"
        pattern="[0-9]*"
        class="field-short"
        value={days}
        onValue={setDays}
        error={problem?.fields.vote_days}
      />
      <div class="actions">
        <button type="submit" class="button" disabled={busy}>
          {busy ? 'Putting it to the vote…' : 'Put it to the vote'}
        </button>
        <button type="button" class="button button-quiet" onClick={onCancel}>
          Cancel
        </button>
        <p role="status" class="done">
          {done}
        </p>
      </div>
    </form>
  );
}
