// Working on a case in a real browser: add a note (it appears in the timeline with its
// line breaks), declare a conflict of interest (the case disappears at once: from the
// dashboard, its count and its own address, which answers like a missing case), and
// sign out (the members' pages and /api/me are closed again). Then, on another case,
// attach an evidence file larger than any JSON body may be and download it back: the
// bytes come back as they went in, and only ever as an attachment. Last, two cases of
// one incident are linked into one and split out again, both timelines saying so.
//
// Run from the repo root: CONDUCT_BIN=build/conduct node --test tests/e2e/
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { describe, test } from 'node:test';
import {
  DEMO_CHAIR_EMAIL,
  DEMO_CHAIR_NAME,
  DEMO_PASSWORD,
  formatViolations,
  runAxe,
  signInThroughPage,
  waitForSettled,
  watchPage,
  withoutExpected,
  useDemoServer,
} from './support.mjs';

async function caseCount(page) {
  const text = (await page.getByTestId('case-count').textContent({ timeout: 20_000 }))?.trim() ?? '';
  const found = /^(\d+) cases?$/.exec(text);
  assert.ok(found, `the dashboard shows a count of cases, not "${text}"`);
  return Number(found[1]);
}

async function listedCodeNames(page) {
  return page.getByTestId('case-table').locator('tbody tr th a').allTextContents();
}

describe('working on a case', () => {
  const demo = useDemoServer();

  test('a note, then a conflict of interest, then signing out', async () => {
    const context = await demo.browser.newContext();
    try {
      const page = await context.newPage();
      const problems = watchPage(page);
      await signInThroughPage(page, demo.server, { email: DEMO_CHAIR_EMAIL, password: DEMO_PASSWORD, secret: demo.secret });

      const before = await caseCount(page);
      const namesBefore = await listedCodeNames(page);
      assert.equal(namesBefore.length, before, 'the count is the length of the list');
      const target = await page.evaluate(async () => (await (await fetch('/api/cases')).json()).cases[1]);
      assert.ok(target, 'the demo has at least two cases');

      // Open the case, then reload it: the page learns the session (and its CSRF
      // token) again from /api/me.
      await page.getByRole('link', { name: target.code_name, exact: true }).click();
      await page.waitForURL(`${demo.server.url}/cases/${target.url_name}`);
      await page.getByTestId('timeline').waitFor({ timeout: 20_000 });
      await waitForSettled(page);
      await page.reload({ waitUntil: 'load' });
      await page.getByTestId('timeline').waitFor({ timeout: 20_000 });
      await waitForSettled(page);
      const entries = page.getByTestId('timeline').locator(':scope > li');
      const entriesBefore = await entries.count();

      // An empty note is refused on the page, next to the field.
      await page.getByRole('button', { name: 'Add note' }).click();
      const noteField = page.getByLabel('Note', { exact: true });
      await page.waitForFunction(() => document.getElementById('note-text')?.getAttribute('aria-invalid') === 'true');
      assert.match((await page.locator('#note-text-error').textContent()) ?? '', /Note is required/);

      // A note with line breaks appears at the end of the timeline, as written.
      const note = `Spoke with the event team.\nThey will send the photos by Friday.\n\n— test ${Date.now()}`;
      await noteField.fill(note);
      await page.getByRole('button', { name: 'Add note' }).click();
      await page.getByTestId('note-status').filter({ hasText: 'Note added' }).waitFor({ timeout: 20_000 });
      assert.equal(await entries.count(), entriesBefore + 1, 'one more timeline entry');
      const added = entries.last();
      assert.equal(await added.getAttribute('data-kind'), 'note');
      assert.equal(await added.locator('.entry-text').innerText(), note, 'line breaks are kept');
      assert.match((await added.locator('.entry-meta').textContent()) ?? '', new RegExp(`Note.*${DEMO_CHAIR_NAME}`));
      assert.equal(await noteField.inputValue(), '', 'the form is emptied');
      const record = await page.evaluate(async (name) => (await fetch(`/api/cases/${name}`)).json(), target.url_name);
      assert.equal(record.timeline.at(-1).text, note, 'the server stored the note');

      const violations = await runAxe(page);
      assert.equal(violations.length, 0, `axe found accessibility violations:\n${formatViolations(violations)}`);

      // Declaring a conflict needs the explicit confirmation.
      const conflict = page.getByRole('form', { name: 'Declare a conflict of interest' });
      await conflict.getByLabel('Note (optional)').fill('I work with the reporter.');
      await conflict.getByRole('button', { name: 'Declare a conflict' }).click();
      const confirm = conflict.getByLabel(/You will lose access to this case at once/);
      await page.waitForFunction(() => document.getElementById('conflict-confirm')?.getAttribute('aria-invalid') === 'true');
      assert.equal(page.url(), `${demo.server.url}/cases/${target.url_name}`, 'nothing happens without the confirmation');
      await confirm.check();
      await conflict.getByRole('button', { name: 'Declare a conflict' }).click();

      // Back on the dashboard: a status message, the case gone, the count one less.
      await page.waitForURL(`${demo.server.url}/cases`, { timeout: 20_000 });
      await page.getByTestId('flash').filter({ hasText: 'conflict of interest' }).waitFor();
      assert.equal(await caseCount(page), before - 1, 'the count dropped by one');
      const namesAfter = await listedCodeNames(page);
      assert.equal(namesAfter.length, before - 1);
      assert.ok(!namesAfter.includes(target.code_name), 'the case is no longer listed');
      await waitForSettled(page);

      // Its own address answers like a case that does not exist.
      await page.goto(`${demo.server.url}/cases/${target.url_name}`, { waitUntil: 'load' });
      await page.getByRole('heading', { level: 1, name: 'No such case' }).waitFor({ timeout: 20_000 });
      await waitForSettled(page);
      const hidden = await page.evaluate(async (name) => {
        const response = await fetch(`/api/cases/${name}`);
        return { status: response.status, body: await response.json() };
      }, target.url_name);
      assert.equal(hidden.status, 404, 'GET /api/cases/{name} answers 404');
      await page.goto(`${demo.server.url}/cases/no-such-case`, { waitUntil: 'load' });
      await page.getByRole('heading', { level: 1, name: 'No such case' }).waitFor({ timeout: 20_000 });
      await waitForSettled(page);
      const missing = await page.evaluate(async () => {
        const response = await fetch('/api/cases/no-such-case');
        return { status: response.status, body: await response.json() };
      });
      assert.equal(missing.status, 404);
      assert.equal(hidden.body.error.code, missing.body.error.code, 'a hidden case and a missing one answer alike');

      // Signing out closes the members' pages and the API again.
      await page.goto(`${demo.server.url}/cases`, { waitUntil: 'load' });
      await page.getByTestId('case-count').waitFor({ timeout: 20_000 });
      await waitForSettled(page);
      await page.getByRole('button', { name: 'Sign out' }).click();
      await page.waitForURL(`${demo.server.url}/sign-in`, { timeout: 20_000 });
      await page.getByTestId('flash').filter({ hasText: 'You have signed out.' }).waitFor();
      await waitForSettled(page);
      await page.goto(`${demo.server.url}/cases`, { waitUntil: 'load' });
      await page.waitForURL(/\/sign-in\?next=%2Fcases$/, { timeout: 20_000 });
      await page.getByRole('heading', { level: 1, name: 'Sign in' }).waitFor();
      const me = await page.evaluate(async () => {
        const response = await fetch('/api/me');
        await response.arrayBuffer();
        return response.status;
      });
      assert.equal(me, 401, 'GET /api/me answers 401 after signing out');

      await waitForSettled(page);
      const { left, missing: notSeen } = withoutExpected(problems, [
        { method: 'GET', path: `/api/cases/${target.url_name}`, status: 404, count: 2 },
        { method: 'GET', path: '/api/cases/no-such-case', status: 404, count: 2 },
        { method: 'GET', path: '/api/me', status: 401, count: 2 },
      ]);
      assert.deepEqual(notSeen, [], 'the provoked failures happened');
      assert.equal(left.length, 0, `the pages logged problems:\n${left.join('\n')}`);
    } finally {
      await context.close();
    }
  });

  test('an evidence file is attached, listed and downloaded back', async () => {
    const context = await demo.browser.newContext({ acceptDownloads: true });
    try {
      const page = await context.newPage();
      const problems = watchPage(page);
      await signInThroughPage(page, demo.server, { email: DEMO_CHAIR_EMAIL, password: DEMO_PASSWORD, secret: demo.secret });
      const target = await page.evaluate(async () => (await (await fetch('/api/cases')).json()).cases[0]);
      await page.getByRole('link', { name: target.code_name, exact: true }).click();
      await page.waitForURL(`${demo.server.url}/cases/${target.url_name}`);
      await page.getByTestId('timeline').waitFor({ timeout: 20_000 });
      const form = page.getByRole('form', { name: 'Attach a file' });
      await form.waitFor({ timeout: 20_000 });
      await waitForSettled(page);

      // Without a file the form says so next to the input, and sends nothing.
      await form.getByRole('button', { name: 'Attach file' }).click();
      await page.waitForFunction(() => document.getElementById('evidence-file')?.getAttribute('aria-invalid') === 'true');
      assert.match((await page.locator('#evidence-file-error').textContent()) ?? '', /File is required/);

      // 1.5 MiB: more than a JSON request may carry, well within the default policy's 10 MiB.
      const line = Buffer.from(`EVIDENCE-CANARY ${Date.now()}: the messages as exported\n`);
      const content = Buffer.concat([...Array(Math.ceil((1.5 * 1024 * 1024) / line.length)).fill(line), Buffer.from([0, 1, 255])]);
      const name = 'chat log – November.txt';
      const description = 'Exported by the reporter on Friday.';
      await form.getByLabel('File', { exact: true }).setInputFiles({ name, mimeType: 'text/plain', buffer: content });
      await form.getByLabel('Description (optional)').fill(description);
      await form.getByRole('button', { name: 'Attach file' }).click();
      await page.getByTestId('evidence-status').filter({ hasText: 'as evidence file' }).waitFor({ timeout: 20_000 });
      assert.match((await page.getByTestId('evidence-status').textContent()) ?? '', new RegExp(`Attached “${name}” as evidence file \\d+\\.`));
      const entries = page.getByTestId('timeline').locator(':scope > li');
      await page.waitForFunction(
        (text) => [...document.querySelectorAll('[data-testid=timeline] > li')].at(-1)?.textContent?.includes(text),
        description,
        { timeout: 20_000 },
      );
      assert.equal(await entries.last().getAttribute('data-kind'), 'evidence');

      // Listed with a link that downloads the same bytes under the same name.
      const link = page.getByTestId('evidence').getByRole('link', { name, exact: true });
      await link.waitFor({ timeout: 20_000 });
      const row = page.getByTestId('evidence').locator('tbody tr').filter({ has: page.getByRole('link', { name, exact: true }) });
      assert.match((await row.textContent()) ?? '', /Exported by the reporter on Friday\..*1\.5 MiB/);
      await waitForSettled(page);
      const violations = await runAxe(page);
      assert.equal(violations.length, 0, `axe found accessibility violations:\n${formatViolations(violations)}`);

      const [download] = await Promise.all([page.waitForEvent('download', { timeout: 20_000 }), link.click()]);
      assert.equal(download.suggestedFilename(), name);
      const saved = await readFile(await download.path());
      assert.ok(saved.equals(content), 'the downloaded file is the uploaded one, byte for byte');

      // The server answers it only as an opaque attachment.
      const href = await link.getAttribute('href');
      const headers = await page.evaluate(async (url) => {
        const response = await fetch(url);
        await response.arrayBuffer();
        return {
          status: response.status,
          type: response.headers.get('content-type'),
          disposition: response.headers.get('content-disposition'),
          sniffing: response.headers.get('x-content-type-options'),
          cache: response.headers.get('cache-control'),
        };
      }, href);
      assert.deepEqual(headers, {
        status: 200,
        type: 'application/octet-stream',
        disposition: `attachment; filename*=UTF-8''${encodeURIComponent(name)}`,
        sniffing: 'nosniff',
        cache: 'no-store',
      });

      await waitForSettled(page);
      assert.deepEqual(problems, [], `the pages logged problems:\n${problems.join('\n')}`);
    } finally {
      await context.close();
    }
  });
  test('two reports of one incident are linked into one case and split out again', async () => {
    const context = await demo.browser.newContext();
    try {
      const page = await context.newPage();
      const problems = watchPage(page);
      await signInThroughPage(page, demo.server, { email: DEMO_CHAIR_EMAIL, password: DEMO_PASSWORD, secret: demo.secret });
      const [primary, other] = await page.evaluate(async () => (await (await fetch('/api/cases')).json()).cases.slice(0, 2));
      await page.goto(`${demo.server.url}/cases/${primary.url_name}`, { waitUntil: 'load' });
      await page.getByTestId('no-linked-cases').waitFor({ timeout: 20_000 });
      await waitForSettled(page);

      // The case itself is refused by name, next to the field; nothing is linked.
      const form = page.getByRole('form', { name: 'Link another report of this incident' });
      await form.getByLabel('Case to link into this one').fill(primary.code_name);
      await form.getByRole('button', { name: 'Link case' }).click();
      await page.waitForFunction(() => document.getElementById('link-case')?.getAttribute('aria-invalid') === 'true');
      assert.match((await page.locator('#link-case-error').textContent()) ?? '', /Names this case itself/);

      await form.getByLabel('Case to link into this one').fill(other.code_name);
      await form.getByLabel('Why they belong together').fill('Both describe the same evening.');
      await form.getByRole('button', { name: 'Link case' }).click();
      await page.getByTestId('link-status').filter({ hasText: 'Linked.' }).waitFor({ timeout: 20_000 });
      const linked = page.getByTestId('linked-case');
      assert.equal(await linked.count(), 1);
      assert.ok((await linked.getByRole('heading', { level: 3 }).textContent())?.includes(other.code_name));
      await page.waitForFunction(
        () => document.querySelector('[data-testid=timeline] > li:last-child')?.getAttribute('data-kind') === 'link',
        null,
        { timeout: 20_000 },
      );
      await waitForSettled(page);
      const violations = await runAxe(page);
      assert.equal(violations.length, 0, `axe found accessibility violations:\n${formatViolations(violations)}`);

      // From the linked case: where the incident is handled, and the split with its reason.
      await linked.getByRole('link', { name: other.code_name, exact: true }).click();
      await page.waitForURL(`${demo.server.url}/cases/${other.url_name}`);
      await page.getByTestId('linked-into').waitFor({ timeout: 20_000 });
      assert.ok((await page.getByTestId('linked-into').textContent())?.includes(primary.code_name));
      await waitForSettled(page);
      await page.getByText(`Split ${other.code_name} out…`).click();
      const split = page.getByRole('form', { name: `Split ${other.code_name} out` });
      await split.getByRole('button', { name: 'Split out' }).click();
      assert.match((await split.getByRole('alert').textContent()) ?? '', /Say why the link was wrong/);
      await split.getByLabel(`Why ${other.code_name} is not about this incident`).fill('A different evening.');
      await split.getByRole('button', { name: 'Split out' }).click();
      await page.getByTestId('no-linked-cases').waitFor({ timeout: 20_000 });
      const linkEntries = page.getByTestId('timeline').locator(':scope > li[data-kind=link]');
      await page.waitForFunction(
        () => document.querySelectorAll('[data-testid=timeline] > li[data-kind=link]').length === 2,
        null,
        { timeout: 20_000 },
      );
      assert.match((await linkEntries.last().textContent()) ?? '', /A different evening\./);

      await waitForSettled(page);
      const { left, missing } = withoutExpected(problems, [{ method: 'POST', path: `/api/cases/${primary.url_name}/links`, status: 400 }]);
      assert.deepEqual(missing, [], 'the refused link was answered 400');
      assert.equal(left.length, 0, `the pages logged problems:\n${left.join('\n')}`);
    } finally {
      await context.close();
    }
  });
});
