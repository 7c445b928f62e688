/** How commands talk: results to stdout, diagnostics and failures to stderr, `--json` for pipelines. */
export const print = (line = ''): void => {
  process.stdout.write(line + '\n');
};

export const printError = (line: string): void => {
  process.stderr.write(line + '\n');
};

export const printJson = (value: unknown): void => {
  process.stdout.write(JSON.stringify(value, null, 2) + '\n');
};

export function plural(count: number, word: string, many = `${word}s`): string {
  return `${count} ${count === 1 ? word : many}`;
}
