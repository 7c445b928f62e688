'use strict';
// The spec reporter, plus one closing line `N passed, N failed` that CI reads.
const Mocha = require('mocha');

class RemgenReporter extends Mocha.reporters.Spec {
  constructor(runner, options) {
    super(runner, options);
    let passed = 0;
    let failed = 0;
    let pending = 0;
    runner.on('pass', () => { passed += 1; });
    runner.on('fail', () => { failed += 1; });
    runner.on('pending', () => { pending += 1; });
    runner.once('end', () => {
      process.stdout.write(`${passed} passed, ${failed} failed${pending ? `, ${pending} skipped` : ''}\n`);
    });
  }
}

module.exports = RemgenReporter;
