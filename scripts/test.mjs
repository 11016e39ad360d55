#!/usr/bin/env node
/**
 * `npm test`: builds the web app when browser tests will run, runs every
 * vitest suite (unit, API on SQLite and PostgreSQL, browser), and ends with
 * the line `N passed, N failed`. Dates must not depend on the server's zone,
 * so tests run with TZ=America/Los_Angeles.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';

const env = { ...process.env, TZ: 'America/Los_Angeles' };
const args = process.argv.slice(2);

if (existsSync('web/index.html') && !process.env.SKIP_WEB_BUILD) {
  console.log('[test] building the web app for browser tests…');
  const b = spawnSync('npx', ['vite', 'build', '--logLevel', 'warn'], { stdio: 'inherit', env });
  if (b.status !== 0) {
    console.log('0 passed, 1 failed');
    process.exit(1);
  }
}

mkdirSync('.test-results', { recursive: true });
const out = '.test-results/vitest.json';
const r = spawnSync('npx', ['vitest', 'run', '--reporter=default', '--reporter=json', `--outputFile.json=${out}`, ...args], { stdio: 'inherit', env });

let passed = 0;
let failed = 0;
let skipped = 0;
try {
  const report = JSON.parse(readFileSync(out, 'utf8'));
  passed = report.numPassedTests;
  // A suite that fails in setup has no failed tests of its own: count it then, not twice.
  failed = report.numFailedTests > 0 ? report.numFailedTests : report.numFailedTestSuites ?? 0;
  skipped = report.numPendingTests + (report.numTodoTests ?? 0);
} catch {
  failed = 1;
}
if (r.status !== 0 && failed === 0) failed = 1;
console.log(`${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ''}`);
process.exit(failed > 0 ? 1 : 0);
