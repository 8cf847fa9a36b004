// A local representative in a real browser against the demo: the chair adds an event
// team's account, the team enrols and signs in, lands on its own page (no cases in the
// navigation, /cases leads back to it), sends an after-event summary and sees it listed
// with where it stands; the chair finds the case it opened, acknowledged.
//
// Run from the repo root: CONDUCT_BIN=build/conduct node --test tests/e2e/
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import {
  DEMO_CHAIR_EMAIL,
  DEMO_PASSWORD,
  fillSignIn,
  nextTotpCode,
  runAxe,
  formatViolations,
  signInThroughPage,
  waitForSettled,
  watchPage,
  useDemoServer,
} from './support.mjs';

const TEAM_EMAIL = 'coc@harbour-days.example';
const TEAM_PASSWORD = 'lanterns along the harbour';

describe('local representatives', () => {
  const demo = useDemoServer();

  test('an event team sends an after-event summary and follows it without seeing the case', async () => {
    const chairContext = await demo.browser.newContext();
    const teamContext = await demo.browser.newContext();
    try {
      // The chair adds the team's account through the API, as the Members page does.
      const chair = await chairContext.newPage();
      watchPage(chair);
      await signInThroughPage(chair, demo.server, { email: DEMO_CHAIR_EMAIL, password: DEMO_PASSWORD, secret: demo.secret });
      const added = await chair.evaluate(async (email) => {
        const me = await (await fetch('/api/me')).json();
        const answer = await fetch('/api/members', {
          method: 'POST',
          headers: { 'Content-Type': 'application/json', 'X-CSRF-Token': me.csrf_token },
          body: JSON.stringify({ email, name: 'Harbour Days 2027 CoC team', role: 'local-representative' }),
        });
        return { status: answer.status, body: await answer.json() };
      }, TEAM_EMAIL);
      assert.equal(added.status, 201, JSON.stringify(added.body));
      await chair.evaluate(async (email) => {
        const me = await (await fetch('/api/me')).json();
        await fetch(`/api/members/${encodeURIComponent(email)}/certification`, {
          method: 'POST',
          headers: { 'X-CSRF-Token': me.csrf_token },
        });
      }, TEAM_EMAIL);

      // The team enrols with the link (by the API: the enrolment page has its own test).
      const token = added.body.enrolment_token;
      const enrolment = await (await fetch(`${demo.server.url}/api/enrolment/${token}`)).json();
      const secret = enrolment.totp_secret;
      const enrolled = await fetch(`${demo.server.url}/api/enrolment/${token}`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ password: TEAM_PASSWORD, totp_secret: secret, code: await nextTotpCode(secret) }),
      });
      assert.equal(enrolled.status, 201, await enrolled.text());

      // Signed in, the team lands on its own page: no cases anywhere.
      const team = await teamContext.newPage();
      const problems = watchPage(team);
      await team.goto(`${demo.server.url}/sign-in`, { waitUntil: 'load' });
      await fillSignIn(team, { email: TEAM_EMAIL, password: TEAM_PASSWORD, code: await nextTotpCode(secret) });
      await team.waitForURL(`${demo.server.url}/submissions`, { timeout: 20_000 });
      await team.getByRole('heading', { level: 1, name: 'Submissions' }).waitFor();
      const nav = team.getByRole('navigation', { name: 'Main' });
      assert.deepEqual(await nav.getByRole('link').allTextContents(), ['Submissions']);
      await team.getByText('Nothing sent yet.').waitFor({ timeout: 20_000 });
      await waitForSettled(team);
      const violations = await runAxe(team);
      assert.equal(violations.length, 0, formatViolations(violations));

      // A summary without what the team did is caught on the page.
      await team.getByLabel('What happened').fill('A speaker’s slides included an offensive image.');
      await team.getByRole('button', { name: 'Send to the working group' }).click();
      await team.waitForFunction(() => document.getElementById('actions_taken')?.getAttribute('aria-invalid') === 'true');
      await team.getByLabel('What your team did').fill('We spoke with the speaker, who removed the slide at once.');
      await team.getByLabel('Responses and outcome').fill('The speaker apologised from the stage.');
      await team.getByLabel('Name of person 1').fill('Sam Speaker');
      await team.getByRole('button', { name: 'Send to the working group' }).click();
      await team.getByTestId('submission-status').filter({ hasText: 'the working group has your after-event summary' }).waitFor({ timeout: 20_000 });
      const row = team.getByTestId('sent-submissions').locator('tbody tr');
      await row.first().waitFor();
      assert.equal(await row.count(), 1);
      assert.match((await row.first().textContent()) ?? '', /After-event summary.*We have received your report/);

      // The cases stay closed: /cases leads back, the API refuses.
      await team.goto(`${demo.server.url}/cases`, { waitUntil: 'load' });
      await team.waitForURL(`${demo.server.url}/submissions`, { timeout: 20_000 });
      const refused = await team.evaluate(async () => (await fetch('/api/cases')).status);
      assert.equal(refused, 403);
      assert.deepEqual(
        problems.filter((problem) => !/403/.test(problem)),
        [],
      );

      // The chair finds the case the summary opened, acknowledged, from the team.
      const newest = await chair.evaluate(async () => (await (await fetch('/api/cases')).json()).cases[0]);
      assert.equal(newest.state, 'acknowledged');
      const record = await chair.evaluate(async (name) => (await fetch(`/api/cases/${name}`)).json(), newest.url_name);
      assert.equal(record.reports[0].channel, 'local-representative');
      assert.match(record.reports[0].text, /What the team did:\nWe spoke with the speaker/);
    } finally {
      await chairContext.close();
      await teamContext.close();
    }
  });
});
