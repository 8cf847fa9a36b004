// Granting a sealed case in a real browser, on the demo: the newcomer who screened a
// case waits for its key; the chair sees the grant waiting on the dashboard and grants
// it; the newcomer then reads the case; after declaring a conflict they cannot, and
// the case's address answers like a missing one. The chair's audit trail of the case
// shows every step, refusals included, and no content.
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
  withoutExpected,
  useDemoServer,
} from './support.mjs';

const NEWCOMER_EMAIL = 'noa@tidewater.example';
const NEWCOMER_NAME = 'Noa Levi';

function newcomerSecret(server) {
  const found = /newcomer's TOTP secret: ([A-Z2-7]+)\)/.exec(server.output());
  assert.ok(found, `the demo prints the newcomer's TOTP secret:\n${server.output()}`);
  return found[1];
}

function waitingCase(server) {
  const found = /screened '([a-z-]+)' and waits for its key/.exec(server.output());
  assert.ok(found, 'the demo names the case the newcomer waits for');
  return found[1];
}

describe('granting a sealed case', () => {
  const demo = useDemoServer();

  test('the chair grants the waiting newcomer, who reads the case until declaring a conflict', async () => {
    const urlName = waitingCase(demo.server);
    const newcomer = await demo.browser.newContext();
    const chair = await demo.browser.newContext();
    try {
      // Before the grant the case is still hidden from the newcomer.
      const noa = await newcomer.newPage();
      const noaProblems = watchPage(noa);
      await signInThroughPage(noa, demo.server, { email: NEWCOMER_EMAIL, password: DEMO_PASSWORD, secret: newcomerSecret(demo.server) });
      await noa.goto(`${demo.server.url}/cases/${urlName}`, { waitUntil: 'load' });
      await noa.getByRole('heading', { level: 1, name: 'No such case' }).waitFor({ timeout: 20_000 });
      await waitForSettled(noa);

      // The chair grants it from the dashboard.
      const robin = await chair.newPage();
      const robinProblems = watchPage(robin);
      await signInThroughPage(robin, demo.server, { email: DEMO_CHAIR_EMAIL, password: DEMO_PASSWORD, secret: demo.secret });
      const grants = robin.getByTestId('grants');
      await grants.waitFor({ timeout: 20_000 });
      assert.match((await grants.getByRole('heading').textContent()) ?? '', /Waiting for access: 1 grant/);
      const item = grants.locator(`li[data-case="${urlName}"]`);
      assert.match((await item.textContent()) ?? '', new RegExp(`${NEWCOMER_NAME}.*declared no conflict`));
      const violations = await runAxe(robin);
      assert.equal(violations.length, 0, `axe found accessibility violations:\n${formatViolations(violations)}`);
      await item.getByRole('button', { name: /^Grant/ }).click();
      await robin.getByTestId('grants-status').filter({ hasText: `${NEWCOMER_NAME} can now read` }).waitFor({ timeout: 20_000 });
      assert.equal(await grants.locator('li').count(), 0, 'nothing is left waiting');
      await waitForSettled(robin);

      // The newcomer reads the whole case now.
      await noa.goto(`${demo.server.url}/cases/${urlName}`, { waitUntil: 'load' });
      await noa.getByTestId('timeline').waitFor({ timeout: 20_000 });
      await waitForSettled(noa);
      const record = await noa.evaluate(async (name) => (await fetch(`/api/cases/${name}`)).json(), urlName);
      assert.ok(record.reports[0].text.length > 0, 'the report opens for the newcomer');

      // Search opens the cases the newcomer holds: the granted one is found by its words.
      await noa.goto(`${demo.server.url}/cases`, { waitUntil: 'load' });
      await noa.getByTestId('case-count').waitFor({ timeout: 20_000 });
      const words = record.reports[0].text.split(/\s+/).slice(2, 4).join(' ');
      await noa.getByLabel('Search your cases').fill(words);
      await noa.getByRole('button', { name: 'Search' }).click();
      await noa.getByTestId('search-status').filter({ hasText: 'Found in 1 case.' }).waitFor({ timeout: 20_000 });
      assert.match((await noa.getByTestId('search-results').textContent()) ?? '', new RegExp(record.code_name));
      const searchViolations = await runAxe(noa);
      assert.equal(searchViolations.length, 0, `axe found accessibility violations:\n${formatViolations(searchViolations)}`);
      await waitForSettled(noa);
      await noa.goto(`${demo.server.url}/cases/${urlName}`, { waitUntil: 'load' });
      await noa.getByTestId('timeline').waitFor({ timeout: 20_000 });
      await waitForSettled(noa);

      // After declaring a conflict the case is gone for them.
      const conflict = noa.getByRole('form', { name: 'Declare a conflict of interest' });
      await conflict.getByLabel(/You will lose access to this case at once/).check();
      await conflict.getByRole('button', { name: 'Declare a conflict' }).click();
      await noa.waitForURL(`${demo.server.url}/cases`, { timeout: 20_000 });
      await waitForSettled(noa);
      await noa.goto(`${demo.server.url}/cases/${urlName}`, { waitUntil: 'load' });
      await noa.getByRole('heading', { level: 1, name: 'No such case' }).waitFor({ timeout: 20_000 });
      await waitForSettled(noa);
      const hidden = await noa.evaluate(async (name) => (await fetch(`/api/cases/${name}`)).status, urlName);
      assert.equal(hidden, 404);

      // The chair follows the case page's link to its audit trail.
      await robin.goto(`${demo.server.url}/cases/${urlName}`, { waitUntil: 'load' });
      await robin.getByRole('link', { name: 'Audit trail of this case' }).click();
      await robin.waitForURL(`${demo.server.url}/audit?case=${urlName}`, { timeout: 20_000 });
      const trail = robin.getByTestId('audit-table');
      await trail.waitFor({ timeout: 20_000 });
      await waitForSettled(robin);
      const rows = await trail.locator('tbody tr').evaluateAll((trs) =>
        trs.map((tr) => [tr.children[2].textContent, tr.getAttribute('data-action')].join(' | ')),
      );
      for (const expected of [
        `${NEWCOMER_NAME} | refused read-case`,
        'Robin Achterberg | access.grant',
        `${NEWCOMER_NAME} | case.read`,
        `${NEWCOMER_NAME} | case.search`,
        `${NEWCOMER_NAME} | conflict.declare`,
      ]) {
        assert.ok(rows.includes(expected), `the trail shows "${expected}":\n${rows.join('\n')}`);
      }
      const trailText = (await trail.textContent()) ?? '';
      assert.ok(!trailText.includes(words), 'the trail shows no content');
      const trailViolations = await runAxe(robin);
      assert.equal(trailViolations.length, 0, `axe found accessibility violations:\n${formatViolations(trailViolations)}`);

      const { left, missing } = withoutExpected(noaProblems, [
        { path: `/api/cases/${urlName}`, status: 404, count: 3 },
      ]);
      assert.deepEqual(missing, [], 'the expected refusals happened');
      assert.deepEqual(left, [], 'no other failed request or console error for the newcomer');
      assert.deepEqual(robinProblems, [], 'no failed request or console error for the chair');
    } finally {
      await newcomer.close();
      await chair.close();
    }
  });
});
