import { useState } from 'preact/hooks';
import {
  castActionBallot,
  reportAction,
  reviseAction,
  takeAction,
  type Decisions,
  type NewAction,
  type UnilateralAction,
} from '../../api';
import { Field } from '../../components/Field';
import { FormAlert } from '../../components/FormAlert';
import { fieldProblems, sentence } from '../../components/problems';
import { Select, SubmitRow } from '../../components/Select';
import { Reveal } from '../../components/Reveal';
import { useSubmit } from '../../components/useSubmit';
import { formatDateTime, humanize } from '../../format';
import { useMe } from '../../session';
import { VoteBlock } from './VoteBlock';

const ACTION_LABELS = {
  situation: 'Why it could not wait',
  what: 'What you did',
  why: 'Why it could not wait for the group',
  affects: 'Whom it affects',
  taken_at: 'When you acted',
};
const REVISION_LABELS = { what: 'What changes', why: 'Why', affects: 'Whom it affects' };
const REPORT_LABELS = { text: 'Your report to the group' };

/**
 * Acting at once: on an ongoing situation or a danger any member may act before the
 * group decides, record it here, and report it to the group within the policy's hours;
 * the group then ratifies the action by its vote, or puts a revision to the vote. On a
 * case marked as physical danger this section comes first on the page, its form open.
 */
export function ActionsSection({
  urlName,
  decisions,
  names,
  danger,
  onChanged,
}: {
  urlName: string;
  decisions: Decisions;
  names: Map<number, string>;
  /** The case is marked as a physical danger: the path is shown first and open. */
  danger: boolean;
  onChanged: (next: Decisions) => Promise<void>;
}) {
  if (!decisions.may_decide && decisions.actions.length === 0) return null;
  return (
    <div class={`card${danger ? ' card-danger' : ''}`} data-testid="actions" aria-labelledby="actions-heading">
      <h3 id="actions-heading">Acting at once</h3>
      {danger && (
        <p>
          This case is marked as a <strong>physical danger</strong>: protect people first. Any member may act now
          (contact the venue or the police, remove the person from our spaces) and report it to the group afterwards.
        </p>
      )}
      {decisions.actions.length === 0 && !danger && <p>No member has acted alone on this case.</p>}
      {decisions.actions.map((action) => (
        <ActionCard
          key={action.number}
          urlName={urlName}
          action={action}
          decisions={decisions}
          names={names}
          onChanged={onChanged}
        />
      ))}
      {decisions.may_decide && (
        <Reveal label="Record an action taken at once" open={danger && decisions.actions.length === 0}>
          {(close) => (
            <ActionForm
              urlName={urlName}
              danger={danger}
              onRecorded={async (next) => {
                await onChanged(next);
                close();
              }}
            />
          )}
        </Reveal>
      )}
    </div>
  );
}

function ActionCard({
  urlName,
  action,
  decisions,
  names,
  onChanged,
}: {
  urlName: string;
  action: UnilateralAction;
  decisions: Decisions;
  names: Map<number, string>;
  onChanged: (next: Decisions) => Promise<void>;
}) {
  const me = useMe();
  const vote = action.vote;
  const who = names.get(action.taken_by) ?? `member ${action.taken_by}`;
  const title =
    action.revises !== null
      ? `Revision ${action.number} of action ${action.revises}`
      : `Action ${action.number}: ${humanize(action.situation)}`;
  const mayRevise =
    decisions.may_decide && action.revises === null && !['revised', 'superseded'].includes(action.status);
  return (
    <article
      class="subcard"
      aria-labelledby={`action-${action.number}`}
      data-testid="action"
      data-number={action.number}
      data-status={action.status}
    >
      <h4 id={`action-${action.number}`}>
        {title} <span class={`state state-action-${action.status}`}>{humanize(action.status)}</span>
      </h4>
      <dl class="facts">
        <dt>{action.revises !== null ? 'Put to the vote' : 'Taken'}</dt>
        <dd>
          by {who}, <time dateTime={action.taken_at}>{formatDateTime(action.taken_at)}</time>
        </dd>
        <dt>{action.revises !== null ? 'What changes' : 'What was done'}</dt>
        <dd class="prose">{action.what}</dd>
        <dt>Why</dt>
        <dd class="prose">{action.why}</dd>
        <dt>Whom it affects</dt>
        <dd>{action.affects}</dd>
        <dt>Where it stands</dt>
        <dd class={action.overdue ? 'problem' : undefined} data-testid="action-state">
          {sentence(action.state)}
        </dd>
      </dl>
      {action.status === 'awaiting-report' && action.taken_by === me.member.id && decisions.may_decide && (
        <ReportForm urlName={urlName} action={action} onChanged={onChanged} />
      )}
      {vote && (
        <VoteBlock
          title="Review by the group"
          vote={vote}
          deciding={action.status === 'under-review'}
          mayVote={decisions.may_vote}
          cast={(ballot) => castActionBallot(urlName, action.number, ballot)}
          onCast={onChanged}
        />
      )}
      {mayRevise && (
        <Reveal label="Propose a revision" small>
          {(close) => (
            <RevisionForm
              urlName={urlName}
              action={action}
              onRevised={async (next) => {
                await onChanged(next);
                close();
              }}
            />
          )}
        </Reveal>
      )}
    </article>
  );
}

function ActionForm({
  urlName,
  danger,
  onRecorded,
}: {
  urlName: string;
  danger: boolean;
  onRecorded: (next: Decisions) => Promise<void>;
}) {
  const [action, setAction] = useState<NewAction>({
    situation: danger ? 'physical-danger' : 'ongoing',
    what: '',
    why: '',
    affects: '',
    taken_at: '',
  });
  const { busy, problem, done, form, submit } = useSubmit();
  const set = (field: keyof NewAction) => (value: string) => setAction({ ...action, [field]: value });

  function onSubmit(event: Event) {
    return submit(
      event,
      async () => {
        const takenAt = action.taken_at?.trim() ? new Date(action.taken_at).toISOString().replace(/\.\d+Z$/, 'Z') : '';
        await onRecorded(await takeAction(urlName, { ...action, taken_at: takenAt }));
        return 'Recorded. Report it to the group within the policy’s hours.';
      },
      () => fieldProblems(missingTexts(action, true)),
    );
  }

  return (
    <form ref={form} class="form subform" onSubmit={onSubmit} noValidate aria-labelledby="action-form-heading">
      <h4 id="action-form-heading">Record an action taken at once</h4>
      <FormAlert problem={problem} labels={ACTION_LABELS} />
      <Select
        id="action-situation"
        label={ACTION_LABELS.situation}
        value={action.situation}
        onValue={set('situation')}
        error={problem?.fields.situation}
        options={[
          { value: 'physical-danger', label: 'Someone’s physical safety is threatened' },
          { value: 'ongoing', label: 'It is still going on' },
        ]}
      />
      <ActionTexts
        idPrefix="action"
        labels={ACTION_LABELS}
        texts={action}
        onText={(field, value) => setAction({ ...action, [field]: value })}
        problems={problem?.fields}
        affectsRequired
      />
      <div class={`field${problem?.fields.taken_at ? ' field-invalid' : ''}`}>
        <label for="action-taken-at">{ACTION_LABELS.taken_at}</label>
        <p id="action-taken-at-hint" class="hint">
          Leave empty for now; at most 30 days back.
        </p>
        <input
          id="action-taken-at"
          type="datetime-local"
          value={action.taken_at}
          aria-describedby="action-taken-at-hint"
          aria-invalid={problem?.fields.taken_at ? 'true' : undefined}
          onInput={(event) => set('taken_at')(event.currentTarget.value)}
        />
      </div>
      <SubmitRow busy={busy} label="Record the action" busyLabel="Recording…" done={done} />
    </form>
  );
}

function ReportForm({
  urlName,
  action,
  onChanged,
}: {
  urlName: string;
  action: UnilateralAction;
  onChanged: (next: Decisions) => Promise<void>;
}) {
  const [text, setText] = useState('');
  const { busy, problem, done, form, submit } = useSubmit();

  function onSubmit(event: Event) {
    return submit(
      event,
      async () => {
        await onChanged(await reportAction(urlName, action.number, text));
        return 'Reported: the group reviews it.';
      },
      () => fieldProblems(text.trim() ? {} : { text: 'is required' }),
    );
  }

  return (
    <form
      ref={form}
      class="form subform"
      onSubmit={onSubmit}
      noValidate
      aria-labelledby={`report-action-${action.number}`}
    >
      <h5 id={`report-action-${action.number}`}>Report it to the group</h5>
      <FormAlert problem={problem} labels={REPORT_LABELS} />
      <Field
        id={`report-action-text-${action.number}`}
        label={REPORT_LABELS.text}
        hint="What happened since, and what you ask the group to review. The group then votes on it."
        multiline
        rows={3}
        value={text}
        onValue={setText}
        error={problem?.fields.text}
        required
      />
      <SubmitRow busy={busy} label="Report to the group" busyLabel="Reporting…" done={done} />
    </form>
  );
}

function RevisionForm({
  urlName,
  action,
  onRevised,
}: {
  urlName: string;
  action: UnilateralAction;
  onRevised: (next: Decisions) => Promise<void>;
}) {
  const [texts, setTexts] = useState<Texts>({ what: '', why: '', affects: action.affects });
  const { busy, problem, done, form, submit } = useSubmit();

  function onSubmit(event: Event) {
    return submit(
      event,
      async () => {
        await onRevised(await reviseAction(urlName, action.number, texts));
        return 'The revision is put to the vote.';
      },
      () => fieldProblems(missingTexts(texts, false)),
    );
  }

  return (
    <form
      ref={form}
      class="form subform"
      onSubmit={onSubmit}
      noValidate
      aria-labelledby={`revise-action-${action.number}`}
    >
      <h5 id={`revise-action-${action.number}`}>Revise action {action.number}</h5>
      <FormAlert problem={problem} labels={REVISION_LABELS} />
      <ActionTexts
        idPrefix={`revise-${action.number}`}
        labels={REVISION_LABELS}
        texts={texts}
        onText={(field, value) => setTexts({ ...texts, [field]: value })}
        problems={problem?.fields}
        affectsRequired={false}
      />
      <SubmitRow busy={busy} label="Put the revision to the vote" busyLabel="Sending…" done={done} />
    </form>
  );
}

type Texts = { what: string; why: string; affects: string };

/** The texts an action and a revision both have, each one required but whom it affects on a revision. */
function missingTexts(texts: Texts, affectsRequired: boolean): Record<string, string> {
  const missing: Record<string, string> = {};
  if (!texts.what.trim()) missing.what = 'is required';
  if (!texts.why.trim()) missing.why = 'is required';
  if (affectsRequired && !texts.affects.trim()) missing.affects = 'is required';
  return missing;
}

/** What was done (or changes), why, and whom it affects: the fields of both forms. */
function ActionTexts({
  idPrefix,
  labels,
  texts,
  onText,
  problems,
  affectsRequired,
}: {
  idPrefix: string;
  labels: Texts;
  texts: Texts;
  onText: (field: keyof Texts, value: string) => void;
  problems?: Record<string, string>;
  affectsRequired: boolean;
}) {
  return (
    <>
      <Field
        id={`${idPrefix}-what`}
        label={labels.what}
        multiline
        rows={3}
        value={texts.what}
        onValue={(value) => onText('what', value)}
        error={problems?.what}
        required
      />
      <Field
        id={`${idPrefix}-why`}
        label={labels.why}
        multiline
        rows={2}
        value={texts.why}
        onValue={(value) => onText('why', value)}
        error={problems?.why}
        required
      />
      <Field
        id={`${idPrefix}-affects`}
        label={labels.affects}
        value={texts.affects}
        onValue={(value) => onText('affects', value)}
        error={problems?.affects}
        required={affectsRequired}
      />
    </>
  );
}
