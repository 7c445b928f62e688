import { readFile } from 'node:fs/promises';
import { join, relative, resolve } from 'node:path';
import { createInterface } from 'node:readline/promises';
import { build } from '../../build.ts';
import { checkDeployment } from '../../check/deployment.ts';
import type { CloudName } from '../../descriptor/deployment.ts';
import { formatDiagnostic } from '../../diagnostic.ts';
import { deploymentFile, loadDeployment } from '../../load/deployment.ts';
import { applyPlan, type ApplyResult } from '../../publish/apply.ts';
import { AuthSetupError, chooseMethod, credentialFor, signInHint, type AuthMethod } from '../../publish/auth.ts';
import { endpointsOf } from '../../publish/cloud.ts';
import { desiredPackage, type DesiredPackage } from '../../publish/desired.ts';
import { openSession, preloadGraphLibraries } from '../../publish/graph.ts';
import { makePlan, writesOf, type Plan } from '../../publish/plan.ts';
import { SigningError, type SigningArgs } from '../../sign/index.ts';
import { EXIT } from '../exit.ts';
import { plural, print, printError, printJson } from '../output.ts';
import { buildSigning } from '../signing-options.ts';

export interface PublishArgs extends SigningArgs {
  readonly deployment: string;
  readonly whatIf: boolean;
  readonly json: boolean;
  readonly prune: boolean;
  readonly yes: boolean;
  readonly cloud?: CloudName;
  readonly auth?: AuthMethod;
  readonly catalog: string;
  readonly out: string;
}

/** The plan as `--json` prints it: no script content, no token, no secret. */
function planJson(plan: Plan) {
  return {
    packages: plan.packages.map(({ body: _body, assign, ...p }) => ({ ...p, assignmentsPosted: assign?.length ?? null })),
    prune: plan.prune,
    errors: plan.errors,
    notes: plan.notes,
  };
}

function printPlan(print: (line: string) => void, plan: Plan, prune: boolean): void {
  for (const p of plan.packages) {
    const head = p.action === 'create' ? 'create   ' : p.action === 'update' ? 'update   ' : 'unchanged';
    print(`  ${head} ${p.package} '${p.displayName}'${p.id ? ` (${p.id})` : ''}${p.action === 'update' ? `: ${p.fields.join(', ')}` : ''}`);
    // The build the devices' summary lines name (`<pkg>@<build>`), before and after, when the content changes.
    if (p.build?.out && p.build.intune !== p.build.out && p.action !== 'unchanged') print(`      build ${p.action === 'create' ? p.build.out : `${p.build.intune ?? '(none: not remgen\'s or before build ids)'} -> ${p.build.out}`}`);
    for (const a of p.added) print(`      + ${a.target}: ${a.after}`);
    for (const a of p.removed) print(`      - ${a.target}: ${a.before}`);
    for (const a of p.changed) print(`      ~ ${a.target}: ${a.before} -> ${a.after}`);
  }
  for (const s of plan.prune) print(`  ${prune ? 'delete   ' : 'not named'} ${s.package} '${s.displayName}' (${s.id})${prune ? '' : ': owned by this deployment; --prune deletes it'}`);
}

const words = (plan: Plan): string => {
  const n = (a: string): number => plan.packages.filter((p) => p.action === a).length;
  const assigns = plan.packages.filter((p) => p.assign).length;
  return `${n('create')} to create, ${n('update')} to update, ${n('unchanged')} unchanged, ${plural(assigns, 'assignment set')} to post`;
};

/** `remgen publish`: loaded only when this command runs; Graph and @azure/identity only once the plan needs them. */
export async function runPublish(args: PublishArgs & Record<string, unknown>): Promise<number> {
  const say = args.json ? printError : print;
  const fail = (line: string, json: Record<string, unknown> = {}): number => {
    printError(`remgen publish: ${line}`);
    if (args.json) printJson({ ok: false, error: line, ...json });
    return EXIT.failed;
  };
  await preloadGraphLibraries();
  const out = resolve(args.out);
  const shownOut = relative(process.cwd(), out) || '.';

  // 1. out/ must be what the descriptors build, signed: the test of `build --check`.
  let signing: Awaited<ReturnType<typeof buildSigning>>;
  try {
    signing = await buildSigning(args, printError);
  } catch (error) {
    if (!(error instanceof SigningError)) throw error;
    printError(`remgen publish: ${error.message}; nothing was sent`);
    return error.code === 'Usage' ? EXIT.usage : EXIT.failed;
  }
  if (!signing.signing) return fail(`${shownOut}/ would be unsigned (${signing.note}); Intune runs what you publish on every device: build signed, then publish`);
  const outcome = await build({ catalog: args.catalog, out, check: true, signing: signing.signing });
  const file = deploymentFile(args.deployment);
  if (outcome.kind === 'invalid') {
    for (const d of outcome.diagnostics) printError(formatDiagnostic(d));
    return fail(`${plural(outcome.diagnostics.length, 'error')} in the catalog; nothing was sent`);
  }
  if (outcome.kind !== 'checked') return fail('the catalog could not be checked');
  const stale = outcome.reports.filter((r) => r.status !== 'unchanged');
  if (stale.length > 0) {
    for (const r of stale.slice(0, 10)) printError(`  ${r.status === 'created' ? 'missing' : r.status === 'removed' ? 'extra' : 'stale'}  ${shownOut}/${r.path}`);
    return fail(`${shownOut}/ is not what the descriptors build (${plural(stale.length, 'file')} stale or missing, the test of 'remgen build --check'); run 'remgen build' (with the same signing options) and test it, then publish; nothing was sent`);
  }

  // 2. The deployment, checked against the catalog.
  const checked = await checkDeployment(await loadDeployment(file), outcome.catalog);
  for (const d of checked.notes) printError(formatDiagnostic(d).replace(': error: ', ': note: '));
  if (checked.diagnostics.length > 0 || !checked.deployment) {
    for (const d of checked.diagnostics) printError(formatDiagnostic(d));
    return fail(`${plural(checked.diagnostics.length, 'error')} in ${relative(process.cwd(), file)}; nothing was sent`, { diagnostics: checked.diagnostics.map((d) => ({ ...d, file: relative(process.cwd(), d.file) })) });
  }
  const deployment = checked.deployment;
  const signer = outcome.synthesis.signer!;
  if (signer.development === true && deployment.allowDevelopmentCertificate !== true) {
    return fail(`${shownOut}/ is signed with remgen's development certificate (${signer.thumbprint}), which devices do not trust, so with the signature check on no device would run it; sign with your code-signing certificate (remgen build --pfx <file>), or for a test tenant set allowDevelopmentCertificate: true in the deployment and run the trust script from ${shownOut}/ on its devices first; nothing was sent`);
  }

  // 3. What the tenant should hold: the signed bytes as they are in out/.
  const desired: DesiredPackage[] = [];
  for (const entry of deployment.packages) {
    const remediation = outcome.catalog.remediations.find((r) => r.remediation.id === entry.package)!.remediation;
    const dir = join(out, 'intune', entry.package);
    desired.push(desiredPackage(deployment, entry, remediation, {
      detection: await readFile(join(dir, 'detect.ps1')),
      remediation: await readFile(join(dir, 'remediate.ps1')),
    }));
  }

  // 4. Sign in, read, plan.
  const endpoints = endpointsOf(deployment, args.cloud);
  let session;
  try {
    const method = chooseMethod(args.auth, process.env, process.stderr.isTTY === true);
    const credential = await credentialFor(method, {
      tenant: deployment.tenant, clientId: deployment.clientId, authorityHost: endpoints.authorityHost, custom: endpoints.custom, env: process.env, prompt: printError,
    });
    // Sign in before anything else, so a credential problem is said as one (the token is cached for the client).
    try {
      await credential.getToken(`${new URL(endpoints.graphEndpoint).origin}/.default`);
    } catch (error) {
      const message = error instanceof Error ? error.message.split('\n')[0]! : String(error);
      return fail(`cannot sign in to tenant '${deployment.tenant}' at ${endpoints.authorityHost} (${method}): ${message}; ${signInHint(method, message, deployment.tenant)}; nothing was sent to Graph`);
    }
    const delay = Number(process.env.REMGEN_GRAPH_RETRY_DELAY);
    session = await openSession({ graphEndpoint: endpoints.graphEndpoint, credential, ...(Number.isFinite(delay) && process.env.REMGEN_GRAPH_RETRY_DELAY ? { retryDelaySeconds: delay } : {}) });
  } catch (error) {
    if (error instanceof AuthSetupError) return fail(`${error.message}; nothing was sent`);
    throw error;
  }
  const plan: Plan = await makePlan(deployment.id, desired, session);
  const requests = () => ({ reads: session.log.reads, writes: session.log.writes });
  say(`remgen publish ${deployment.id}: tenant ${deployment.tenant}, ${endpoints.graphEndpoint}, signed by ${signer.subject} (${signer.thumbprint})`);
  // --json: the readable plan goes to stderr, stdout stays one JSON document.
  printPlan(say, plan, args.prune);
  for (const n of plan.notes) printError(`remgen publish: note: ${n}`);
  if (plan.errors.length > 0) {
    for (const e of plan.errors) printError(`remgen publish: ${e}`);
    if (args.json) printJson({ ok: false, plan: planJson(plan), requests: requests() });
    return EXIT.failed;
  }
  const writes = writesOf(plan, args.prune);
  if (args.whatIf || writes === 0) {
    say(`Plan: ${words(plan)}${plan.prune.length ? `, ${plan.prune.length} to ${args.prune ? 'delete' : 'prune (with --prune)'}` : ''}; ${args.whatIf ? 'what-if: nothing was sent but reads' : 'nothing to do: no write was sent'}.`);
    if (args.json) printJson({ ok: true, whatIf: args.whatIf, plan: planJson(plan), applied: { done: [], notDone: [] }, requests: requests() });
    return EXIT.ok;
  }
  if (args.prune && plan.prune.length > 0 && !args.yes) {
    if (!process.stdin.isTTY) return fail(`--prune would delete ${plural(plan.prune.length, 'script')} (listed above); add --yes to confirm in a pipeline; nothing was written`);
    const rl = createInterface({ input: process.stdin, output: process.stderr });
    const answer = await rl.question(`Delete ${plural(plan.prune.length, 'script')} listed above? [y/N] `);
    rl.close();
    if (!/^y(es)?$/i.test(answer.trim())) return fail('not confirmed; nothing was written');
  }
  const result: ApplyResult = await applyPlan(plan, session, { prune: args.prune, progress: say });
  if (result.error) {
    printError(`remgen publish: ${result.error}`);
    printError(`remgen publish: done before the failure: ${result.done.length ? result.done.join('; ') : 'nothing'}`);
    printError(`remgen publish: not done: ${result.notDone.join('; ')}`);
    printError('remgen publish: run the same publish again once the cause is fixed: it plans from what the tenant now holds and finishes the rest');
    if (args.json) printJson({ ok: false, plan: planJson(plan), applied: result, requests: requests() });
    return EXIT.failed;
  }
  say(`Published: ${words(plan)}${args.prune && plan.prune.length ? `, ${plan.prune.length} deleted` : ''}; ${plural(session.log.reads, 'read')}, ${plural(session.log.writes, 'write')}.`);
  if (args.json) printJson({ ok: true, whatIf: false, plan: planJson(plan), applied: result, requests: requests() });
  return EXIT.ok;
}
