// Shared helpers for the browser tests: start a throw-away `conduct demo`
// server, launch Debian's Chromium through playwright-core, and run axe.
//
// Packages live in web/node_modules, so they are resolved from web/package.json.
import { after, before } from 'node:test';
import { spawn } from 'node:child_process';
import { createHmac } from 'node:crypto';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { createRequire } from 'node:module';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { setTimeout as delay } from 'node:timers/promises';

const require = createRequire(new URL('../../web/package.json', import.meta.url));
const { chromium } = require('playwright-core');
const jsQR = require('jsqr');
const { PNG } = require('pngjs');
export const axePath = require.resolve('axe-core/axe.min.js');

export const CHROMIUM_PATH = process.env.CONDUCT_CHROMIUM ?? '/usr/bin/chromium';
// `conduct demo` seeds its cases through the use cases before it serves, each member's
// sign-in a real Argon2id check: on a busy two-core machine that passes 20 s.
const STARTUP_TIMEOUT_MS = 60_000;
const STOP_GRACE_MS = 5_000;
const MAX_LOG_CHARS = 20_000;

/** Asks the kernel for a free TCP port on 127.0.0.1. */
export function freePort() {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

function waitForExit(child, ms) {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve(true);
  return new Promise((resolve) => {
    const timer = setTimeout(() => resolve(false), ms);
    child.once('exit', () => {
      clearTimeout(timer);
      resolve(true);
    });
  });
}

/**
 * Starts `$CONDUCT_BIN demo --listen 127.0.0.1:PORT --data TMPDIR` and waits
 * until GET /api/health answers 200.
 * Returns { url, dataDir, output(), stop() }.
 */
export async function startServer({ bin = process.env.CONDUCT_BIN, extraArgs = [] } = {}) {
  if (!bin) throw new Error('CONDUCT_BIN must name the conduct server binary (e.g. build/conduct)');
  const dataDir = await mkdtemp(path.join(os.tmpdir(), 'conduct-e2e-'));
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;

  let log = '';
  const collect = (chunk) => {
    log += chunk.toString();
    if (log.length > MAX_LOG_CHARS) log = log.slice(-MAX_LOG_CHARS);
  };
  const child = spawn(bin, ['demo', '--listen', `127.0.0.1:${port}`, '--data', dataDir, ...extraArgs], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout.on('data', collect);
  child.stderr.on('data', collect);
  let spawnError = null;
  child.on('error', (error) => {
    spawnError = error;
  });

  let stopped = false;
  async function stop() {
    if (stopped) return;
    stopped = true;
    if (child.exitCode === null && child.signalCode === null && !spawnError) {
      child.kill('SIGTERM');
      if (!(await waitForExit(child, STOP_GRACE_MS))) {
        child.kill('SIGKILL');
        await waitForExit(child, STOP_GRACE_MS);
      }
    }
    await rm(dataDir, { recursive: true, force: true });
  }

  const deadline = Date.now() + STARTUP_TIMEOUT_MS;
  let lastProblem = 'no answer yet';
  try {
    for (;;) {
      if (spawnError) throw new Error(`could not start ${bin}: ${spawnError.message}`);
      if (child.exitCode !== null || child.signalCode !== null) {
        throw new Error(`server exited early (code ${child.exitCode}, signal ${child.signalCode})`);
      }
      try {
        const response = await fetch(`${url}/api/health`, { signal: AbortSignal.timeout(2_000) });
        await response.arrayBuffer();
        if (response.status === 200) break;
        lastProblem = `GET /api/health answered ${response.status}`;
      } catch (error) {
        lastProblem = error.cause?.code ?? error.message;
      }
      if (Date.now() > deadline) {
        throw new Error(`server not healthy after ${STARTUP_TIMEOUT_MS} ms (${lastProblem})`);
      }
      await delay(100);
    }
  } catch (error) {
    await stop();
    throw new Error(`${error.message}\n--- server command: ${bin} demo --listen 127.0.0.1:${port} --data ${dataDir}\n--- server output:\n${log || '(none)'}`);
  }

  return { url, dataDir, output: () => log, stop };
}

/** Launches headless Chromium (Debian's package; playwright cannot download browsers here). */
export function launchBrowser() {
  return chromium.launch({
    executablePath: CHROMIUM_PATH,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-dev-shm-usage',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
    ],
  });
}

/**
 * Records everything on a page that points at a broken page: console errors
 * (CSP violations show up here), uncaught exceptions, failed requests and
 * responses with status >= 400. Returns the live array of problem strings.
 */
export function watchPage(page) {
  trackInFlight(page);
  const problems = [];
  page.on('console', (message) => {
    if (message.type() === 'error') {
      const where = message.location();
      problems.push(`console error: ${message.text()}${where?.url ? ` (${where.url}:${where.lineNumber})` : ''}`);
    }
  });
  page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
  page.on('requestfailed', (request) =>
    problems.push(`request failed: ${request.method()} ${request.url()} (${request.failure()?.errorText})`),
  );
  page.on('response', (response) => {
    if (response.status() >= 400) {
      problems.push(`HTTP ${response.status()}: ${response.request().method()} ${response.url()}`);
    }
  });
  return problems;
}

/**
 * Runs axe-core on the page and returns its violations.
 *
 * page.addScriptTag({ path }) would insert an inline <script>, which the
 * server's CSP (default-src 'self') rightly refuses, so axe's source is
 * evaluated through the DevTools protocol instead: that is not subject to
 * the page's CSP and leaves no trace in the DOM. addScriptTag stays as the
 * fallback for pages served without a CSP.
 */
export async function runAxe(page, options = {}) {
  const source = await readFile(axePath, 'utf8');
  await page.evaluate(source);
  if (!(await page.evaluate(() => typeof globalThis.axe?.run === 'function'))) {
    await page.addScriptTag({ path: axePath });
  }
  const results = await page.evaluate((runOptions) => globalThis.axe.run(document, runOptions), options);
  return results.violations;
}

/**
 * Reads the QR code `locator` shows as a phone's camera would: from a screenshot of it
 * as Chromium drew it, decoded by jsQR. Returns the text it holds, or null.
 */
export async function readQrCode(locator) {
  const image = PNG.sync.read(await locator.screenshot());
  const pixels = new Uint8ClampedArray(image.data.buffer, image.data.byteOffset, image.data.length);
  return jsQR(pixels, image.width, image.height)?.data ?? null;
}

/** Formats axe violations for an assertion message. */
export function formatViolations(violations) {
  return violations
    .map((v) => {
      const targets = v.nodes.map((node) => `    ${node.target.join(' ')}: ${node.failureSummary?.replace(/\n/g, ' ')}`);
      return `  [${v.impact}] ${v.id}: ${v.help} (${v.helpUrl})\n${targets.join('\n')}`;
    })
    .join('\n');
}

// ---- Signing in ------------------------------------------------------------------

export const DEMO_CHAIR_EMAIL = 'robin@tidewater.example';
export const DEMO_CHAIR_NAME = 'Robin Achterberg';
export const DEMO_PASSWORD = 'tidewater demo password';

/**
 * The demo chair's TOTP secret, read from the server's greeting
 * ("... add this TOTP secret to an authenticator app: BASE32SECRET).").
 */
/**
 * Registers the hooks of a suite that runs against a fresh `conduct demo` server in
 * Chromium, and returns an object whose `server`, `browser` and `secret` (the demo
 * chair's TOTP secret) are set once the suite has started; both are stopped after it.
 */
export function useDemoServer() {
  const demo = { server: null, browser: null, secret: null };
  before(async () => {
    demo.server = await startServer();
    demo.browser = await launchBrowser();
    demo.secret = await demoTotpSecret(demo.server);
  });
  after(async () => {
    await demo.browser?.close();
    await demo.server?.stop();
  });
  return demo;
}

export async function demoTotpSecret(server, timeoutMs = 10_000) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const found = /TOTP secret to an authenticator app: ([A-Z2-7]+)\)/.exec(server.output());
    if (found) return found[1];
    if (Date.now() > deadline) throw new Error(`no TOTP secret in the demo's output:\n${server.output()}`);
    await delay(50);
  }
}

function base32Decode(text) {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
  const clean = text.replace(/[\s=]/g, '').toUpperCase();
  let bits = 0;
  let value = 0;
  const out = [];
  for (const char of clean) {
    const index = alphabet.indexOf(char);
    if (index < 0) throw new Error(`not base32: ${text}`);
    value = (value << 5) | index;
    bits += 5;
    if (bits >= 8) {
      out.push((value >>> (bits - 8)) & 0xff);
      bits -= 8;
    }
  }
  return Buffer.from(out);
}

/** The RFC 6238 code (HMAC-SHA1, 6 digits, 30-second steps) of `secret` for time step `step`. */
export function totpCode(secret, step) {
  const counter = Buffer.alloc(8);
  counter.writeBigUInt64BE(BigInt(step));
  const digest = createHmac('sha1', base32Decode(secret)).update(counter).digest();
  const offset = digest[digest.length - 1] & 0x0f;
  const binary = digest.readUInt32BE(offset) & 0x7fffffff;
  return String(binary % 1_000_000).padStart(6, '0');
}

export function currentStep() {
  return Math.floor(Date.now() / 1000 / 30);
}

// A code works once: the server remembers the last step used per member and takes only
// later ones, one step early or late at most. So each use takes the next unused step,
// waiting for the clock when the next one is still too far ahead.
const lastStepUsed = new Map();

/** A fresh TOTP code for `secret`, never one of a step already handed out. */
export async function nextTotpCode(secret) {
  for (;;) {
    const now = currentStep();
    const step = Math.max(now, (lastStepUsed.get(secret) ?? -Infinity) + 1);
    if (step <= now + 1) {
      lastStepUsed.set(secret, step);
      return totpCode(secret, step);
    }
    await delay(Math.max(50, (step - 1) * 30_000 - Date.now() + 50));
  }
}

/** Marks `step` of `secret` as used (e.g. by an enrolment the test completed). */
export function noteTotpStepUsed(secret, step) {
  lastStepUsed.set(secret, Math.max(step, lastStepUsed.get(secret) ?? -Infinity));
}

// Requests a page has started and not yet finished (watchPage installs this).
const inFlight = new WeakMap();

function trackInFlight(page) {
  if (inFlight.has(page)) return;
  const pending = new Set();
  inFlight.set(page, pending);
  page.on('request', (request) => pending.add(request));
  page.on('requestfinished', (request) => pending.delete(request));
  page.on('requestfailed', (request) => pending.delete(request));
}

/**
 * Waits until the members' page on screen has loaded everything it asks for (its
 * .page frame drops aria-busy) and no request has been open for a moment. Call it
 * before leaving a page with page.goto() or reload(), so that no request of the old
 * page is cut off (which would show up as a failed request): Chromium fetches the
 * favicon late after a page load and after each pushState, and Playwright's
 * "networkidle" does not wait for it.
 */
export async function waitForSettled(page, timeout = 20_000) {
  await page.waitForFunction(
    () => {
      const frame = document.querySelector('main .page');
      return frame !== null && !frame.hasAttribute('aria-busy');
    },
    null,
    { timeout },
  );
  await waitForQuiet(page, timeout);
}

/**
 * Waits until no request of the page has been open for a moment (needs watchPage).
 * Chromium fetches the favicon again after every in-app navigation too (pushState).
 */
export async function waitForQuiet(page, timeout = 20_000) {
  const pending = inFlight.get(page);
  if (!pending) throw new Error('waitForQuiet needs watchPage(page) first');
  const deadline = Date.now() + timeout;
  let quietSince = Date.now();
  for (;;) {
    if (pending.size > 0) quietSince = Date.now();
    else if (Date.now() - quietSince >= 250) return;
    if (Date.now() > deadline) {
      throw new Error(`requests still open: ${[...pending].map((request) => request.url()).join(', ')}`);
    }
    await delay(25);
  }
}

/** Fills the sign-in form on the current page (which must be /sign-in) and submits it. */
export async function fillSignIn(page, { email, password, code }) {
  await page.getByLabel('Email', { exact: true }).fill(email);
  await page.getByLabel('Password', { exact: true }).fill(password);
  await page.getByLabel('Code', { exact: true }).fill(code);
  await page.getByRole('button', { name: 'Sign in' }).click();
}

/** Signs in through the page and waits for the dashboard. */
export async function signInThroughPage(page, server, { email, password, secret }) {
  await page.goto(`${server.url}/sign-in`, { waitUntil: 'load' });
  await page.getByRole('heading', { level: 1, name: 'Sign in' }).waitFor();
  await fillSignIn(page, { email, password, code: await nextTotpCode(secret) });
  await page.waitForURL(`${server.url}/cases`, { timeout: 20_000 });
  await page.getByTestId('case-count').waitFor({ timeout: 20_000 });
  await waitForSettled(page);
}

// ---- Expected failures -------------------------------------------------------------

/**
 * Removes from `problems` (from watchPage) the ones a test provokes on purpose: each
 * expectation {method, path, status, count = 1} takes away that many "HTTP status"
 * entries and as many matching "Failed to load resource" console errors. Returns
 * what is left, and the expectations that were not met.
 */
export function withoutExpected(problems, expectations) {
  const left = [...problems];
  const missing = [];
  for (const { method = 'GET', path: wanted, status, count = 1 } of expectations) {
    const takeOne = (predicate) => {
      const index = left.findIndex(predicate);
      if (index < 0) return false;
      left.splice(index, 1);
      return true;
    };
    const pathOf = (url) => {
      try {
        return new URL(url).pathname;
      } catch {
        return url;
      }
    };
    for (let i = 0; i < count; i++) {
      const http = takeOne((problem) => {
        const found = /^HTTP (\d+): (\S+) (\S+)$/.exec(problem);
        return found && Number(found[1]) === status && found[2] === method && pathOf(found[3]) === wanted;
      });
      if (!http) missing.push(`${method} ${wanted} → ${status}`);
      takeOne((problem) => {
        const found = /^console error: Failed to load resource: the server responded with a status of (\d+).*\((\S+):\d+\)$/.exec(problem);
        return found && Number(found[1]) === status && pathOf(found[2]) === wanted;
      });
    }
  }
  return { left, missing };
}
