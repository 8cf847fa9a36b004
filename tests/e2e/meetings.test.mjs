// The group's meetings in a real browser: a working-group member opens Meetings from the
// navigation and records a meeting held today, with two attendees, general minutes, what
// was said about one case and a decision taken in chat on it. A date in the future is
// refused next to the date field and records nothing. The member lands on the meeting's
// page (minutes as written, both entries linked to their case), and the case's timeline
// shows the minutes. The list, the form and the meeting are axe-clean and fit a
// 360-pixel-wide phone.
//
// Run from the repo root: CONDUCT_BIN=build/conduct CONDUCT_WEB_ROOT=web/dist node --test tests/e2e/meetings.test.mjs
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

const MEMBER = 'priya@tidewater.example';
const OTHER = 'Jonas Lindqvist';

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

/** The meetings whose general minutes hold `marker`, read through the API as the page's member. */
function meetingsWith(page, marker) {
  return page.evaluate(async (text) => {
    const { meetings } = await (await fetch('/api/meetings?limit=200')).json();
    const found = [];
    for (const { number } of meetings) {
      const meeting = await (await fetch(`/api/meetings/${number}`)).json();
      if (meeting.minutes?.includes(text)) found.push(number);
    }
    return found;
  }, marker);
}

describe('the group’s meetings', () => {
  const demo = useDemoServer();

  test('a meeting is recorded, shown, and its minutes reach the case', async () => {
    const context = await demo.browser.newContext();
    try {
      const page = await context.newPage();
      const problems = watchPage(page);
      const secret = await memberSecret(demo.server, MEMBER);
      await signInThroughPage(page, demo.server, { email: MEMBER, password: DEMO_PASSWORD, secret });
      const { cases } = await page.evaluate(async () => (await fetch('/api/cases')).json());
      const target =
        cases.find((item) => item.state === 'investigating') ?? cases.find((item) => item.state !== 'resolved');
      assert.ok(target, 'the member sees a case that is still open');

      // Meetings, from the navigation.
      const nav = page.getByRole('navigation', { name: 'Main' });
      await nav.getByRole('link', { name: 'Meetings' }).click();
      await page.waitForURL(`${demo.server.url}/meetings`);
      await page.getByTestId('meeting-count').waitFor({ timeout: 20_000 });
      await waitForSettled(page);
      assert.equal(await nav.getByRole('link', { name: 'Meetings' }).getAttribute('aria-current'), 'page');
      await assertAxeClean(page, 'the list of meetings');

      // The form: today's date, the member already ticked as present.
      await page.getByRole('button', { name: 'Record a meeting' }).click();
      const form = page.getByTestId('record-meeting');
      await form.getByRole('checkbox', { name: OTHER }).waitFor({ timeout: 20_000 });
      await waitForSettled(page);
      const { today, tomorrow, anHourAgo } = await page.evaluate(() => {
        const pad = (n) => String(n).padStart(2, '0');
        const day = (d) => `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
        const now = new Date();
        const earlier = new Date(now.getTime() - 3_600_000);
        return {
          today: day(now),
          tomorrow: day(new Date(now.getTime() + 86_400_000)),
          anHourAgo: `${day(earlier)}T${pad(earlier.getHours())}:${pad(earlier.getMinutes())}`,
        };
      });
      const date = form.getByLabel('Date of the meeting');
      assert.equal(await date.inputValue(), today, 'the date is today at first');
      assert.ok(await form.getByRole('checkbox', { name: 'Priya Raman' }).isChecked(), 'the member is ticked');
      await form.getByRole('checkbox', { name: OTHER }).check();

      const marker = `Meeting test ${Date.now()}`;
      const minutes = `${marker}\nWe agreed to review the intake rota.\n\nNext meeting in two weeks.`;
      const caseMinutes = `The reporter sent new screenshots.\nJonas will read them by Friday.`;
      const decision = 'Ask the forum moderators for the thread’s edit history.';
      await form.getByLabel('General minutes').fill(minutes);
      await form.getByRole('button', { name: 'Add a case' }).click();
      const discussed = form.getByRole('group', { name: 'Case discussed 1' });
      await discussed.getByLabel('Case', { exact: true }).fill(target.code_name);
      await discussed.getByLabel('What was said').fill(caseMinutes);
      await form.getByRole('button', { name: 'Add a decision taken in chat' }).click();
      const chat = form.getByRole('group', { name: 'Decision taken in chat 1' });
      await chat.getByLabel('Case', { exact: true }).fill(target.code_name);
      await chat.getByLabel('Who decided').fill('Sam and Mei');
      await chat.getByLabel('When').fill(anHourAgo);
      await chat.getByLabel('Channel').fill('#wg-private');
      await chat.getByLabel('Decision', { exact: true }).fill(decision);
      await assertAxeClean(page, 'the form');

      // A day in the future is refused next to the date, and nothing is recorded.
      await date.fill(tomorrow);
      await form.getByRole('button', { name: 'Record the meeting' }).click();
      await page.waitForFunction(
        () => document.getElementById('meeting-held-on')?.getAttribute('aria-invalid') === 'true',
        null,
        {
          timeout: 20_000,
        },
      );
      assert.match(
        (await page.locator('#meeting-held-on-error').textContent()) ?? '',
        /Date of the meeting must not be in the future/,
      );
      assert.equal(page.url(), `${demo.server.url}/meetings`, 'the page stays');
      assert.deepEqual(await meetingsWith(page, marker), [], 'nothing was recorded');
      await assertAxeClean(page, 'the form with its problem');

      // The form fits a phone, problem and all.
      await page.setViewportSize({ width: 360, height: 740 });
      assert.ok((await page.evaluate(() => document.documentElement.scrollWidth)) <= 360, 'the form fits 360 pixels');
      await page.setViewportSize({ width: 1280, height: 720 });

      // Today: the member lands on the new meeting.
      await date.fill(today);
      await form.getByRole('button', { name: 'Record the meeting' }).click();
      await page.waitForURL(/\/meetings\/\d+$/, { timeout: 20_000 });
      const number = Number(/\/meetings\/(\d+)$/.exec(page.url())[1]);
      await page.getByRole('heading', { level: 1, name: `Meeting ${number}` }).waitFor({ timeout: 20_000 });
      await waitForSettled(page);
      assert.deepEqual(await meetingsWith(page, marker), [number], 'one meeting holds the minutes');
      await page
        .getByTestId('flash')
        .filter({ hasText: `Meeting ${number} recorded.` })
        .waitFor();
      const summary = await page.getByTestId('meeting-summary').innerText();
      assert.match(summary, /Priya Raman, Jonas Lindqvist/);
      assert.match(summary, /Recorded by\s+Priya Raman/);
      assert.equal(await page.getByTestId('general-minutes').innerText(), minutes, 'line breaks are kept');
      const entries = page.getByTestId('meeting-entries').locator(':scope > li');
      assert.equal(await entries.count(), 2, 'the case discussed and the chat decision');
      const said = entries.nth(0);
      assert.equal(await said.getAttribute('data-kind'), 'minutes');
      assert.match(await said.innerText(), /Minutes/);
      assert.match(await said.locator('.entry-text').innerText(), new RegExp(caseMinutes.replace(/\./g, '\\.')));
      const decided = entries.nth(1);
      assert.equal(await decided.getAttribute('data-kind'), 'chat-decision');
      assert.match(await decided.innerText(), /Decision taken in chat/);
      assert.match(await decided.locator('.entry-text').innerText(), /#wg-private/);
      assert.ok((await decided.locator('.entry-text').innerText()).includes(decision));
      await assertAxeClean(page, 'the meeting');

      // Listed with its attendees.
      await page.goto(`${demo.server.url}/meetings`, { waitUntil: 'load' });
      await page.getByTestId('meeting-count').waitFor({ timeout: 20_000 });
      await waitForSettled(page);
      const row = page.locator(`[data-testid=meeting-table] tr[data-meeting="${number}"]`);
      assert.match(await row.innerText(), /Priya Raman, Jonas Lindqvist/);

      // Both pages fit a 360-pixel-wide phone.
      await page.setViewportSize({ width: 360, height: 740 });
      for (const where of ['/meetings', `/meetings/${number}`]) {
        await page.goto(`${demo.server.url}${where}`, { waitUntil: 'load' });
        await waitForSettled(page);
        const wide = await page.evaluate(() => document.documentElement.scrollWidth);
        assert.ok(wide <= 360, `${where} is ${wide} pixels wide on a 360-pixel screen`);
      }
      await page.setViewportSize({ width: 1280, height: 720 });

      // The case's timeline has the minutes.
      await page
        .getByTestId('meeting-entries')
        .locator('li[data-kind=minutes]')
        .getByRole('link', { name: target.code_name })
        .click();
      await page.waitForURL(`${demo.server.url}/cases/${target.url_name}`, { timeout: 20_000 });
      await page.getByTestId('timeline').waitFor({ timeout: 20_000 });
      await waitForSettled(page);
      const onCase = page.getByTestId('timeline').locator(':scope > li[data-kind=minutes]').last();
      assert.ok((await onCase.locator('.entry-text').innerText()).includes(caseMinutes), 'the minutes are on the case');
      assert.match(await onCase.innerText(), new RegExp(`Meeting ${number}`));

      const { left, missing } = withoutExpected(problems, [{ method: 'POST', path: '/api/meetings', status: 400 }]);
      assert.deepEqual(missing, [], 'the future date was refused');
      assert.equal(left.length, 0, `the pages logged problems:\n${left.join('\n')}`);
    } finally {
      await context.close();
    }
  });
});
