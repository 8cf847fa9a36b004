// Mail the group's address received, and drafts, in a real browser on the demo. Two
// messages arrive through `conduct mail ingest` (as an MTA would hand them over): one
// opens a case, one that names no sender waits in the quarantine. The chair reads the
// quarantined message on the Members page and files it as a new case. On the case the
// first message opened, a draft to the reported person that names the reporter's address
// is saved but held (it cannot be sent, and its finding says why); a clean letter in
// the four parts needs a second member, so the chair, its author, cannot send it.
// Every page is axe clean.
//
// Run from the repo root: CONDUCT_BIN=build/conduct node --test tests/e2e/
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { describe, test } from 'node:test';
import {
  DEMO_CHAIR_EMAIL,
  DEMO_PASSWORD,
  formatViolations,
  runAxe,
  signInThroughPage,
  waitForSettled,
  watchPage,
  useDemoServer,
} from './support.mjs';

async function expectAxeClean(page, where) {
  const violations = await runAxe(page);
  assert.equal(violations.length, 0, `axe found accessibility violations on ${where}:\n${formatViolations(violations)}`);
}

// Hands one message to `conduct mail ingest` on the demo's database, as an MTA pipe does.
function ingest(dataDir, message) {
  const run = spawnSync(
    process.env.CONDUCT_BIN ?? 'build/conduct',
    ['--data', dataDir, '--database', 'conduct-demo.db', 'mail', 'ingest'],
    { input: message.replaceAll('\n', '\r\n'), encoding: 'utf8' },
  );
  assert.equal(run.status, 0, `mail ingest failed: ${run.stderr}`);
  return run.stdout.trim();
}

describe('mail in, the quarantine and drafts', () => {
  const demo = useDemoServer();

  test('a quarantined message is filed, and a draft naming the reporter is held', async () => {
    assert.equal(
      ingest(
        demo.server.dataDir,
        'From: Ana Lima <ana@example.org>\nTo: conduct@tidewater.example\nSubject: Insults after the release\n' +
          'Message-ID: <e2e-report@example.org>\n\nSomeone replied to my posts with insults after the release.\n',
      ),
      'Received: opened a case.',
    );
    assert.equal(
      ingest(
        demo.server.dataDir,
        'To: conduct@tidewater.example\nSubject: Something I saw\nMessage-ID: <e2e-unsigned@example.org>\n\n' +
          'I saw a speaker being heckled at the meetup.\n',
      ),
      'Received: quarantined (no-sender).',
    );

    const context = await demo.browser.newContext();
    try {
      const page = await context.newPage();
      const problems = watchPage(page);
      await signInThroughPage(page, demo.server, { email: DEMO_CHAIR_EMAIL, password: DEMO_PASSWORD, secret: demo.secret });

      // The quarantine, on the Members page.
      await page.goto(`${demo.server.url}/members`, { waitUntil: 'load' });
      const quarantine = page.getByRole('region', { name: 'Mail in quarantine' });
      await quarantine.waitFor({ timeout: 20_000 });
      assert.match((await quarantine.textContent()) ?? '', /names no sender/);
      await quarantine.getByRole('button', { name: /^Read message \d+$/ }).click();
      const opened = page.getByTestId('quarantined-message');
      await opened.waitFor();
      assert.match((await opened.textContent()) ?? '', /a speaker being heckled at the meetup/);
      await waitForSettled(page);
      await expectAxeClean(page, 'the Members page with a quarantined message open');
      await opened.getByRole('button', { name: /^File message \d+$/ }).click();
      await page.getByTestId('quarantine-status').filter({ hasText: /is filed into case [a-z]+-[a-z]+\./ }).waitFor();

      // The case the report by mail opened: its newest case.
      const reported = await page.evaluate(async () => {
        const cases = (await (await fetch('/api/cases?limit=5')).json()).cases;
        for (const item of cases) {
          const record = await (await fetch(`/api/cases/${item.url_name}`)).json();
          if (record.reports.some((report) => report.text.includes('replied to my posts with insults'))) return item;
        }
        return null;
      });
      assert.ok(reported, 'the report by mail opened a case the chair reads');
      await page.goto(`${demo.server.url}/cases/${reported.url_name}`, { waitUntil: 'load' });
      const drafts = page.getByRole('region', { name: 'Drafts to people outside the group' });
      await drafts.waitFor({ timeout: 20_000 });
      await waitForSettled(page);

      // A letter that names the reporter's address (in a mailto link) is held.
      const form = page.getByRole('form', { name: 'Write a draft' });
      await form.getByLabel('To whom').selectOption('reported-person');
      await form.getByLabel('Addresses').fill('drift@example.org');
      await form.getByLabel('Subject').fill('About your replies');
      await form.getByLabel('Opening').fill('Hello,');
      await form.getByLabel('The behaviour, in neutral words').fill('You replied to mailto:ana%40example.org with insults.');
      await form.getByLabel('Its impact').fill('A newcomer stopped posting.');
      await form.getByLabel('The changes expected').fill('Do not reply to newcomers for a month.');
      await form.getByLabel('The consequences').fill('A further report would lead to a suspension.');
      await form.getByRole('button', { name: 'Save the draft' }).click();
      await page.getByTestId('draft-form-status').filter({ hasText: 'is saved but held' }).waitFor();
      const held = page.getByTestId('draft-1');
      assert.match((await held.textContent()) ?? '', /held/);
      assert.match((await held.textContent()) ?? '', /The draft holds an email address of the reporter\./);
      assert.equal(await held.getByRole('button', { name: 'Send draft 1' }).isDisabled(), true);

      // A clean letter needs a second member: its author cannot send it.
      await form.getByLabel('The behaviour, in neutral words').fill('You replied to a newcomer with insults.');
      await form.getByLabel('Addresses').fill('drift@example.org');
      await form.getByLabel('Subject').fill('About your replies');
      await form.getByLabel('Opening').fill('Hello,');
      await form.getByLabel('Its impact').fill('A newcomer stopped posting.');
      await form.getByLabel('The changes expected').fill('Do not reply to newcomers for a month.');
      await form.getByLabel('The consequences').fill('A further report would lead to a suspension.');
      await form.getByRole('button', { name: 'Save the draft' }).click();
      await page.getByTestId('draft-form-status').filter({ hasText: 'Draft 2 is saved.' }).waitFor();
      const clean = page.getByTestId('draft-2');
      assert.match((await clean.textContent()) ?? '', /needs a second member/);
      await clean.getByRole('button', { name: 'Send draft 2' }).click();
      await page.getByTestId('drafts-status').filter({ hasText: /second member/ }).waitFor();

      // The intake queue: the chair wrote the waiting letter, so it is not theirs to
      // approve; the new reports are listed with links to their cases.
      const caseUrl = page.url();
      await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Intake' }).click();
      await page.waitForURL(`${demo.server.url}/intake`);
      await page.getByTestId('intake-drafts').getByText('No draft waits for your approval.').waitFor({ timeout: 20_000 });
      const waitingForAnother = await page.evaluate(async () => (await (await fetch('/api/drafts/awaiting-review')).json()).drafts);
      assert.deepEqual(waitingForAnother, [], 'an author never approves their own draft');
      const acknowledged = page.getByTestId('intake-acknowledged');
      await acknowledged.getByRole('link').first().waitFor({ timeout: 20_000 });
      await waitForSettled(page);
      await expectAxeClean(page, 'the intake queue');
      await page.goto(caseUrl, { waitUntil: 'load' });
      await clean.waitFor({ timeout: 20_000 });
      await clean.getByRole('button', { name: 'Withdraw draft 2' }).click();
      await page.getByTestId('drafts-status').filter({ hasText: 'Draft 2 is withdrawn.' }).waitFor();
      await waitForSettled(page);
      await expectAxeClean(page, 'the case page with its drafts');
      // The one refusal was the author's own send of the letter that needs review.
      assert.deepEqual(
        problems.filter((problem) => !/409: POST .*\/drafts\/2\/sending|status of 409/.test(problem)),
        [],
      );
    } finally {
      await context.close();
    }
  });
});
