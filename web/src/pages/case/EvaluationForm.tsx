import { useState } from 'preact/hooks';
import { evaluateCase, type Decisions, type NewEvaluation } from '../../api';
import { Field } from '../../components/Field';
import { FormAlert } from '../../components/FormAlert';
import { fieldProblems } from '../../components/problems';
import { useSubmit } from '../../components/useSubmit';
import { ANSWERS, Choice } from './Choice';
import { SubmitRow } from '../../components/Select';

const SECTIONS: { key: string; title: string }[] = [
  { key: 'jurisdiction', title: 'Jurisdiction' },
  { key: 'impact', title: 'Impact' },
  { key: 'risk', title: 'Risk' },
];

const LABELS = {
  what_happened: 'What happened',
  violation: 'Does it break the Code of Conduct?',
  rules: 'Rules it breaks',
  responsible: 'Who was responsible',
  ongoing_or_threat: 'Is it ongoing or a threat to safety?',
};

/**
 * The evaluation: every question of the manual answered yes, no or unsure with a note,
 * and the four determinations. It starts from the latest evaluation, so a revision
 * changes only what changed; the timeline keeps every one.
 */
export function EvaluationForm({
  urlName,
  decisions,
  onSaved,
}: {
  urlName: string;
  decisions: Decisions;
  onSaved: (next: Decisions) => Promise<void>;
}) {
  const latest = decisions.evaluation;
  const [answers, setAnswers] = useState<Record<string, { answer: string; note: string }>>(() => {
    const start: Record<string, { answer: string; note: string }> = {};
    for (const question of decisions.questions) {
      const given = latest?.answers.find((answer) => answer.question === question.key);
      start[question.key] = { answer: given?.answer ?? '', note: given?.note ?? '' };
    }
    return start;
  });
  const [whatHappened, setWhatHappened] = useState(latest?.what_happened ?? '');
  const [violation, setViolation] = useState<string>(latest?.violation ?? '');
  const [rules, setRules] = useState<string[]>(latest?.rules ?? []);
  const [responsible, setResponsible] = useState(latest?.responsible ?? '');
  const [ongoing, setOngoing] = useState<string>(latest?.ongoing_or_threat ?? '');
  const { busy, problem, done, form, submit } = useSubmit();

  const labels: Record<string, string> = { ...LABELS };
  for (const question of decisions.questions) labels[`answers.${question.key}`] = question.text;

  function answer(key: string, change: Partial<{ answer: string; note: string }>) {
    setAnswers({ ...answers, [key]: { ...answers[key], ...change } });
  }

  function check() {
    const fields: Record<string, string> = {};
    for (const question of decisions.questions)
      if (!answers[question.key]?.answer) fields[`answers.${question.key}`] = 'is required: yes, no or unsure';
    if (!whatHappened.trim()) fields.what_happened = 'is required';
    if (!violation) fields.violation = 'is required: yes, no or unsure';
    if (!ongoing) fields.ongoing_or_threat = 'is required: yes, no or unsure';
    return fieldProblems(fields);
  }

  function onSubmit(event: Event) {
    return submit(
      event,
      async () => {
        const body: NewEvaluation = {
          answers: decisions.questions.map((question) => ({
            question: question.key,
            answer: answers[question.key].answer as 'yes' | 'no' | 'unsure',
            note: answers[question.key].note,
          })),
          what_happened: whatHappened,
          violation: violation as 'yes' | 'no' | 'unsure',
          rules: violation === 'yes' ? (rules as NewEvaluation['rules']) : [],
          responsible,
          ongoing_or_threat: ongoing as 'yes' | 'no' | 'unsure',
        };
        await onSaved(await evaluateCase(urlName, body));
        return 'Evaluation recorded on the timeline.';
      },
      check,
    );
  }

  return (
    <form
      ref={form}
      class="card form"
      onSubmit={onSubmit}
      noValidate
      aria-labelledby="evaluation-form-heading"
      data-testid="evaluation-form"
    >
      <h3 id="evaluation-form-heading">{latest ? 'Revise the evaluation' : 'Evaluate the case'}</h3>
      <FormAlert problem={problem} labels={labels} />
      {SECTIONS.map((section) => (
        <div key={section.key} class="question-section">
          <h4>{section.title}</h4>
          {decisions.questions
            .filter((question) => question.section === section.key)
            .map((question) => (
              <div key={question.key} class="question" data-question={question.key}>
                <Choice
                  name={`answer-${question.key}`}
                  legend={question.text}
                  options={ANSWERS}
                  value={answers[question.key]?.answer ?? ''}
                  onValue={(value) => answer(question.key, { answer: value })}
                  error={problem?.fields[`answers.${question.key}`]}
                />
                <Field
                  id={`note-${question.key}`}
                  label={`Note on “${question.text}” (optional)`}
                  value={answers[question.key]?.note ?? ''}
                  onValue={(value) => answer(question.key, { note: value })}
                  error={problem?.fields[`answers.${question.key}.note`]}
                />
              </div>
            ))}
        </div>
      ))}
      <h4>Determinations</h4>
      <Field
        id="what-happened"
        label={LABELS.what_happened}
        multiline
        rows={4}
        value={whatHappened}
        onValue={setWhatHappened}
        error={problem?.fields.what_happened}
        required
      />
      <Choice
        name="violation"
        legend={LABELS.violation}
        options={ANSWERS}
        value={violation}
        onValue={setViolation}
        error={problem?.fields.violation}
      />
      {violation === 'yes' && (
        <fieldset class={`choice${problem?.fields.rules ? ' field-invalid' : ''}`}>
          <legend>{LABELS.rules}</legend>
          {problem?.fields.rules && <p class="field-error">{problem.fields.rules}</p>}
          <div class="choice-options choice-columns">
            {decisions.categories.map(({ key: category, name }) => (
              <label key={category} class="choice-option">
                <input
                  type="checkbox"
                  name="rules"
                  value={category}
                  checked={rules.includes(category)}
                  onChange={(event) =>
                    setRules(
                      event.currentTarget.checked ? [...rules, category] : rules.filter((rule) => rule !== category),
                    )
                  }
                />{' '}
                {name}
              </label>
            ))}
          </div>
        </fieldset>
      )}
      <Field
        id="responsible"
        label={LABELS.responsible}
        value={responsible}
        onValue={setResponsible}
        error={problem?.fields.responsible}
      />
      <Choice
        name="ongoing-or-threat"
        legend={LABELS.ongoing_or_threat}
        options={ANSWERS}
        value={ongoing}
        onValue={setOngoing}
        error={problem?.fields.ongoing_or_threat}
        hint="A yes makes the case's urgency high."
      />
      <SubmitRow busy={busy} label="Record the evaluation" busyLabel="Recording…" done={done} />
    </form>
  );
}
