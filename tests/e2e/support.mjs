// Shared helpers for the browser tests: start a throw-away `conduct demo`
// server, launch Debian's Chromium through playwright-core, and run axe.
//
// Packages live in web/node_modules, so they are resolved from web/package.json.
import { spawn } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { createRequire } from 'node:module';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { setTimeout as delay } from 'node:timers/promises';

const require = createRequire(new URL('../../web/package.json', import.meta.url));
const { chromium } = require('playwright-core');
export const axePath = require.resolve('axe-core/axe.min.js');

export const CHROMIUM_PATH = process.env.CONDUCT_CHROMIUM ?? '/usr/bin/chromium';
const STARTUP_TIMEOUT_MS = 20_000;
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

/** Formats axe violations for an assertion message. */
export function formatViolations(violations) {
  return violations
    .map((v) => {
      const targets = v.nodes.map((node) => `    ${node.target.join(' ')}: ${node.failureSummary?.replace(/\n/g, ' ')}`);
      return `  [${v.impact}] ${v.id}: ${v.help} (${v.helpUrl})\n${targets.join('\n')}`;
    })
    .join('\n');
}
