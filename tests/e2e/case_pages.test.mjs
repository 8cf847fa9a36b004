// The Cases page reads the list a page at a time: with more cases than fit on one page,
// the heading says which ones are shown, "Older cases" turns to the next page and
// "Newer cases" back, and no page asks the server for more than one page.
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
  useDemoServer,
  waitForSettled,
  watchPage,
} from './support.mjs';

const PAGE_SIZE = 50;

describe('the Cases page in pages', () => {
  const demo = useDemoServer();

  test('more cases than a page: the heading, the pager and the requests', async () => {
    const context = await demo.browser.newContext();
    try {
      const page = await context.newPage();
      const problems = watchPage(page);
      await signInThroughPage(page, demo.server, { email: DEMO_CHAIR_EMAIL, password: DEMO_PASSWORD, secret: demo.secret });

      // Enough new reports that the demo's cases and these fill more than one page.
      const total = await page.evaluate(async (wanted) => {
        const { csrf_token: csrf } = await (await fetch('/api/me')).json();
        const headers = { 'Content-Type': 'application/json', 'X-CSRF-Token': csrf };
        for (let i = 0; i < wanted; ++i) {
          const body = {
            report: `Report ${i} of a series, sent to the working group.`,
            channel: 'email',
            space: 'forum',
            categories: ['harassment'],
            parties: [{ role: 'reporter', name: `Reporter ${i}`, contact: `reporter${i}@example.net` }],
          };
          const answer = await fetch('/api/cases', { method: 'POST', headers, body: JSON.stringify(body) });
          const text = await answer.text();
          if (answer.status !== 201) throw new Error(`case ${i}: HTTP ${answer.status} ${text}`);
        }
        let count = 0;
        for (let offset = 0; ; offset += 200) {
          const listed = (await (await fetch(`/api/cases?limit=200&offset=${offset}`)).json()).cases;
          count += listed.length;
          if (listed.length < 200) return count;
        }
      }, PAGE_SIZE + 5);
      assert.ok(total > PAGE_SIZE && total <= 2 * PAGE_SIZE, `${total} cases fill two pages`);

      const caseRequests = [];
      page.on('request', (request) => {
        const url = new URL(request.url());
        if (url.pathname === '/api/cases' && request.method() === 'GET') caseRequests.push(url.searchParams);
      });
      await page.reload({ waitUntil: 'load' });
      const heading = page.getByTestId('case-count');
      await heading.waitFor({ timeout: 20_000 });
      await waitForSettled(page);
      assert.equal((await heading.textContent())?.trim(), `cases 1 to ${PAGE_SIZE}, newest first`);
      const rows = page.getByTestId('case-table').locator('tbody tr');
      assert.equal(await rows.count(), PAGE_SIZE);
      assert.equal(caseRequests.length, 1, 'one request for the first page');
      assert.equal(caseRequests[0].get('offset'), '0');
      assert.equal(Number(caseRequests[0].get('limit')), PAGE_SIZE + 1);
      const newest = await rows.first().getAttribute('data-case');
      const newer = page.getByRole('button', { name: 'Newer cases' });
      const older = page.getByRole('button', { name: 'Older cases' });
      assert.equal(await newer.isDisabled(), true);
      const violations = await runAxe(page);
      assert.equal(violations.length, 0, formatViolations(violations));

      await older.click();
      await page.waitForFunction(
        (size) => document.querySelector('[data-testid="case-count"]')?.textContent?.startsWith(`cases ${size + 1} to`),
        PAGE_SIZE,
        { timeout: 20_000 },
      );
      await waitForSettled(page);
      assert.equal((await heading.textContent())?.trim(), `cases ${PAGE_SIZE + 1} to ${total}, newest first`);
      assert.equal(await rows.count(), total - PAGE_SIZE);
      assert.equal(await older.isDisabled(), true, 'the last page has nothing older');
      assert.equal(caseRequests.at(-1).get('offset'), String(PAGE_SIZE));

      await newer.click();
      await page.waitForFunction(
        () => document.querySelector('[data-testid="case-count"]')?.textContent?.startsWith('cases 1 to'),
        undefined,
        { timeout: 20_000 },
      );
      await waitForSettled(page);
      assert.equal(await rows.first().getAttribute('data-case'), newest);
      assert.deepEqual(problems, []);
    } finally {
      await context.close();
    }
  });
});
