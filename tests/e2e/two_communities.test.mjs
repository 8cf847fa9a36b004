// Signing in on a server that hosts two communities: the sign-in form asks which
// community (a labelled choice), names that field once when it is left out, and the
// demo chair signs in to theirs. The second community is created with `conduct init`
// beside the running demo, as an administrator would.
//
// Run from the repo root: CONDUCT_BIN=build/conduct node --test tests/e2e/
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { describe, test } from 'node:test';
import {
  DEMO_CHAIR_EMAIL,
  DEMO_PASSWORD,
  formatViolations,
  nextTotpCode,
  runAxe,
  useDemoServer,
  waitForSettled,
  watchPage,
} from './support.mjs';

describe('signing in with several communities', () => {
  const demo = useDemoServer();

  test('the form asks for the community and the chair signs in to theirs', async () => {
    execFileSync(process.env.CONDUCT_BIN, [
      '--data', demo.server.dataDir, '--database', 'conduct-demo.db', 'init', '--slug', 'riverbend',
      '--name', 'Riverbend Makers', '--contact', 'conduct@riverbend.example',
      '--chair-email', 'ana@riverbend.example', '--chair-name', 'Ana Riverbend',
    ]);
    const listed = await (await fetch(`${demo.server.url}/api/communities`)).json();
    assert.equal(listed.communities.length, 2, 'the server now hosts two communities');

    const context = await demo.browser.newContext();
    try {
      const page = await context.newPage();
      const problems = watchPage(page);
      await page.goto(`${demo.server.url}/sign-in`, { waitUntil: 'load' });
      const community = page.getByLabel('Community', { exact: true });
      await community.waitFor();
      const options = await community.locator('option').allTextContents();
      assert.deepEqual(options.slice(1).sort(), ['Riverbend Makers', 'Tidewater Open Source Community']);

      // Left out, the community is named once, next to its field.
      await page.getByLabel('Email', { exact: true }).fill(DEMO_CHAIR_EMAIL);
      await page.getByLabel('Password', { exact: true }).fill(DEMO_PASSWORD);
      await page.getByLabel('Code', { exact: true }).fill('123456');
      await page.getByRole('button', { name: 'Sign in' }).click();
      await page.locator('#community-error').waitFor();
      assert.equal(await community.getAttribute('aria-invalid'), 'true');
      const text = await page.locator('body').innerText();
      assert.equal(text.split('Community is required').length - 1, 1, 'the problem is shown once');
      const violations = await runAxe(page);
      assert.equal(violations.length, 0, formatViolations(violations));

      await community.selectOption('tidewater');
      await page.getByLabel('Code', { exact: true }).fill(await nextTotpCode(demo.secret));
      await page.getByRole('button', { name: 'Sign in' }).click();
      await page.waitForURL(`${demo.server.url}/cases`, { timeout: 20_000 });
      await page.getByTestId('case-count').waitFor({ timeout: 20_000 });
      await waitForSettled(page);
      assert.deepEqual(problems, [], 'no console errors or failed requests');
    } finally {
      await context.close();
    }
  });
});
