import { relative } from 'node:path';
import { loadAndCheck } from '../../build.ts';
import { formatDiagnostic } from '../../diagnostic.ts';
import { roomOf } from '../../steps/index.ts';
import { logLocation } from '../../script/index.ts';
import { EXIT } from '../exit.ts';
import { plural, print, printError, printJson } from '../output.ts';
import type { RemgenCommand } from './command.ts';

const explainCommand: RemgenCommand = {
  command: 'explain <id>',
  describe: 'Say in plain words what a package detects and what it changes',
  builder: (yargs) =>
    yargs
      .positional('id', { type: 'string', demandOption: true, describe: 'remediation id' })
      .option('catalog', { type: 'string', default: 'remediations', describe: 'folder of descriptor files' })
      .option('json', { type: 'boolean', default: false, describe: 'print the explanation as JSON' })
      .example('$0 explain tls', 'what the tls package checks and changes'),
  async handler(args: { id: string; catalog: string; json: boolean }) {
    const { catalog, diagnostics } = await loadAndCheck(args.catalog);
    if (diagnostics.length > 0) {
      for (const d of diagnostics) printError(formatDiagnostic(d));
      printError(`remgen explain: ${plural(diagnostics.length, 'error')} in the catalog`);
      return EXIT.failed;
    }
    const entry = catalog.remediations.find((r) => r.remediation.id === args.id);
    if (!entry) {
      printError(`remgen explain: no remediation named '${args.id}'; known: ${catalog.remediations.map((r) => r.remediation.id).join(', ')}`);
      return EXIT.failed;
    }
    const r = entry.remediation;
    const steps = r.steps.map((step) => {
      const room = roomOf(step);
      return { id: step.id, title: step.title ?? room.title(step), category: room.category, restartRequired: 'restartRequired' in step && step.restartRequired === true, ...room.explain(step) };
    });
    if (args.json) {
      printJson({ id: r.id, displayName: r.displayName, context: r.context, description: r.description, log: logLocation(r), steps });
      return EXIT.ok;
    }
    print(`${r.id}: ${r.displayName}`);
    print(`  runs as ${r.context === 'system' ? 'SYSTEM' : 'the signed-in user'}; from ${relative(process.cwd(), entry.file)}${entry.bundle ? `; part of bundle ${entry.bundle}` : ''}`);
    print();
    print(`  ${r.description}`);
    print();
    print('Detection only reads. It reports an issue (exit 1) when any of these is not so:');
    steps.forEach((s, i) => print(`  ${i + 1}. ${s.detects}`));
    print();
    print('Remediation fixes only what detection found wrong, then checks everything again:');
    steps.forEach((s, i) => print(`  ${i + 1}. ${s.id}: ${s.changes}`));
    const restart = steps.filter((s) => s.restartRequired);
    if (restart.length > 0) print(`\nA restart is needed before ${restart.map((s) => s.id).join(', ')} take effect; the summary line says so.`);
    print(`\nLog on the device: ${logLocation(r)}`);
    return EXIT.ok;
  },
};

export default explainCommand;
