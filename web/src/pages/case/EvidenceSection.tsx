import { evidenceUrl, listEvidence, type EvidenceFile } from '../../api';
import { sentence } from '../../components/problems';
import { useLoad } from '../../components/useLoad';
import { formatDateTime, formatSize } from '../../format';
import { EvidenceForm } from './EvidenceForm';

/**
 * The case's evidence files, each a download link (the server only ever answers a file as
 * an attachment, so the browser saves it and never opens it), and the form to attach one.
 */
export function EvidenceSection({
  urlName,
  names,
  onAttached,
}: {
  urlName: string;
  names: Map<number, string>;
  onAttached: () => Promise<void>;
}) {
  const [evidence, reload] = useLoad(`evidence:${urlName}`, () => listEvidence(urlName));

  async function afterAttaching() {
    await Promise.all([reload(), onAttached()]);
  }

  return (
    <section aria-labelledby="evidence-heading">
      <h2 id="evidence-heading">Evidence files</h2>
      {evidence.state === 'loading' && <p>Loading the evidence files…</p>}
      {evidence.state === 'failed' && (
        <p role="alert" class="problem">
          The evidence files could not be loaded: {sentence(evidence.message)}
        </p>
      )}
      {evidence.state === 'ready' && <EvidenceTable urlName={urlName} files={evidence.data.files} names={names} />}
      {evidence.state === 'ready' && (
        <EvidenceForm urlName={urlName} maxBytes={evidence.data.max_bytes} onAttached={afterAttaching} />
      )}
    </section>
  );
}

function EvidenceTable({
  urlName,
  files,
  names,
}: {
  urlName: string;
  files: EvidenceFile[];
  names: Map<number, string>;
}) {
  if (files.length === 0) return <p data-testid="no-evidence">No files are attached yet.</p>;
  return (
    <div class="table-scroll">
      <table class="data-table" data-testid="evidence">
        <thead>
          <tr>
            <th scope="col">File</th>
            <th scope="col">Description</th>
            <th scope="col">Size</th>
            <th scope="col">Attached</th>
          </tr>
        </thead>
        <tbody>
          {files.map((file) => (
            <tr key={file.number}>
              <th scope="row">
                <a href={evidenceUrl(urlName, file.number)} download={file.name}>
                  {file.name}
                </a>
              </th>
              <td>{file.description || <span class="muted">—</span>}</td>
              <td>{formatSize(file.size_bytes)}</td>
              <td>
                <time dateTime={file.created_at}>{formatDateTime(file.created_at)}</time>
                {file.author_id !== null && ` by ${names.get(file.author_id) ?? `member ${file.author_id}`}`}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
