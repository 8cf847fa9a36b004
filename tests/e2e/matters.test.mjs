// The group's own matters in a real browser, by two members each in their own session: a
// voting member opens Matters from the navigation and puts the admission of a member to
// the vote. A matter without its text is refused next to the text field, and a vote of 45
// days next to the days field (by the server); neither records anything. The member lands
// on the matter's page (its text as written, the count so far) and agrees, which the count
// shows. Another member stands aside: the count drops them and they can no longer vote,
// and a ballot they try from a page opened before is refused with its reason. The list,
// the form and the matter are axe-clean and fit a 360-pixel-wide phone.
//
// Run from the repo root: CONDUCT_BIN=build/conduct CONDUCT_WEB_ROOT=web/dist node --test tests/e2e/matters.test.mjs
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, test } from 'node:test';
import {
  DEMO_PASSWORD,
  formatViolations,
  runAxe,
  signInThroughPage,
  waitForSettled,
  watchPage,
  withoutExpected,
  useDemoServer,
} from './support.mjs';

const PROPOSER = 'priya@tidewater.example';
const OTHER = 'jonas@tidewater.example';

/** A demo member's TOTP secret, as the demo writes them beside its database. */
async function memberSecret(server, email) {
  const text = await readFile(path.join(server.dataDir, 'demo-members.txt'), 'utf8');
  const found = text.split('\n').find((line) => line.startsWith(`${email} `));
  assert.ok(found, `the demo lists ${email}'s secret`);
  return found.trim().split(' ')[1];
}

async function assertAxeClean(page, where) {
  const violations = await runAxe(page);
  assert.equal(violations.length, 0, `axe found violations on ${where}:\n${formatViolations(violations)}`);
}

async function assertFitsPhone(page, where) {
  await page.setViewportSize({ width: 360, height: 740 });
  const wide = await page.evaluate(() => document.documentElement.scrollWidth);
  await page.setViewportSize({ width: 1280, height: 720 });
  assert.ok(wide <= 360, `${where} is ${wide} pixels wide on a 360-pixel screen`);
}

/** The numbers of the matters whose text holds `marker`, read through the API as the page's member. */
function mattersWith(page, marker) {
  return page.evaluate(async (text) => {
    const { matters } = await (await fetch('/api/matters?limit=200')).json();
    const found = [];
    for (const { number } of matters) {
      const matter = await (await fetch(`/api/matters/${number}`)).json();
      if (matter.text?.includes(text)) found.push(number);
    }
    return found;
  }, marker);
}

/** "So far 1 of 5 eligible members voted …" → { voted: 1, eligible: 5 }. */
async function countShown(page) {
  const text = await page.getByTestId('vote').getByTestId('arithmetic').innerText();
  const found = /(\d+) of (\d+) eligible members voted/.exec(text);
  assert.ok(found, `the arithmetic counts the ballots: ${text}`);
  return { text, voted: Number(found[1]), eligible: Number(found[2]) };
}

/** A member signed in in a browser context of their own. */
async function signedIn(demo, email) {
  const context = await demo.browser.newContext();
  const page = await context.newPage();
  const problems = watchPage(page);
  const secret = await memberSecret(demo.server, email);
  await signInThroughPage(page, demo.server, { email, password: DEMO_PASSWORD, secret });
  return { context, page, problems };
}

async function openMatter(demo, page, number) {
  await page.goto(`${demo.server.url}/matters/${number}`, { waitUntil: 'load' });
  await page.getByTestId('matter-text').waitFor({ timeout: 20_000 });
  await waitForSettled(page);
}

describe('the group’s own matters', () => {
  const demo = useDemoServer();

  test('a matter is put to the vote, voted on and stood aside from', async () => {
    const proposer = await signedIn(demo, PROPOSER);
    let other = null;
    try {
      const { page, problems } = proposer;

      // Matters, from the navigation.
      const nav = page.getByRole('navigation', { name: 'Main' });
      await nav.getByRole('link', { name: 'Matters' }).click();
      await page.waitForURL(`${demo.server.url}/matters`);
      await page.getByTestId('matter-count').waitFor({ timeout: 20_000 });
      await waitForSettled(page);
      assert.equal(await nav.getByRole('link', { name: 'Matters' }).getAttribute('aria-current'), 'page');
      await assertAxeClean(page, 'the list of matters');

      // The form, its heading focused.
      await page.getByRole('button', { name: 'Put a matter to the vote' }).click();
      const form = page.getByTestId('propose-matter');
      await form.getByRole('heading', { name: 'Put a matter to the vote' }).waitFor();
      assert.equal(await page.evaluate(() => document.activeElement?.id), 'propose-matter-heading');
      await assertAxeClean(page, 'the form');

      // Without its text, refused by its field; nothing is sent.
      const marker = `Matter test ${Date.now()}`;
      const text = `${marker}: admit Ana Lima as a member of the group.\n\nShe has helped at three events.`;
      await form.getByLabel('Kind of matter').selectOption('admit-member');
      await form.getByRole('button', { name: 'Put it to the vote' }).click();
      await page.waitForFunction(() => document.getElementById('matter-text')?.getAttribute('aria-invalid') === 'true');
      assert.match(
        (await page.locator('#matter-text-error').textContent()) ?? '',
        /What the group is asked to agree to is required/,
      );
      assert.equal(await page.evaluate(() => document.activeElement?.id), 'matter-text', 'the focus is on the text');

      // 45 days, refused by the server next to the days.
      await form.getByLabel('What the group is asked to agree to').fill(text);
      await form.getByLabel('Days the vote stays open').fill('45');
      await form.getByRole('button', { name: 'Put it to the vote' }).click();
      await page.waitForFunction(
        () => document.getElementById('matter-vote-days')?.getAttribute('aria-invalid') === 'true',
        null,
        { timeout: 20_000 },
      );
      assert.match(
        (await page.locator('#matter-vote-days-error').textContent()) ?? '',
        /must be a number of days from 1 to 30/,
      );
      assert.equal(
        await page.locator('#matter-text').getAttribute('aria-invalid'),
        null,
        'the text is no longer marked',
      );
      assert.equal(page.url(), `${demo.server.url}/matters`, 'the page stays');
      assert.deepEqual(await mattersWith(page, marker), [], 'nothing was put to the vote');
      await assertAxeClean(page, 'the form with its problem');
      await assertFitsPhone(page, 'the form');

      // Seven days: the member lands on the new matter.
      await form.getByLabel('Days the vote stays open').fill('7');
      await form.getByRole('button', { name: 'Put it to the vote' }).click();
      await page.waitForURL(/\/matters\/\d+$/, { timeout: 20_000 });
      const number = Number(/\/matters\/(\d+)$/.exec(page.url())[1]);
      await page.getByRole('heading', { level: 1, name: `Matter ${number}` }).waitFor({ timeout: 20_000 });
      await waitForSettled(page);
      await page
        .getByTestId('flash')
        .filter({ hasText: `Matter ${number} is put to the vote.` })
        .waitFor();
      assert.deepEqual(await mattersWith(page, marker), [number], 'one matter holds the text');
      const matter = page.getByTestId('matter');
      assert.match(await matter.getByRole('heading', { level: 2 }).innerText(), /Admitting a member\s+Being voted on/);
      assert.match(await page.getByTestId('matter-facts').innerText(), /Put to the vote\s+by Priya Raman/);
      assert.equal(await page.getByTestId('matter-text').innerText(), text, 'line breaks are kept');
      const before = await countShown(page);
      assert.equal(before.voted, 0, 'no one has voted yet');
      assert.match(await matter.innerText(), /You have not voted yet\./);
      await assertAxeClean(page, 'the matter');

      // Agree, from the keyboard: the count shows the ballot.
      await matter.getByRole('button', { name: 'Agree', exact: true }).focus();
      await page.keyboard.press('Enter');
      await matter.getByText('Your ballot: agree.', { exact: false }).first().waitFor({ timeout: 20_000 });
      await waitForSettled(page);
      assert.equal(
        await matter.getByRole('button', { name: 'Agree', exact: true }).getAttribute('aria-pressed'),
        'true',
      );
      const agreed = await countShown(page);
      assert.deepEqual([agreed.voted, agreed.eligible], [1, before.eligible], 'one ballot of as many members');
      assert.match(agreed.text, /\b1 agreed\b/);
      await assertAxeClean(page, 'the matter with a ballot');

      // Listed, and both pages fit a 360-pixel-wide phone.
      await page.goto(`${demo.server.url}/matters`, { waitUntil: 'load' });
      await page.getByTestId('matter-count').waitFor({ timeout: 20_000 });
      await waitForSettled(page);
      const row = page.locator(`[data-testid=matter-table] tr[data-matter="${number}"]`);
      assert.match(await row.innerText(), /Admitting a member\s+Being voted on\s+Priya Raman\s+Closes /);
      await assertFitsPhone(page, '/matters');
      await row.getByRole('link', { name: `Matter ${number}` }).click();
      await page.waitForURL(`${demo.server.url}/matters/${number}`);
      await page.getByTestId('matter-text').waitFor({ timeout: 20_000 });
      await waitForSettled(page);
      await assertFitsPhone(page, `/matters/${number}`);

      // Another member stands aside; a page of theirs opened before tries to vote.
      other = await signedIn(demo, OTHER);
      await openMatter(demo, other.page, number);
      const stale = await other.context.newPage();
      const staleProblems = watchPage(stale);
      await openMatter(demo, stale, number);
      const theirs = other.page.getByTestId('matter');
      assert.equal(await other.page.getByTestId('matter-text').innerText(), text, 'they read the text');
      assert.equal((await countShown(other.page)).voted, 1);
      await theirs.getByRole('button', { name: 'Stand aside from this matter' }).click();
      await theirs
        .getByTestId('own-part')
        .filter({ hasText: 'You stood aside from this matter' })
        .waitFor({ timeout: 20_000 });
      await waitForSettled(other.page);
      assert.equal(await other.page.evaluate(() => document.activeElement?.id), 'matter-vote-heading');
      const aside = await countShown(other.page);
      assert.deepEqual([aside.voted, aside.eligible], [1, before.eligible - 1], 'the count drops them');
      for (const name of ['Agree', 'Object', 'Abstain', 'Stand aside from this matter'])
        assert.equal(await theirs.getByRole('button', { name, exact: true }).count(), 0, `no ${name} button`);
      await assertAxeClean(other.page, 'the matter stood aside from');

      await stale.getByTestId('matter').getByRole('button', { name: 'Agree', exact: true }).click();
      const refusal = stale.getByTestId('matter').getByRole('alert').filter({ hasText: 'stood aside' });
      await refusal.waitFor({ timeout: 20_000 });
      assert.match(await refusal.innerText(), /You stood aside from this matter: you take no part in its vote\./);
      await waitForSettled(stale);

      // The proposer's count drops them too.
      await openMatter(demo, page, number);
      assert.deepEqual([(await countShown(page)).voted, (await countShown(page)).eligible], [1, before.eligible - 1]);

      const mine = withoutExpected(problems, [{ method: 'POST', path: '/api/matters', status: 400 }]);
      assert.deepEqual(mine.missing, [], 'the 45 days were refused');
      assert.equal(mine.left.length, 0, `the proposer's pages logged problems:\n${mine.left.join('\n')}`);
      assert.equal(other.problems.length, 0, `the other member's page logged problems:\n${other.problems.join('\n')}`);
      const late = withoutExpected(staleProblems, [
        { method: 'POST', path: `/api/matters/${number}/ballots`, status: 409 },
      ]);
      assert.deepEqual(late.missing, [], 'the late ballot was refused');
      assert.equal(late.left.length, 0, `the earlier page logged problems:\n${late.left.join('\n')}`);
    } finally {
      await other?.context.close();
      await proposer.context.close();
    }
  });
});
