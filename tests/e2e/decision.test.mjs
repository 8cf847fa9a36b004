// One whole decision in a real browser, by several members each in their own session:
// the chair evaluates the demo's ongoing harassment case, records that the reported
// person was told and responded, and proposes a 30-day suspension; Sam recuses before
// the vote; Robin, Priya and Jonas agree; Mei recuses mid-vote, so the vote is counted
// again and the arithmetic shows the consensus of the three left; the chair's attempt
// to enact before the reporter's feedback is refused with its reason; the feedback is
// recorded and the proposal enacted. The case page is axe-clean with the decision on it,
// and the case list and the case page fit a 360-pixel-wide phone. Then a report received
// in person is recorded from the case list and the case moved on with a reason; as it is
// a physical danger, its page shows acting at once first, where the chair records the
// call to the venue, reports it to the group and votes on its review.
//
// Run from the repo root: CONDUCT_BIN=build/conduct CONDUCT_WEB_ROOT=web/dist node --test tests/e2e/decision.test.mjs
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, test } from 'node:test';
import {
  DEMO_CHAIR_EMAIL,
  DEMO_PASSWORD,
  formatViolations,
  runAxe,
  signInThroughPage,
  waitForSettled,
  watchPage,
  withoutExpected,
  useDemoServer,
} from './support.mjs';

// The demo's ongoing harassment case, being evaluated (its code name is drawn afresh by
// every demo): found in the chair's list once they are signed in.
let CASE = '';

/** The demo members' TOTP secrets, as the demo writes them beside its database. */
async function memberSecrets(server) {
  const text = await readFile(path.join(server.dataDir, 'demo-members.txt'), 'utf8');
  const secrets = new Map();
  for (const line of text.split('\n')) {
    const found = /^(\S+@\S+) ([A-Z2-7]+)$/.exec(line.trim());
    if (found) secrets.set(found[1], found[2]);
  }
  return secrets;
}

/** A member signed in in a browser context of their own, on the case's page. */
async function memberOnCase(demo, email, secret) {
  const context = await demo.browser.newContext();
  const page = await context.newPage();
  const problems = watchPage(page);
  await signInThroughPage(page, demo.server, { email, password: DEMO_PASSWORD, secret });
  if (!CASE) {
    const { cases } = await page.evaluate(async () => (await fetch('/api/cases')).json());
    CASE = cases.find((item) => item.state === 'investigating' && item.ongoing)?.url_name ?? '';
    assert.ok(CASE, 'the demo has an ongoing case being investigated');
  }
  await openCase(demo, page);
  return { context, page, problems };
}

async function openCase(demo, page) {
  await page.goto(`${demo.server.url}/cases/${CASE}`, { waitUntil: 'load' });
  await page.getByTestId('decisions').getByTestId('evaluation').waitFor({ timeout: 20_000 });
  await waitForSettled(page);
}

async function declareConflict(page) {
  const conflict = page.getByRole('form', {
    name: 'Declare a conflict of interest',
  });
  await conflict.getByLabel(/You will lose access to this case at once/).check();
  await conflict.getByRole('button', { name: 'Declare a conflict' }).click();
  await page.getByTestId('flash').filter({ hasText: 'conflict of interest' }).waitFor({ timeout: 20_000 });
  await waitForSettled(page);
}

async function vote(page, ballot) {
  const card = page.getByTestId('proposal').first();
  await card.getByRole('button', { name: ballot, exact: true }).click();
  await card.getByText(`Your ballot: ${ballot.toLowerCase()}.`, { exact: false }).first().waitFor({ timeout: 20_000 });
  await waitForSettled(page);
}

describe('a whole decision', () => {
  const demo = useDemoServer();

  test('evaluated, answered, proposed, voted with a recusal, fed back and enacted', async () => {
    const secrets = await memberSecrets(demo.server);
    for (const email of [
      'sam@tidewater.example',
      'priya@tidewater.example',
      'jonas@tidewater.example',
      'mei@tidewater.example',
    ])
      assert.ok(secrets.has(email), `the demo lists ${email}'s secret`);
    const robin = await memberOnCase(demo, DEMO_CHAIR_EMAIL, demo.secret);
    const others = [];
    try {
      const page = robin.page;
      const decisions = page.getByTestId('decisions');

      // The evaluation, revised: every question answered, the determinations given.
      await decisions.getByRole('button', { name: 'Revise the evaluation' }).click();
      const form = page.getByTestId('evaluation-form');
      await form.waitFor();
      for (const question of await form.locator('[data-question]').all())
        await question.getByRole('radio', { name: 'No', exact: true }).check();
      await form.locator('[data-question="repeat-risk"]').getByRole('radio', { name: 'Yes', exact: true }).check();
      await form.getByLabel('What happened', { exact: true }).fill('Eleven unwanted direct messages over two weeks.');
      await form
        .getByRole('group', { name: 'Does it break the Code of Conduct?' })
        .getByRole('radio', { name: 'Yes' })
        .check();
      await form.getByRole('checkbox', { name: 'Harassment' }).check();
      await form
        .getByRole('group', { name: 'Is it ongoing or a threat to safety?' })
        .getByRole('radio', { name: 'Yes' })
        .check();
      await form.getByRole('button', { name: 'Record the evaluation' }).click();
      await form.waitFor({ state: 'detached', timeout: 20_000 });
      const evaluation = decisions.getByTestId('evaluation');
      assert.match(await evaluation.innerText(), /Urgency: High/);
      assert.match((await evaluation.locator('[data-answer="repeat-risk"]').textContent()) ?? '', /^Yes( — |$)/);

      // The reported person is told, then responds: a proposal may go to the vote.
      const responses = decisions.getByTestId('responses');
      await responses.getByLabel('What to record').selectOption('told');
      await responses
        .getByLabel(/What they were told/)
        .fill('A report says you kept messaging someone after the meetup.');
      await responses.getByRole('button', { name: 'Record', exact: true }).click();
      await responses.getByText(/told .*, no response yet/).waitFor({ timeout: 20_000 });
      await responses.getByLabel('What to record').selectOption('responded');
      await responses.getByLabel('Their response').fill('They say they will stop.');
      await responses.getByRole('button', { name: 'Record', exact: true }).click();
      await responses.getByText('A proposal may go to a vote.').waitFor({ timeout: 20_000 });

      // The proposal: a 30-day suspension, its vote open for the five eligible members.
      const proposal = page.getByTestId('proposal-form');
      await proposal.getByLabel('Resolution', { exact: true }).selectOption('temporary-suspension');
      await proposal.getByLabel('Duration in days').fill('30');
      await proposal
        .getByLabel('Message to the reporter, for their feedback')
        .fill('We propose a 30-day suspension. Does that address your report?');
      await proposal.getByRole('button', { name: 'Propose and open the vote' }).click();
      const card = decisions.getByTestId('proposal').first();
      await card.waitFor({ timeout: 20_000 });
      assert.match(await card.getByTestId('arithmetic').innerText(), /^So far 0 of 5 eligible members voted/);
      await waitForSettled(page);

      // Sam recuses before voting; Robin, Priya and Jonas agree; Mei recuses mid-vote.
      const sam = await memberOnCase(demo, 'sam@tidewater.example', secrets.get('sam@tidewater.example'));
      others.push(sam);
      await declareConflict(sam.page);
      await vote(page, 'Agree');
      for (const email of ['priya@tidewater.example', 'jonas@tidewater.example']) {
        const member = await memberOnCase(demo, email, secrets.get(email));
        others.push(member);
        await vote(member.page, 'Agree');
      }
      const mei = await memberOnCase(demo, 'mei@tidewater.example', secrets.get('mei@tidewater.example'));
      others.push(mei);
      assert.match(
        await mei.page.getByTestId('proposal').first().getByTestId('arithmetic').innerText(),
        /^So far 3 of 4 eligible members voted/,
      );
      await declareConflict(mei.page);

      // Counted again in Robin's session: three eligible, three agreed, consensus.
      await openCase(demo, page);
      const arithmetic = await decisions.getByTestId('proposal').first().getByTestId('arithmetic').innerText();
      assert.match(arithmetic, /3 of 3 eligible members voted/);
      assert.match(arithmetic, /3 of 3 eligible members agreed, two-thirds needs 2; passed by consensus\.$/);
      assert.match(await page.getByTestId('case-summary').innerText(), /Awaiting feedback/i);

      // Enacting before the reporter's feedback is refused, with the reason.
      const round = decisions.getByTestId('feedback-round');
      await round.getByTestId('enact').click();
      const refusal = round.getByRole('alert').filter({ hasText: 'The feedback round is not over' });
      await refusal.waitFor({ timeout: 20_000 });
      assert.match(await refusal.innerText(), /0 of 1 affected person answered; the round is open until/);

      // The reporter is asked by email and answers; then the proposal is enacted.
      await round.getByLabel('How they were asked').selectOption('email');
      await round.getByRole('button', { name: 'Record that they were asked' }).click();
      await round.getByText(/asked .*\(email\), no answer yet/).waitFor({ timeout: 20_000 });
      await round.getByLabel('Their answer').fill('She agrees with the suspension.');
      await round.getByRole('button', { name: 'Record the answer' }).click();
      await round
        .getByTestId('round-state')
        .filter({ hasText: '1 of 1 affected person answered' })
        .waitFor({ timeout: 20_000 });
      await round.getByTestId('enact').click();
      await decisions.locator('[data-testid=proposal][data-status=enacted]').waitFor({ timeout: 20_000 });
      await page.getByTestId('case-summary').getByText('Enacting').waitFor({ timeout: 20_000 });
      await waitForSettled(page);
      const kinds = await page
        .getByTestId('timeline')
        .locator(':scope > li')
        .evaluateAll((items) => items.map((item) => item.getAttribute('data-kind')));
      for (const kind of ['evaluation', 'proposal', 'vote', 'feedback'])
        assert.ok(kinds.includes(kind), `the timeline has an entry of kind ${kind}`);

      const violations = await runAxe(page);
      assert.equal(violations.length, 0, `axe found accessibility violations:\n${formatViolations(violations)}`);

      // A 360-pixel-wide phone: nothing wider than the screen, the list or the case.
      await page.setViewportSize({ width: 360, height: 740 });
      for (const where of ['/cases', `/cases/${CASE}`]) {
        await page.goto(`${demo.server.url}${where}`, { waitUntil: 'load' });
        await waitForSettled(page);
        const wide = await page.evaluate(() => document.documentElement.scrollWidth);
        assert.ok(wide <= 360, `${where} is ${wide} pixels wide on a 360-pixel screen`);
      }

      const { left, missing } = withoutExpected(robin.problems, [
        {
          method: 'POST',
          path: `/api/cases/${CASE}/proposals/1/enactment`,
          status: 409,
        },
      ]);
      assert.deepEqual(missing, [], 'the refusal happened');
      assert.equal(left.length, 0, `the chair's pages logged problems:\n${left.join('\n')}`);
      for (const member of others)
        assert.equal(member.problems.length, 0, `a member's pages logged problems:\n${member.problems.join('\n')}`);
    } finally {
      for (const member of others) await member.context.close();
      await robin.context.close();
    }
  });

  test('a report received in person is recorded from the case list and moved on', async () => {
    const context = await demo.browser.newContext();
    try {
      const page = await context.newPage();
      const problems = watchPage(page);
      await signInThroughPage(page, demo.server, {
        email: DEMO_CHAIR_EMAIL,
        password: DEMO_PASSWORD,
        secret: demo.secret,
      });
      await page.getByRole('button', { name: 'Record a report' }).click();
      const form = page.getByTestId('record-report');
      await form.getByRole('button', { name: 'Record and open the case' }).click();
      await form.getByRole('alert').filter({ hasText: 'Check the fields' }).waitFor();
      await form.getByLabel(/What happened/).fill('At the sprint, a volunteer was told to smile more, twice.');
      await form.getByLabel('How the report reached you').selectOption('in-person');
      await form.getByLabel(/Reporter/).fill('Ana Sousa');
      await form.getByLabel(/Who is reported/).fill('@loud_voice');
      await form.getByLabel('Someone may be in physical danger').check();
      await form.getByRole('button', { name: 'Record and open the case' }).click();
      await page.waitForURL(/\/cases\/[a-z]+-[a-z]+$/, { timeout: 20_000 });
      await page.getByTestId('case-summary').waitFor({ timeout: 20_000 });
      await waitForSettled(page);
      assert.match(await page.getByTestId('case-summary').innerText(), /Received/);
      assert.match(await page.getByTestId('parties').innerText(), /Ana Sousa/);

      const move = page.getByTestId('transition-form');
      await move.getByLabel('Move the case to').selectOption('acknowledged');
      await move.getByLabel('Why').fill('Thanked Ana in person the same day.');
      await move.getByRole('button', { name: 'Move the case' }).click();
      await page.getByTestId('case-summary').getByText('Acknowledged').waitFor({ timeout: 20_000 });
      await waitForSettled(page);
      const last = page.getByTestId('timeline').locator(':scope > li').last();
      assert.equal(await last.getAttribute('data-kind'), 'transition');
      assert.match(await last.innerText(), /Thanked Ana in person the same day\./);

      // A physical danger: acting at once comes first on the page, its form open.
      const actions = page.getByTestId('actions');
      const first = await page
        .getByTestId('decisions')
        .locator('[data-testid=actions], [data-testid=evaluation]')
        .first()
        .getAttribute('data-testid');
      assert.equal(first, 'actions', 'acting at once is shown before the evaluation');
      await actions.getByRole('button', { name: 'Record the action' }).click();
      await actions.getByRole('alert').filter({ hasText: 'Check the fields' }).waitFor();
      await actions.getByLabel('What you did').fill("Asked the venue's security to walk Ana to her train.");
      await actions.getByLabel('Why it could not wait for the group').fill('He followed her out of the sprint room.');
      await actions.getByLabel('Whom it affects').fill('@loud_voice');
      await actions.getByRole('button', { name: 'Record the action' }).click();
      const action = actions.getByTestId('action').first();
      await action.waitFor({ timeout: 20_000 });
      assert.match(await action.getByTestId('action-state').innerText(), /To be reported to the group by/);
      await action.getByLabel('Your report to the group').fill('Ana got home safely; please review.');
      await action.getByRole('button', { name: 'Report to the group' }).click();
      await actions.locator('[data-testid=action][data-status=under-review]').waitFor({ timeout: 20_000 });
      await action.getByRole('button', { name: 'Agree', exact: true }).click();
      await action.getByText('Your ballot: agree.', { exact: false }).first().waitFor({ timeout: 20_000 });
      assert.match(await action.getByTestId('arithmetic').innerText(), /1 of \d+ eligible members voted/);
      await waitForSettled(page);

      // The danger passed: the flag is cleared with a reason, which the timeline keeps.
      const flags = page.getByTestId('flags-form');
      await flags.getByLabel('Someone may be in physical danger').uncheck();
      await flags.getByLabel('Why the flags change').fill('He left the city; the venue confirmed it.');
      await flags.getByRole('button', { name: 'Change the flags' }).click();
      await page.getByTestId('case-summary').getByText('Not ongoing; no physical danger').waitFor({ timeout: 20_000 });
      await waitForSettled(page);
      const flagged = page.getByTestId('timeline').locator(':scope > li').last();
      assert.match(await flagged.innerText(), /Flags changed: nobody is in physical danger any more\./);

      const violations = await runAxe(page);
      assert.equal(violations.length, 0, `axe found accessibility violations:\n${formatViolations(violations)}`);
      assert.equal(problems.length, 0, `the pages logged problems:\n${problems.join('\n')}`);
    } finally {
      await context.close();
    }
  });
});
