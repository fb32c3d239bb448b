#!/usr/bin/env node
// Usage: node scripts/test-summary.js <jest-json>...
// Prints the suites that were skipped for something missing on this machine (each left its reason
// and the command that enables it in .data/test-skips, see test/support/skips.ts), then the one
// closing line "N passed, N failed[, N skipped]".
'use strict';
const fs = require('fs');
const path = require('path');

const runs = process.argv.slice(2).map((file) => {
  try {
    return JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch {
    return {};
  }
});
const sum = (key) => runs.reduce((n, run) => n + (run[key] ?? 0), 0);

const dir = path.join(__dirname, '..', '.data', 'test-skips');
const skips = fs.existsSync(dir)
  ? fs.readdirSync(dir).flatMap((f) => fs.readFileSync(path.join(dir, f), 'utf8').split('\n'))
  : [];
const lines = [...new Set(skips.filter(Boolean))];
if (lines.length > 0) {
  console.log('\n跳过的测试 / skipped suites:');
  for (const line of lines) console.log(`  ${line}`);
}

// CI (.ci/run) requires every suite to run: a skipped one would hide an untested path.
const skipsRefused = lines.length > 0 && process.env.REQUIRE_ALL_SUITES === '1';
if (skipsRefused)
  console.log('REQUIRE_ALL_SUITES=1: 不允许跳过测试 / no suite may be skipped here');

const failed = sum('numFailedTests') + sum('numRuntimeErrorTestSuites');
const skipped = sum('numPendingTests') + sum('numTodoTests');
console.log(
  `\n${sum('numPassedTests')} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ''}`,
);
process.exitCode = skipsRefused ? 1 : 0;
