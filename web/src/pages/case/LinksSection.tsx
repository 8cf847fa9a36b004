import { useState } from 'preact/hooks';
import { getCaseLinks, linkCase, splitCase, type CaseLinks } from '../../api';
import { Field } from '../../components/Field';
import { FormAlert } from '../../components/FormAlert';
import { Link } from '../../components/Link';
import { sentence } from '../../components/problems';
import { useLoad } from '../../components/useLoad';
import { useSubmit } from '../../components/useSubmit';
import { stateLabel } from '../../format';
import { ReportCard } from './ReportText';

/**
 * The other cases of the incident: the case this one is linked into, or the cases linked
 * into this one with their reports; a form to link another case here, and one per link to
 * split a case linked by mistake out again. Both change the timelines, so the case is
 * loaded again afterwards.
 */
export function LinksSection({
  urlName,
  codeName,
  onChanged,
}: {
  urlName: string;
  codeName: string;
  onChanged: () => Promise<void>;
}) {
  const [links, reload] = useLoad(`links:${urlName}`, () => getCaseLinks(urlName));

  async function afterChange() {
    await Promise.all([reload(), onChanged()]);
  }

  return (
    <section aria-labelledby="links-heading">
      <h2 id="links-heading">Other reports of this incident</h2>
      {links.state === 'loading' && <p>Loading the linked cases…</p>}
      {links.state === 'failed' && (
        <p role="alert" class="problem">
          The linked cases could not be loaded: {sentence(links.message)}
        </p>
      )}
      {links.state === 'ready' && (
        <LinkedCases urlName={urlName} codeName={codeName} links={links.data} onChanged={afterChange} />
      )}
    </section>
  );
}

function LinkedCases({
  urlName,
  codeName,
  links,
  onChanged,
}: {
  urlName: string;
  codeName: string;
  links: CaseLinks;
  onChanged: () => Promise<void>;
}) {
  if (links.linked_into) {
    const primary = links.linked_into;
    return (
      <div class="card" data-testid="linked-into">
        <p>
          This case is linked into <Link href={`/cases/${primary.url_name}`}>{primary.code_name}</Link>: the group
          handles the incident there.
        </p>
        <SplitForm primaryUrl={primary.url_name} linkedUrl={urlName} linkedName={codeName} onSplit={onChanged} />
      </div>
    );
  }
  if (links.linked_elsewhere) {
    return <p data-testid="linked-elsewhere">This case is linked into a case you may not read.</p>;
  }
  return (
    <>
      {links.linked.length === 0 ? (
        <p data-testid="no-linked-cases">No other case is linked into this one.</p>
      ) : (
        links.linked.map((linked) => (
          <article
            class="card"
            key={linked.case.url_name}
            aria-labelledby={`linked-${linked.case.url_name}`}
            data-testid="linked-case"
          >
            <h3 id={`linked-${linked.case.url_name}`}>
              <Link href={`/cases/${linked.case.url_name}`}>{linked.case.code_name}</Link>{' '}
              <span class={`state state-${linked.case.state}`}>{stateLabel(linked.case.state)}</span>
            </h3>
            {linked.reports.map((report) => (
              <ReportCard key={report.number} report={report} />
            ))}
            <SplitForm
              primaryUrl={urlName}
              linkedUrl={linked.case.url_name}
              linkedName={linked.case.code_name}
              onSplit={onChanged}
            />
          </article>
        ))
      )}
      <LinkForm urlName={urlName} onLinked={onChanged} />
    </>
  );
}

const LINK_LABELS = { case: 'Case to link into this one', note: 'Why they belong together' };

function LinkForm({ urlName, onLinked }: { urlName: string; onLinked: () => Promise<void> }) {
  const [other, setOther] = useState('');
  const [note, setNote] = useState('');
  const [duplicate, setDuplicate] = useState(false);
  const { busy, problem, done, form, submit } = useSubmit();

  function onSubmit(event: Event) {
    return submit(
      event,
      async () => {
        await linkCase(urlName, other.trim(), note, duplicate);
        await onLinked();
        setOther('');
        setNote('');
        setDuplicate(false);
        return duplicate
          ? 'Linked and closed as a duplicate. Its reports now show above.'
          : 'Linked. Its reports now show above.';
      },
      () => (other.trim() ? null : { message: 'Name the case to link.', fields: { case: 'is required' } }),
    );
  }

  return (
    <form ref={form} class="form" onSubmit={onSubmit} noValidate aria-labelledby="link-heading">
      <h3 id="link-heading">Link another report of this incident</h3>
      <FormAlert problem={problem} labels={LINK_LABELS} />
      <Field
        id="link-case"
        label={LINK_LABELS.case}
        hint="Its code name, e.g. “gentle river”. Its reports are then handled in this case; its reporter keeps their own receipt."
        value={other}
        onValue={setOther}
        error={problem?.fields.case}
        required
      />
      <Field
        id="link-note"
        label={LINK_LABELS.note}
        hint="Optional. Kept on the timelines of both cases."
        multiline
        rows={2}
        value={note}
        onValue={setNote}
        error={problem?.fields.note}
      />
      <div class="field field-check">
        <input
          id="link-duplicate"
          type="checkbox"
          checked={duplicate}
          onChange={(event) => setDuplicate(event.currentTarget.checked)}
        />
        <label for="link-duplicate">It repeats this case (the same report twice): close it as a duplicate</label>
      </div>
      <div class="actions">
        <button type="submit" class="button" disabled={busy}>
          {busy ? 'Linking…' : 'Link case'}
        </button>
        <p role="status" class="done" data-testid="link-status">
          {done}
        </p>
      </div>
    </form>
  );
}

function SplitForm({
  primaryUrl,
  linkedUrl,
  linkedName,
  onSplit,
}: {
  primaryUrl: string;
  linkedUrl: string;
  linkedName: string;
  onSplit: () => Promise<void>;
}) {
  const [reason, setReason] = useState('');
  const { busy, problem, done, form, submit } = useSubmit();
  const id = `split-${linkedUrl}`;
  const labels = { reason: `Why ${linkedName} is not about this incident` };

  function onSubmit(event: Event) {
    return submit(
      event,
      async () => {
        await splitCase(primaryUrl, linkedUrl, reason);
        await onSplit();
        return `${linkedName} is a case of its own again.`;
      },
      () => (reason.trim() ? null : { message: 'Say why the link was wrong.', fields: { reason: 'is required' } }),
    );
  }

  return (
    <details class="split">
      <summary>Split {linkedName} out…</summary>
      <form ref={form} class="form" onSubmit={onSubmit} noValidate aria-label={`Split ${linkedName} out`}>
        <FormAlert problem={problem} labels={labels} />
        <Field
          id={`${id}-reason`}
          label={labels.reason}
          hint="Kept on the timelines of both cases."
          multiline
          rows={2}
          value={reason}
          onValue={setReason}
          error={problem?.fields.reason}
          required
        />
        <div class="actions">
          <button type="submit" class="button button-quiet" disabled={busy}>
            {busy ? 'Splitting…' : 'Split out'}
          </button>
          <p role="status" class="done">
            {done}
          </p>
        </div>
      </form>
    </details>
  );
}
