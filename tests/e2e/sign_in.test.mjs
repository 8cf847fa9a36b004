// Signing in, in a real browser against a real `conduct demo` server: a members' page
// sends a signed-out visitor to /sign-in, the form reports problems accessibly, the
// demo chair signs in with a TOTP code and sees the dashboard and a case page. Every
// page passes axe, with no console errors and no failed requests but the ones provoked.
//
// Run from the repo root: CONDUCT_BIN=build/conduct node --test tests/e2e/
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import {
  currentStep,
  DEMO_CHAIR_EMAIL,
  DEMO_CHAIR_NAME,
  DEMO_PASSWORD,
  fillSignIn,
  formatViolations,
  nextTotpCode,
  runAxe,
  totpCode,
  waitForQuiet,
  waitForSettled,
  watchPage,
  withoutExpected,
  useDemoServer,
} from './support.mjs';

async function assertNoAxeViolations(page, where) {
  const violations = await runAxe(page);
  assert.equal(violations.length, 0, `axe found accessibility violations on ${where}:\n${formatViolations(violations)}`);
}

/** axe in the light and the dark colour scheme (contrast differs). */
async function assertAccessibleInBothSchemes(page, where) {
  for (const colorScheme of ['light', 'dark']) {
    await page.emulateMedia({ colorScheme });
    await assertNoAxeViolations(page, `${where} (${colorScheme})`);
  }
  await page.emulateMedia({ colorScheme: null });
}

describe('signing in', () => {
  const demo = useDemoServer();

  test('the demo chair signs in with TOTP and sees the dashboard and a case', async () => {
    const context = await demo.browser.newContext();
    try {
      const page = await context.newPage();
      const problems = watchPage(page);

      // The front page links to the sign-in page.
      await page.goto(`${demo.server.url}/`, { waitUntil: 'load' });
      await page.getByTestId('community-name').waitFor();
      assert.equal(await page.getByTestId('home-sign-in').getAttribute('href'), '/sign-in');
      await page.waitForFunction(() => document.querySelector('[data-testid=health-status]')?.textContent !== 'checking…');
      await waitForQuiet(page);

      // A members' page sends a signed-out visitor to sign in (the one deliberate 401
      // from /api/me), and comes back to it afterwards.
      await page.goto(`${demo.server.url}/cases`, { waitUntil: 'load' });
      await page.waitForURL(/\/sign-in\?next=%2Fcases$/, { timeout: 20_000 });
      await page.getByRole('heading', { level: 1, name: 'Sign in' }).waitFor();
      assert.equal(await page.title(), 'Sign in · Conduct');

      const code = page.getByLabel('Code', { exact: true });
      assert.equal(await code.getAttribute('inputmode'), 'numeric');
      assert.equal(await code.getAttribute('autocomplete'), 'one-time-code');
      assert.equal(await page.getByLabel('Password', { exact: true }).getAttribute('type'), 'password');
      await page.waitForLoadState('networkidle');
      await assertAccessibleInBothSchemes(page, 'the sign-in page');

      // Empty fields: the form says so, next to each field, without asking the server.
      await page.getByRole('button', { name: 'Sign in' }).click();
      const alert = page.getByRole('alert').filter({ hasText: 'Check the fields' });
      await alert.waitFor();
      for (const label of ['Email', 'Code']) {
        const input = label === 'Email' ? page.getByLabel('Email') : code;
        assert.equal(await input.getAttribute('aria-invalid'), 'true', `${label} is marked invalid`);
        const describedBy = (await input.getAttribute('aria-describedby')) ?? '';
        const errorId = describedBy.split(' ').find((id) => id.endsWith('-error'));
        assert.ok(errorId, `${label} is described by its problem`);
        assert.match((await page.locator(`#${errorId}`).textContent()) ?? '', new RegExp(label));
      }
      await assertNoAxeViolations(page, 'the sign-in page with problems');

      // A wrong code: the server refuses, and the page says so (role=alert).
      await fillSignIn(page, { email: DEMO_CHAIR_EMAIL, password: DEMO_PASSWORD, code: totpCode(demo.secret, currentStep() - 20) });
      await page.getByRole('alert').filter({ hasText: 'not right' }).waitFor({ timeout: 20_000 });
      assert.equal(await code.inputValue(), '', 'the used code is cleared');

      // The right code: on to the dashboard.
      await fillSignIn(page, { email: DEMO_CHAIR_EMAIL, password: DEMO_PASSWORD, code: await nextTotpCode(demo.secret) });
      await page.waitForURL(`${demo.server.url}/cases`, { timeout: 20_000 });
      const countText = (await page.getByTestId('case-count').textContent({ timeout: 20_000 }))?.trim();
      const listed = await page.evaluate(async () => (await (await fetch('/api/cases')).json()).cases);
      assert.ok(listed.length > 0, 'the demo chair sees cases');
      assert.equal(countText, `${listed.length} ${listed.length === 1 ? 'case' : 'cases'}`);
      const rows = page.getByTestId('case-table').locator('tbody tr');
      assert.equal(await rows.count(), listed.length, 'one row per case');
      for (const item of listed) {
        const link = page.getByRole('link', { name: item.code_name, exact: true });
        assert.equal(await link.getAttribute('href'), `/cases/${item.url_name}`);
      }
      assert.match((await page.getByTestId('who').textContent()) ?? '', new RegExp(`${DEMO_CHAIR_NAME}, chair`));
      assert.match((await page.getByTestId('signed-in-as').textContent()) ?? '', /Robin Achterberg \(Chair\)/);
      assert.ok(await page.getByRole('button', { name: 'Sign out' }).isVisible());
      assert.ok(await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Members' }).isVisible(),
        'chairs see Members in the navigation');
      assert.equal(await page.title(), 'Cases · Conduct');
      await page.waitForLoadState('networkidle');
      await assertAccessibleInBothSchemes(page, 'the dashboard');

      // A case page, reached by an in-app link: the focus lands on its heading.
      const first = listed[0];
      await page.getByRole('link', { name: first.code_name, exact: true }).click();
      await page.waitForURL(`${demo.server.url}/cases/${first.url_name}`);
      const heading = page.getByRole('heading', { level: 1, name: first.code_name });
      await heading.waitFor({ timeout: 20_000 });
      await page.getByTestId('timeline').waitFor();
      await waitForSettled(page);
      assert.equal(await page.evaluate(() => document.activeElement?.tagName), 'H1', 'focus moves to the heading');
      const record = await page.evaluate(async (name) => (await fetch(`/api/cases/${name}`)).json(), first.url_name);
      assert.equal(await page.getByTestId('timeline').locator(':scope > li').count(), record.timeline.length);
      await page.waitForLoadState('networkidle');
      await assertAccessibleInBothSchemes(page, 'a case page');

      const { left, missing } = withoutExpected(problems, [
        { method: 'GET', path: '/api/me', status: 401 },
        { method: 'POST', path: '/api/session', status: 401 },
      ]);
      assert.deepEqual(missing, [], 'the provoked failures happened');
      assert.equal(left.length, 0, `the pages logged problems:\n${left.join('\n')}`);
    } finally {
      await context.close();
    }
  });
});
