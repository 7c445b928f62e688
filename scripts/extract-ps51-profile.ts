/**
 * Writes generator/lint/data/windows-powershell-5.1.json, the project's extract of the full Windows PowerShell 5.1
 * compatibility profile (what is kept and why: scripts/ps51-profile.ts).
 *
 * Usage: npm run profile:extract -- --profile FULL.json   (or REMGEN_PS51_PROFILE=FULL.json)
 * Run it after adding a command to the allowlist, the 7-only list or the Core list, then commit the extract.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { extractText, type Ps51Profile } from './ps51-profile.ts';

export const EXTRACT = fileURLToPath(new URL('../generator/lint/data/windows-powershell-5.1.json', import.meta.url));

function main(argv: readonly string[]): number {
  const at = argv.indexOf('--profile');
  const given = at >= 0 ? argv[at + 1] : process.env.REMGEN_PS51_PROFILE;
  if (!given) {
    process.stderr.write('profile:extract: name the full profile with --profile FULL.json (or REMGEN_PS51_PROFILE); the project carries only its extract\n');
    return 1;
  }
  const full = JSON.parse(readFileSync(resolve(given), 'utf8')) as Ps51Profile;
  if (full.extract) {
    process.stderr.write(`profile:extract: ${given} is an extract, not the full profile\n`);
    return 1;
  }
  const text = extractText(full);
  writeFileSync(EXTRACT, text);
  process.stdout.write(`profile:extract: wrote ${EXTRACT} (${text.length} bytes) from ${given}\n`);
  return 0;
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) process.exitCode = main(process.argv.slice(2));
