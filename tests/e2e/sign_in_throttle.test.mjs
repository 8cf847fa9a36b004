// Sign-in back-off in the browser: after repeated failures the server answers 429 with
// Retry-After, and the sign-in page says how long to wait.
//
// Run from the repo root: CONDUCT_BIN=build/conduct node --test tests/e2e/
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { setTimeout as delay } from 'node:timers/promises';
import {
  DEMO_CHAIR_EMAIL,
  fillSignIn,
  formatViolations,
  runAxe,
  watchPage,
  withoutExpected,
  useDemoServer,
} from './support.mjs';

// The page must be tried while the wait is still running: at least this long.
const MIN_WINDOW_S = 8;

describe('sign-in back-off', () => {
  const demo = useDemoServer();

  test('too many failures: the page says how long to wait', async () => {
    // Fail until the server asks for a wait long enough to try the page within it,
    // following the policy's schedule (it doubles after the first free attempts).
    const deadline = Date.now() + 60_000;
    for (;;) {
      assert.ok(Date.now() < deadline, 'the server never asked for a long enough wait');
      const response = await fetch(`${demo.server.url}/api/session`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ email: DEMO_CHAIR_EMAIL, password: 'not the password', code: '000000' }),
      });
      await response.arrayBuffer();
      if (response.status === 429) {
        const wait = Number(response.headers.get('retry-after'));
        assert.ok(wait > 0, '429 carries Retry-After');
        if (wait >= MIN_WINDOW_S) break;
        await delay(wait * 1000 + 100);
      } else {
        assert.equal(response.status, 401, 'a wrong password is refused');
      }
    }

    const context = await demo.browser.newContext();
    try {
      const page = await context.newPage();
      const problems = watchPage(page);
      await page.goto(`${demo.server.url}/sign-in`, { waitUntil: 'load' });
      await page.getByRole('heading', { level: 1, name: 'Sign in' }).waitFor();
      await fillSignIn(page, { email: DEMO_CHAIR_EMAIL, password: 'still not it', code: '123456' });
      const alert = page.getByRole('alert').filter({ hasText: 'Too many attempts' });
      await alert.waitFor({ timeout: 20_000 });
      assert.match((await alert.textContent()) ?? '', /Too many attempts: try again in \d+ seconds?\./);
      const violations = await runAxe(page);
      assert.equal(violations.length, 0, `axe found accessibility violations:\n${formatViolations(violations)}`);

      const { left, missing } = withoutExpected(problems, [{ method: 'POST', path: '/api/session', status: 429 }]);
      assert.deepEqual(missing, []);
      assert.equal(left.length, 0, `the page logged problems:\n${left.join('\n')}`);
    } finally {
      await context.close();
    }
  });
});
