import Mocha from 'mocha';
import { runPester, type PesterRun, type RunOptions, type TestResult } from './index.ts';

/**
 * Mocha integration: a suite whose `before` hook runs Pester once (one PowerShell process) and then adds
 * one mocha test per Pester test, and one per failed container or block, so a mocha reporter counts each.
 * Mocha runs a suite's tests only when it has one at start, so the suite holds one test of its own: the
 * run happened and reported results.
 */
export interface PesterSuiteOptions {
  /** Called once the run is back (for extra assertions or figures). */
  readonly onRun?: (run: PesterRun) => void;
  /** Pester tests expected to fail (by name): the mocha test passes when they do, fails when they pass. */
  readonly expectFailure?: (test: TestResult) => boolean;
  /** Mocha timeout for the run, ms (default 20 minutes: a cold run restores PowerShell and Pester). */
  readonly timeoutMs?: number;
}

const title = (t: TestResult): string => t.path.join(' > ');

export function describePester(name: string, options: RunOptions | (() => RunOptions | Promise<RunOptions>), suite: PesterSuiteOptions = {}): Mocha.Suite {
  return describe(name, function () {
    let run: PesterRun | undefined;
    let failure: unknown;
    this.timeout(suite.timeoutMs ?? 1_200_000);
    before(async function () {
      try {
        run = await runPester(typeof options === 'function' ? await options() : options);
      } catch (error) {
        failure = error;
        return;
      }
      suite.onRun?.(run);
      const parent = this.test!.parent!;
      for (const t of run.tests) {
        parent.addTest(new Mocha.Test(title(t), function (this: Mocha.Context) {
          if (t.result === 'Skipped' || t.result === 'NotRun') this.skip();
          const wanted = suite.expectFailure?.(t) ? 'Failed' : 'Passed';
          if (t.result !== wanted) {
            const why = t.error ? `${t.error.message}\n${t.error.stack}` : `result ${t.result}`;
            throw new Error(`${title(t)} (${t.container}): ${why}`);
          }
        }));
      }
      for (const f of run.failures) {
        parent.addTest(new Mocha.Test(`${f.kind} ${f.path}`, () => {
          throw new Error(`${f.kind} ${f.path} failed (${f.container}): ${f.error.message}\n${f.error.stack}`);
        }));
      }
    });
    it('runs Pester in one PowerShell process and reads every result', () => {
      if (failure instanceof Error) throw failure;
      if (failure !== undefined) throw new Error(`the Pester run failed: ${JSON.stringify(failure)}`);
      if (!run) throw new Error('the Pester run did not happen');
      if (run.tests.length === 0 && run.failures.length === 0) throw new Error('the Pester run reported no test');
    });
  });
}
