import { useRef, useState } from 'preact/hooks';
import { uploadEvidence } from '../../api';
import { Field } from '../../components/Field';
import { FormAlert } from '../../components/FormAlert';
import { fieldProblems, fieldSentence } from '../../components/problems';
import { useSubmit } from '../../components/useSubmit';
import { formatSize } from '../../format';

// The server names a problem with the content "file" and one with the name "name": both
// belong to the file input.
const LABELS = { file: 'File', name: 'File name', description: 'Description (optional)' };

/** Attaches a file: its bytes go as the request body, its name and description in headers. */
export function EvidenceForm({
  urlName,
  maxBytes,
  onAttached,
}: {
  urlName: string;
  maxBytes: number;
  onAttached: () => Promise<void>;
}) {
  const [file, setFile] = useState<File | null>(null);
  const [description, setDescription] = useState('');
  const { busy, problem, done, form, submit } = useSubmit();
  const input = useRef<HTMLInputElement>(null);

  function ownProblems(): Record<string, string> {
    if (!file) return { file: 'is required: choose a file to attach' };
    if (file.size === 0) return { file: 'is empty: choose a file with content' };
    if (file.size > maxBytes) return { file: `is larger than this community's limit of ${formatSize(maxBytes)}` };
    return {};
  }

  function onSubmit(event: Event) {
    return submit(
      event,
      async () => {
        if (!file) return ''; // ownProblems() refused it already
        const attached = await uploadEvidence(urlName, file, file.name, description);
        await onAttached();
        setFile(null);
        setDescription('');
        if (input.current) input.current.value = '';
        return `Attached “${attached.name}” as evidence file ${attached.number}.`;
      },
      () => fieldProblems(ownProblems()),
    );
  }

  const fileError = problem?.fields.file ?? problem?.fields.name;
  const fileErrorLabel = problem?.fields.file ? LABELS.file : LABELS.name;
  return (
    <form ref={form} class="card form" onSubmit={onSubmit} noValidate aria-labelledby="evidence-form-heading">
      <h3 id="evidence-form-heading">Attach a file</h3>
      <FormAlert problem={problem} labels={LABELS} />
      <div class={`field${fileError ? ' field-invalid' : ''}`}>
        <label for="evidence-file">{LABELS.file}</label>
        <p id="evidence-file-hint" class="hint">
          At most {formatSize(maxBytes)}. The file is sealed as it is stored; everyone who can see this case can
          download it, and it is never opened in the browser.
        </p>
        {fileError && (
          <p id="evidence-file-error" class="field-error">
            {fieldSentence(fileErrorLabel, fileError)}
          </p>
        )}
        <input
          ref={input}
          id="evidence-file"
          name="evidence-file"
          type="file"
          required
          aria-invalid={fileError ? 'true' : undefined}
          aria-describedby={fileError ? 'evidence-file-error evidence-file-hint' : 'evidence-file-hint'}
          onChange={(event) => setFile(event.currentTarget.files?.[0] ?? null)}
        />
      </div>
      <Field
        id="evidence-description"
        label={LABELS.description}
        hint="What the file shows. It is recorded on the timeline."
        multiline
        rows={2}
        value={description}
        onValue={setDescription}
        error={problem?.fields.description}
      />
      <div class="actions">
        <button type="submit" class="button" disabled={busy}>
          {busy ? 'Attaching…' : 'Attach file'}
        </button>
        <p role="status" class="done" data-testid="evidence-status">
          {done}
        </p>
      </div>
    </form>
  );
}
