// A chair adds a member on /members and gets a one-time enrolment link; the new member
// opens it, sets up their authenticator from the secret shown (and its QR code), chooses
// a password, signs in, and sees the cases they still have to screen.
//
// Run from the repo root: CONDUCT_BIN=build/conduct node --test tests/e2e/
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import {
  DEMO_CHAIR_EMAIL,
  DEMO_PASSWORD,
  fillSignIn,
  formatViolations,
  nextTotpCode,
  readQrCode,
  runAxe,
  signInThroughPage,
  watchPage,
  withoutExpected,
  useDemoServer,
} from './support.mjs';

async function assertNoAxeViolations(page, where) {
  const violations = await runAxe(page);
  assert.equal(violations.length, 0, `axe found accessibility violations on ${where}:\n${formatViolations(violations)}`);
}

describe('members and enrolment', () => {
  const demo = useDemoServer();

  test('a chair adds a member, who enrols and signs in', async () => {
    const chairContext = await demo.browser.newContext();
    const memberContext = await demo.browser.newContext();
    try {
      // The chair: Members is in the navigation.
      const chair = await chairContext.newPage();
      const chairProblems = watchPage(chair);
      await signInThroughPage(chair, demo.server, { email: DEMO_CHAIR_EMAIL, password: DEMO_PASSWORD, secret: demo.secret });
      await chair.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Members' }).click();
      await chair.waitForURL(`${demo.server.url}/members`);
      const table = chair.getByTestId('member-table');
      await table.waitFor({ timeout: 20_000 });
      const listed = await chair.evaluate(async () => (await (await fetch('/api/members')).json()).members);
      assert.equal(await table.locator('tbody tr').count(), listed.length);
      assert.equal((await chair.getByTestId('member-count').textContent())?.trim(), `${listed.length} members`);
      await chair.waitForLoadState('networkidle');
      await assertNoAxeViolations(chair, 'the members page');

      // A bad email: the server's problem is shown next to the field.
      const form = chair.getByRole('form', { name: 'Add a member' });
      await form.getByLabel('Email').fill('not an address');
      await form.getByLabel('Name').fill('Kim Novak');
      await form.getByRole('button', { name: 'Add member' }).click();
      await chair.waitForFunction(() => document.getElementById('member-email')?.getAttribute('aria-invalid') === 'true', null, { timeout: 20_000 });
      assert.match((await chair.locator('#member-email-error').textContent()) ?? '', /Email must be an email address/);
      assert.ok(await form.getByRole('alert').isVisible(), 'the form announces the problem');

      // A good one: the enrolment link is shown once, and the member is listed.
      await form.getByLabel('Email').fill('kim@tidewater.example');
      await form.getByLabel('Role').selectOption('member');
      await form.getByRole('button', { name: 'Add member' }).click();
      const link = chair.getByTestId('enrolment-link');
      await link.waitFor({ timeout: 20_000 });
      const href = await link.getAttribute('href');
      assert.match(href ?? '', new RegExp(`^${demo.server.url}/enrol/[A-Za-z0-9_-]+$`));
      await chair.waitForFunction((count) => document.querySelectorAll('[data-testid=member-table] tbody tr').length === count, listed.length + 1);
      assert.ok(await table.locator('tr[data-email="kim@tidewater.example"]').isVisible());
      await assertNoAxeViolations(chair, 'the members page with a new link');

      const chairLeft = withoutExpected(chairProblems, [{ method: 'POST', path: '/api/members', status: 400 }]);
      assert.deepEqual(chairLeft.missing, []);
      assert.equal(chairLeft.left.length, 0, `the chair's pages logged problems:\n${chairLeft.left.join('\n')}`);

      // The new member opens the link in their own browser.
      const page = await memberContext.newPage();
      const problems = watchPage(page);
      // Every GET /api/enrolment/{token} makes a new secret: keep the answer this page got.
      const enrolmentAnswer = page.waitForResponse((response) => new URL(response.url()).pathname.startsWith('/api/enrolment/'));
      await page.goto(href, { waitUntil: 'load' });
      const enrolment = await (await enrolmentAnswer).json();
      await page.getByRole('heading', { level: 1, name: 'Set up your account' }).waitFor({ timeout: 20_000 });
      assert.match((await page.getByTestId('enrolment-for').textContent()) ?? '', /Kim Novak \(kim@tidewater\.example\)/);
      const grouped = (await page.getByTestId('totp-secret').textContent())?.trim() ?? '';
      assert.match(grouped, /^[A-Z2-7]{4}( [A-Z2-7]{1,4})+$/, 'the secret is shown in groups of four');
      const newSecret = grouped.replace(/ /g, '');
      const uri = (await page.getByTestId('otpauth-link').getAttribute('href')) ?? '';
      assert.ok(uri.startsWith('otpauth://totp/'), 'the otpauth URI is a link');
      assert.equal(new URL(uri).searchParams.get('secret'), newSecret, 'the link carries the secret shown');
      assert.equal(uri, enrolment.otpauth_uri, 'the link is the URI the API gave');
      // An authenticator app scanning the QR code gets that same URI.
      assert.equal(await readQrCode(page.getByTestId('qr-code')), enrolment.otpauth_uri, 'the QR code holds the URI');
      await page.waitForLoadState('networkidle');
      await assertNoAxeViolations(page, 'the enrolment page');

      // Passwords that differ are caught on the page.
      await page.getByLabel('Password', { exact: true }).fill('harbour lights at dusk');
      await page.getByLabel('Password again').fill('harbour lights at dawn');
      await page.getByLabel('Code', { exact: true }).fill(await nextTotpCode(newSecret));
      await page.getByRole('button', { name: 'Finish setting up' }).click();
      await page.waitForFunction(() => document.getElementById('confirm-password')?.getAttribute('aria-invalid') === 'true');
      await page.getByLabel('Password again').fill('harbour lights at dusk');
      await page.getByRole('button', { name: 'Finish setting up' }).click();
      await page.waitForURL(`${demo.server.url}/sign-in`, { timeout: 20_000 });
      await page.getByTestId('flash').filter({ hasText: 'Your account is ready' }).waitFor();

      // Signing in with a later code: the new member sees what they still have to screen.
      await fillSignIn(page, { email: 'kim@tidewater.example', password: 'harbour lights at dusk', code: await nextTotpCode(newSecret) });
      await page.waitForURL(`${demo.server.url}/cases`, { timeout: 20_000 });
      await page.getByTestId('case-count').waitFor({ timeout: 20_000 });
      const screening = await page.evaluate(async () => (await (await fetch('/api/screening')).json()).cases);
      const cases = await page.evaluate(async () => (await (await fetch('/api/cases')).json()).cases);
      assert.equal((await page.getByTestId('case-count').textContent())?.trim(), `${cases.length} ${cases.length === 1 ? 'case' : 'cases'}`);
      // Every demo case was opened before Kim joined.
      assert.ok(screening.length > 0, 'the new member has cases to screen');
      const section = page.getByTestId('screening');
      await section.waitFor();
      assert.equal(await section.locator('li').count(), screening.length);
      assert.match((await section.getByRole('heading').textContent()) ?? '', new RegExp(`${screening.length} cases?`));
      // Answering one: it leaves the list to screen, and the counts follow the lists.
      const first = screening[0];
      await section.getByRole('button', { name: `No conflict with ${first.code_name}` }).click();
      await page.getByTestId('screening-status').filter({ hasText: `no conflict with “${first.code_name}”` }).waitFor({ timeout: 20_000 });
      const screeningAfter = await page.evaluate(async () => (await (await fetch('/api/screening')).json()).cases);
      const casesAfter = await page.evaluate(async () => (await (await fetch('/api/cases')).json()).cases);
      assert.equal(screeningAfter.length, screening.length - 1, 'one case less to screen');
      assert.ok(!screeningAfter.some((item) => item.url_name === first.url_name));
      assert.equal(await section.locator('li').count(), screeningAfter.length);
      assert.equal(
        (await page.getByTestId('case-count').textContent())?.trim(),
        `${casesAfter.length} ${casesAfter.length === 1 ? 'case' : 'cases'}`,
      );
      assert.equal(
        await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Members' }).count(),
        0,
        'Members is only in the chairs’ navigation',
      );
      await page.waitForLoadState('networkidle');
      await assertNoAxeViolations(page, 'the new member’s dashboard');
      assert.equal(problems.length, 0, `the new member's pages logged problems:\n${problems.join('\n')}`);

      // The chair certifies Kim's keys from the member list, so new cases are sealed for Kim too.
      await chair.reload({ waitUntil: 'load' });
      const kimRow = chair.getByTestId('member-table').locator('tr[data-email="kim@tidewater.example"]');
      await kimRow.waitFor({ timeout: 20_000 });
      assert.match((await kimRow.textContent()) ?? '', /Not certified/);
      await kimRow.getByRole('button', { name: /^Certify/ }).click();
      await chair.getByTestId('certify-status').filter({ hasText: 'keys are certified' }).waitFor({ timeout: 20_000 });
      assert.match((await kimRow.textContent()) ?? '', /Certified/);
      assert.equal(await kimRow.getByRole('button', { name: /^Certify/ }).count(), 0, 'nothing left to certify');
      const kim = (await chair.evaluate(async () => (await (await fetch('/api/members')).json()).members)).find(
        (member) => member.email === 'kim@tidewater.example',
      );
      assert.equal(kim.keys, 'certified');
      await chair.waitForLoadState('networkidle');
      await assertNoAxeViolations(chair, 'the members page after certifying');
    } finally {
      await memberContext.close();
      await chairContext.close();
    }
  });
});
