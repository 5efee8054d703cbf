#!/usr/bin/env node
// `npm test`: every check the project has, in order, and one closing line that counts the tests
// of both runners ("tests: N passed, N failed, N skipped"). Exits non-zero if any step failed.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';

const steps = [
  ['format', 'npx', ['prettier', '--check', '.']],
  ['lint', 'npx', ['eslint', '--max-warnings', '0', '.']],
  ['typecheck', 'npm', ['run', '--silent', 'typecheck']],
  ['unit', 'npx', ['vitest', 'run', '--reporter=default', '--reporter=json', '--outputFile=test-results/vitest.json']],
  ['build', 'npx', ['electron-vite', 'build']],
  // Real hosts in network namespaces; skipped (with the reason) where the machine cannot run them,
  // never in CI. Needs the build: the lab daemon is the built CLI.
  [
    'lab',
    'npx',
    [
      'vitest',
      'run',
      '--config',
      'vitest.lab.config.ts',
      '--reporter=default',
      '--reporter=json',
      '--outputFile=test-results/vitest-lab.json',
    ],
  ],
  ['e2e', 'npx', ['playwright', 'test']],
];

rmSync('test-results', { recursive: true, force: true });
mkdirSync('test-results', { recursive: true });

const failedSteps = [];
for (const [name, command, args] of steps) {
  console.log(`\n=== ${name}: ${command} ${args.join(' ')}`);
  const started = Date.now();
  const { status } = spawnSync(command, args, { stdio: 'inherit' });
  console.log(
    `=== ${name}: ${status === 0 ? 'ok' : `FAILED (exit ${status})`} in ${((Date.now() - started) / 1000).toFixed(1)} s`,
  );
  if (status !== 0) failedSteps.push(name);
}

const readJson = (path) => (existsSync(path) ? JSON.parse(readFileSync(path, 'utf8')) : undefined);
const totals = { passed: 0, failed: 0, skipped: 0 };

for (const file of ['test-results/vitest.json', 'test-results/vitest-lab.json']) {
  const vitest = readJson(file);
  if (!vitest) continue;
  totals.passed += vitest.numPassedTests;
  totals.failed += vitest.numFailedTests;
  totals.skipped += vitest.numPendingTests + vitest.numTodoTests;
}

const playwright = readJson('test-results/playwright.json');
if (playwright) {
  totals.passed += playwright.stats.expected + playwright.stats.flaky;
  totals.failed += playwright.stats.unexpected;
  totals.skipped += playwright.stats.skipped;
  const skips = [];
  const walk = (suite) => {
    for (const spec of suite.specs ?? []) {
      for (const t of spec.tests) {
        if (t.status === 'skipped') skips.push(`${spec.title}: ${t.annotations.map((a) => a.description).join('; ')}`);
      }
    }
    for (const child of suite.suites ?? []) walk(child);
  };
  for (const suite of playwright.suites) walk(suite);
  for (const skip of skips) console.log(`skipped: ${skip}`);
}

if (failedSteps.length > 0) console.log(`failed steps: ${failedSteps.join(', ')}`);
// A step that failed without failing a test (a crashed runner, a lint error) still counts as one.
const failed = Math.max(totals.failed, failedSteps.length);
console.log(`tests: ${totals.passed} passed, ${failed} failed, ${totals.skipped} skipped`);
process.exit(failedSteps.length > 0 || totals.passed === 0 ? 1 : 0);
