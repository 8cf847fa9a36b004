// The app's addresses, in a real browser against a real `conduct demo` server: every page
// has its URL (a trailing slash and a query included), an unknown one shows the 404 page,
// in-app links and forms move between pages without a page load, back and forward work,
// and a members' page reached signed out comes back, query and all, after signing in.
//
// Run from the repo root: CONDUCT_BIN=build/conduct node --test tests/e2e/
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import {
  DEMO_CHAIR_EMAIL,
  DEMO_PASSWORD,
  fillSignIn,
  nextTotpCode,
  waitForQuiet,
  waitForSettled,
  watchPage,
  withoutExpected,
  useDemoServer,
} from './support.mjs';

/** Marks the loaded document: the mark survives only moves that load no page. */
async function markDocument(page) {
  await page.evaluate(() => {
    window.conductTestMark = true;
  });
}

async function sameDocument(page) {
  return page.evaluate(() => window.conductTestMark === true);
}

describe('routing', () => {
  const demo = useDemoServer();

  test('every address finds its page, and moves in the app load no page', async () => {
    const context = await demo.browser.newContext();
    try {
      const page = await context.newPage();
      const problems = watchPage(page);
      const heading = (name) => page.getByRole('heading', { level: 1, name });

      // An unknown address: the 404 page, whose link goes home in the app.
      await page.goto(`${demo.server.url}/no-such-page`, { waitUntil: 'load' });
      await heading('Page not found').waitFor();
      assert.equal(await page.title(), 'Page not found · Conduct');
      await markDocument(page);
      await page.getByRole('link', { name: 'Go to the front page' }).click();
      await page.waitForURL(`${demo.server.url}/`);
      await page.getByTestId('community-name').waitFor();
      assert.ok(await sameDocument(page), 'the link loaded no page');
      await page.waitForFunction(() => document.activeElement?.id === 'community-heading');

      // Back and forward move between the two pages of the same document.
      await page.goBack();
      await heading('Page not found').waitFor();
      await page.goForward();
      await page.getByTestId('community-name').waitFor();
      assert.ok(await sameDocument(page), 'back and forward loaded no page');

      // An address whose escapes do not decode names no page either (the server answers
      // such a path 400 itself; here the app is sent there from within).
      await page.evaluate(() => {
        history.pushState(null, '', '/cases/%E0%A4');
        dispatchEvent(new PopStateEvent('popstate'));
      });
      await heading('Page not found').waitFor();
      await page.goBack();
      await page.getByTestId('community-name').waitFor();
      await waitForQuiet(page); // leaving with the front page's requests open would abort them

      // A trailing slash names the same page.
      await page.goto(`${demo.server.url}/sign-in/`, { waitUntil: 'load' });
      await heading('Sign in').waitFor();

      // A members' page with a query, signed out: to sign-in, and back to it afterwards.
      await page.goto(`${demo.server.url}/audit?case=no-such-case`, { waitUntil: 'load' });
      await page.waitForURL(/\/sign-in\?next=%2Faudit%3Fcase%3Dno-such-case$/, { timeout: 20_000 });
      await heading('Sign in').waitFor();
      await fillSignIn(page, { email: DEMO_CHAIR_EMAIL, password: DEMO_PASSWORD, code: await nextTotpCode(demo.secret) });
      await page.waitForURL(`${demo.server.url}/audit?case=no-such-case`, { timeout: 20_000 });
      await heading('Audit trail of no such case').waitFor();
      await waitForSettled(page);
      await markDocument(page);

      // The audit page's form and links change the query without a page load.
      const listed = await page.evaluate(async () => (await (await fetch('/api/cases')).json()).cases);
      const target = listed[0];
      await page.getByLabel('Case', { exact: true }).fill(target.code_name);
      await page.getByRole('button', { name: 'Show' }).click();
      await page.waitForURL(`${demo.server.url}/audit?case=${target.url_name}`);
      await heading(`Audit trail of ${target.code_name}`).waitFor();
      await waitForSettled(page);
      await page.getByRole('link', { name: 'Whole community' }).click();
      await page.waitForURL(`${demo.server.url}/audit`);
      await heading('Audit trail').waitFor();
      await waitForSettled(page);

      // The navigation's links: each page at its address, the current one marked.
      const nav = page.getByRole('navigation', { name: 'Main' });
      for (const [name, path, title] of [
        ['Members', '/members', 'Members'],
        ['Cases', '/cases', 'Cases'],
      ]) {
        await nav.getByRole('link', { name }).click();
        await page.waitForURL(`${demo.server.url}${path}`);
        await heading(title).waitFor();
        await waitForSettled(page);
        assert.equal(await nav.getByRole('link', { name }).getAttribute('aria-current'), 'page');
      }
      await page.getByRole('link', { name: target.code_name, exact: true }).click();
      await page.waitForURL(`${demo.server.url}/cases/${target.url_name}`);
      await heading(target.code_name).waitFor();
      await waitForSettled(page);
      assert.ok(await sameDocument(page), 'no move since signing in loaded a page');

      const { left, missing } = withoutExpected(problems, [
        { method: 'GET', path: '/api/me', status: 401 },
        { method: 'GET', path: '/api/audit', status: 404 },
      ]);
      assert.deepEqual(missing, [], 'the provoked failures happened');
      assert.equal(left.length, 0, `the pages logged problems:\n${left.join('\n')}`);
    } finally {
      await context.close();
    }
  });
});
