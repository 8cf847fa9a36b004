// A report from someone without an account, in a real browser, on the demo. Someone
// fills the public report form with no session (it is axe clean, in English and in
// Spanish, and works with scripts off), ticks "someone is in physical danger" and sees the advice to call
// emergency services before sending, sends it anonymously with a file and keeps the receipt. The
// chair finds the new case, writes to the reporter from the case page; the reporter
// opens the portal with the receipt, reads the message and answers; the chair reads
// the answer. A second report, with an address, names a member of the working group on
// the form: the case page shows its acknowledgement sent, and that member never sees the
// case, not in the list, not its count, not at its address.
//
// Run from the repo root: CONDUCT_BIN=build/conduct node --test tests/e2e/
import assert from 'node:assert/strict';
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

const NEWCOMER_EMAIL = 'noa@tidewater.example';
const NEWCOMER_NAME = 'Noa Levi';

async function expectAxeClean(page, where) {
  const violations = await runAxe(page);
  assert.equal(violations.length, 0, `axe found accessibility violations on ${where}:\n${formatViolations(violations)}`);
}

// The newest case the chair's session lists: the report just sent.
async function newestCase(page) {
  return page.evaluate(async () => (await (await fetch('/api/cases?limit=1')).json()).cases[0]);
}

describe('reports from people without an account', () => {
  const demo = useDemoServer();

  test('an anonymous report, its receipt, and a conversation through the portal', async () => {
    // axe needs scripts; the pages have none of their own (the second test sends a
    // report with scripts off).
    const reporter = await demo.browser.newContext();
    const chair = await demo.browser.newContext();
    try {
      const form = await reporter.newPage();
      const formProblems = watchPage(form);
      await form.goto(`${demo.server.url}/report/tidewater?lang=es`, { waitUntil: 'load' });
      assert.equal(await form.locator('html').getAttribute('lang'), 'es');
      assert.match((await form.getByRole('heading', { level: 1 }).textContent()) ?? '', /Informar de un problema/);
      await form.getByRole('link', { name: 'English' }).click();
      await form.waitForURL(/lang=en/);
      await form.getByRole('heading', { level: 1, name: /Report a concern to Tidewater/ }).waitFor();
      await expectAxeClean(form, 'the report form');

      // The advice to call emergency services shows as soon as the box is ticked,
      // before anything is sent, with scripts off.
      const advice = form.locator('.danger-choice .danger-advice');
      assert.equal(await advice.isVisible(), false);
      await form.getByLabel('Someone is in physical danger').check();
      assert.equal(await advice.isVisible(), true);
      assert.match((await advice.textContent()) ?? '', /contact your local emergency services first/);

      // Sent without what happened (past the browser's own check of the required
      // field): the server sends the form back with the problem named.
      assert.equal(await form.getByLabel('What happened', { exact: true }).getAttribute('required'), '');
      await form.locator('form').evaluate((element) => {
        element.noValidate = true;
      });
      await form.getByRole('button', { name: 'Send the report' }).click();
      await form.getByRole('heading', { name: 'The report was not sent. Please check:' }).waitFor();
      assert.equal(await form.getByLabel('What happened', { exact: true }).getAttribute('aria-invalid'), 'true');
      await expectAxeClean(form, 'the form with an error');

      await form
        .getByLabel('What happened', { exact: true })
        .fill('Someone in the project chat kept sending me private messages after I asked them to stop.');
      await form.getByRole('group', { name: 'Content notes' }).getByLabel('Violence or threats').check();
      // A screenshot goes with the report: the form states its limits.
      assert.match((await form.locator('#files-help').textContent()) ?? '', /Up to 5 files, 20 MiB in all/);
      await form.getByLabel('Files (screenshots, logs, photos)').setInputFiles({
        name: 'chat-screenshot.png',
        mimeType: 'image/png',
        buffer: Buffer.from('not really a PNG, but bytes all the same'),
      });
      await form.getByRole('button', { name: 'Send the report' }).click();
      await form.getByRole('heading', { level: 1, name: 'Your report has been sent' }).waitFor();
      const receipt = ((await form.getByTestId('receipt').textContent()) ?? '').trim();
      assert.match(receipt, /^([0-9A-Z]{4}-){6}[0-9A-Z]{4}$/);
      await expectAxeClean(form, 'the confirmation page');
      // With scripts on, the receipt can be copied and the page printed; leaving for the
      // portal asks first that the receipt be saved.
      assert.equal(await form.getByRole('button', { name: 'Copy the receipt' }).isVisible(), true);
      assert.equal(await form.getByRole('button', { name: 'Print this page' }).isVisible(), true);
      await form.getByRole('button', { name: 'Open the portal' }).click();
      assert.match(form.url(), /\/report\/tidewater$/, 'the portal waits until the receipt is said to be saved');
      await form.getByLabel('I have saved my receipt somewhere safe').check();
      await form.getByRole('button', { name: 'Open the portal' }).click();
      await form.waitForURL(/\/portal\?lang=en&saved=yes$/);
      // The one refusal was the form sent without what happened.
      assert.deepEqual(
        formProblems.filter((problem) => !/HTTP 400: POST .*\/report\/tidewater$|status of 400/.test(problem)),
        [],
      );

      // The chair finds the case and writes to the reporter from its page.
      const robin = await chair.newPage();
      const robinProblems = watchPage(robin);
      await signInThroughPage(robin, demo.server, { email: DEMO_CHAIR_EMAIL, password: DEMO_PASSWORD, secret: demo.secret });
      const reported = await newestCase(robin);
      assert.equal(reported.state, 'received', 'no address was given: the case waits for its acknowledgement');
      await robin.goto(`${demo.server.url}/cases/${reported.url_name}`, { waitUntil: 'load' });
      // The report's content note warns before its text opens.
      const noted = robin.getByTestId('content-noted');
      await noted.waitFor({ timeout: 20_000 });
      assert.equal(await noted.getAttribute('open'), null, 'the report stays closed');
      assert.match((await noted.locator('summary').textContent()) ?? '', /Content notes: violence or threats/);
      assert.equal(await noted.getByText(/kept sending me private messages/).isVisible(), false);
      await noted.locator('summary').click();
      assert.equal(await noted.getByText(/kept sending me private messages/).isVisible(), true);
      const thread = robin.getByRole('region', { name: 'Messages with the reporter' });
      await thread.waitFor({ timeout: 20_000 });
      await waitForSettled(robin);
      await thread.getByLabel('Message to the reporter').fill('Thank you for writing to us. Are the messages still arriving?');
      await thread.getByRole('button', { name: 'Send to the reporter' }).click();
      await robin.getByTestId('thread-status').filter({ hasText: 'Message sent to the reporter.' }).waitFor({ timeout: 20_000 });
      assert.match((await robin.getByTestId('thread-messages').textContent()) ?? '', /Are the messages still arriving/);
      await expectAxeClean(robin, 'the case page with its reporter thread');
      await waitForSettled(robin);

      // The reporter opens the portal with the receipt, typed in lower case without
      // dashes, reads the message and answers it.
      const portal = await reporter.newPage();
      const portalProblems = watchPage(portal);
      await portal.goto(`${demo.server.url}/portal`, { waitUntil: 'load' });
      await expectAxeClean(portal, 'the portal');
      await portal.getByLabel('Receipt').fill(receipt.toLowerCase().replaceAll('-', ''));
      await portal.getByRole('button', { name: 'Open' }).click();
      await portal.waitForURL(`${demo.server.url}/portal/thread`);
      assert.match((await portal.getByTestId('portal-status').textContent()) ?? '', /received your report/);
      assert.match((await portal.getByTestId('portal-messages').textContent()) ?? '', /Are the messages still arriving/);
      await expectAxeClean(portal, 'the reporter thread');
      await portal.getByLabel('Reply or add information').fill('Yes, two more arrived this morning.');
      await portal.getByLabel('Files (screenshots, logs, photos)').setInputFiles({
        name: 'morning-messages.txt',
        mimeType: 'text/plain',
        buffer: Buffer.from('09:12 another message\n09:40 and another\n'),
      });
      await portal.getByRole('button', { name: 'Send' }).click();
      await portal.getByText('Your message has been sent to the working group.').waitFor();
      assert.match((await portal.getByTestId('portal-messages').textContent()) ?? '', /two more arrived this morning/);
      assert.deepEqual(portalProblems, []);

      // A wrong receipt opens nothing.
      const guess = await reporter.newPage();
      await guess.goto(`${demo.server.url}/portal`, { waitUntil: 'load' });
      await guess.getByLabel('Receipt').fill('K7QD-2M9X-ABCD-EFGH-JKMN-PQRS-TVWB');
      await guess.getByRole('button', { name: 'Open' }).click();
      await guess.getByText('This receipt does not open a report.').waitFor();

      // The chair reads the answer on the case page.
      await robin.reload({ waitUntil: 'load' });
      await robin.getByTestId('thread-messages').waitFor({ timeout: 20_000 });
      assert.match((await robin.getByTestId('thread-messages').textContent()) ?? '', /From the reporter.*two more arrived/s);
      // Both files are the case's evidence, the report's and the portal's.
      await robin.getByText('chat-screenshot.png').first().waitFor({ timeout: 20_000 });
      await robin.getByText('morning-messages.txt').first().waitFor({ timeout: 20_000 });
      assert.match((await robin.getByTestId('thread-messages').textContent()) ?? '', /Files sent: morning-messages\.txt/);
      await waitForSettled(robin);
      assert.deepEqual(robinProblems, []);
    } finally {
      await reporter.close();
      await chair.close();
    }
  });

  test('a member the report names never sees it (the form sent with scripts off)', async () => {
    const reporter = await demo.browser.newContext({ javaScriptEnabled: false });
    const chair = await demo.browser.newContext();
    const newcomer = await demo.browser.newContext();
    try {
      const form = await reporter.newPage();
      await form.goto(`${demo.server.url}/report/tidewater`, { waitUntil: 'load' });
      await form.getByLabel('What happened', { exact: true }).fill('A member of the working group made a remark about my accent.');
      await form.getByRole('group', { name: /concern a member of the working group/ }).getByLabel(NEWCOMER_NAME).check();
      await form.getByLabel('Your email address').fill('reporter@example.net');
      await form.getByRole('button', { name: 'Send the report' }).click();
      await form.getByRole('heading', { level: 1, name: 'Your report has been sent' }).waitFor();
      assert.match((await form.locator('main').textContent()) ?? '', /acknowledgement to reporter@example\.net/);

      const robin = await chair.newPage();
      watchPage(robin);
      await signInThroughPage(robin, demo.server, { email: DEMO_CHAIR_EMAIL, password: DEMO_PASSWORD, secret: demo.secret });
      const reported = await newestCase(robin);
      assert.equal(reported.state, 'acknowledged', 'the acknowledgement went out when the report arrived');
      // The case page shows the acknowledgement sent (the mail job runs every second).
      await robin.goto(`${demo.server.url}/cases/${reported.url_name}`, { waitUntil: 'load' });
      const mail = robin.getByTestId('case-mail');
      await mail.waitFor({ timeout: 20_000 });
      const acknowledgement = mail.locator('tr[data-status="sent"]').filter({ hasText: 'Acknowledgement to the reporter' });
      for (let attempt = 0; attempt < 20 && (await acknowledgement.count()) === 0; ++attempt) {
        await new Promise((resolve) => setTimeout(resolve, 500));
        await robin.reload({ waitUntil: 'load' });
        await mail.waitFor({ timeout: 20_000 });
      }
      assert.equal(await acknowledgement.count(), 1, 'the acknowledgement is shown as sent');
      await waitForSettled(robin);

      const secret = /newcomer's TOTP secret: ([A-Z2-7]+)\)/.exec(demo.server.output())?.[1];
      assert.ok(secret, 'the demo prints the newcomer TOTP secret');
      const noa = await newcomer.newPage();
      watchPage(noa);
      await signInThroughPage(noa, demo.server, { email: NEWCOMER_EMAIL, password: DEMO_PASSWORD, secret });
      const listed = await noa.evaluate(async () => (await (await fetch('/api/cases?limit=200')).json()).cases.map((c) => c.url_name));
      assert.ok(!listed.includes(reported.url_name), 'the case is not in the named member\'s list');
      const status = await noa.evaluate(async (name) => (await fetch(`/api/cases/${name}`)).status, reported.url_name);
      assert.equal(status, 404, 'its address answers like a case that never existed');
      await noa.goto(`${demo.server.url}/cases/${reported.url_name}`, { waitUntil: 'load' });
      await noa.getByRole('heading', { level: 1, name: 'No such case' }).waitFor({ timeout: 20_000 });
      await waitForSettled(noa);
    } finally {
      await reporter.close();
      await chair.close();
      await newcomer.close();
    }
  });
});
