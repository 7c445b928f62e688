import { describeGraphError } from './errors.ts';
import type { GraphSession } from './graph.ts';
import type { Plan } from './plan.ts';

/**
 * The writes of a plan, in order: per package its create (201) or PATCH, then its assign with the whole
 * set; then the prunes. It stops at the first failure and says what was done and what was not; the next
 * publish plans from what Graph then holds, so running again finishes the job.
 */

export interface ApplyResult {
  readonly done: readonly string[];
  readonly notDone: readonly string[];
  readonly error?: string;
}

export async function applyPlan(plan: Plan, graph: GraphSession, options: { readonly prune: boolean; readonly progress?: (line: string) => void }): Promise<ApplyResult> {
  const steps: { what: string; run: () => Promise<void> }[] = [];
  for (const p of plan.packages) {
    let id = p.id;
    if (p.action === 'create') {
      steps.push({ what: `create '${p.package}'`, run: async () => { id = (await graph.createScript(p.body!)).id!; } });
    } else if (p.body) {
      steps.push({ what: `update '${p.package}' (${p.fields.join(', ')})`, run: () => graph.updateScript(id!, p.body!) });
    }
    if (p.assign) steps.push({ what: `assign '${p.package}' (${p.assign.length} target${p.assign.length === 1 ? '' : 's'})`, run: () => graph.assign(id!, p.assign!) });
  }
  if (options.prune) {
    for (const s of plan.prune) steps.push({ what: `delete '${s.displayName}' (${s.id}, package '${s.package}')`, run: () => graph.deleteScript(s.id) });
  }
  const done: string[] = [];
  for (const [index, step] of steps.entries()) {
    try {
      await step.run();
    } catch (error) {
      return { done, notDone: steps.slice(index).map((s) => s.what), error: describeGraphError(error, step.what) };
    }
    done.push(step.what);
    options.progress?.(`  done ${step.what}`);
  }
  return { done, notDone: [] };
}
