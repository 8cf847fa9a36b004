// The home page, in a real browser against a real `conduct demo` server:
// it shows the community from the API and the server health, works under the
// server's Content-Security-Policy without console errors, and passes axe.
//
// Run from the repo root: CONDUCT_BIN=build/conduct node --test tests/e2e/
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { formatViolations, runAxe, watchPage, useDemoServer } from './support.mjs';

describe('home page', () => {
  const demo = useDemoServer();

  test('shows the community and server health, cleanly and accessibly', async () => {
    const response = await fetch(`${demo.server.url}/api/communities`);
    assert.equal(response.status, 200, 'GET /api/communities');
    const { communities } = await response.json();
    assert.ok(communities.length > 0, 'the demo server hosts at least one community');

    const context = await demo.browser.newContext();
    try {
      const page = await context.newPage();
      const problems = watchPage(page);

      const navigation = await page.goto(`${demo.server.url}/`, { waitUntil: 'load' });
      assert.equal(navigation?.status(), 200, 'GET /');
      const csp = navigation?.headers()['content-security-policy'] ?? '';
      assert.match(csp, /default-src 'self'/, 'the page is served with its Content-Security-Policy');

      const name = page.getByTestId('community-name');
      await name.waitFor({ state: 'visible', timeout: 10_000 });
      assert.equal((await name.textContent())?.trim(), communities[0].name);
      assert.equal(await page.locator('h1').count(), 1, 'exactly one h1');

      const health = page.getByTestId('health-status');
      await page.waitForFunction(
        () => {
          const text = document.querySelector('[data-testid=health-status]')?.textContent?.trim();
          return text !== undefined && text !== 'checking…';
        },
        null,
        { timeout: 10_000 },
      );
      assert.equal((await health.textContent())?.trim(), 'ok');

      assert.equal(await page.title(), 'Conduct');
      assert.equal(await page.getAttribute('html', 'lang'), 'en');

      // Let any late requests (e.g. the favicon) settle before judging.
      await page.waitForLoadState('networkidle');
      assert.equal(problems.length, 0, `the page logged problems:\n${problems.join('\n')}`);

      const violations = await runAxe(page);
      assert.equal(violations.length, 0, `axe found accessibility violations:\n${formatViolations(violations)}`);
    } finally {
      await context.close();
    }
  });
});
