/**
 * Regenerates `generator/check/descriptor.schema.json` from the TypeScript type `Descriptor`, so the
 * schema ajv checks against is never kept by hand. Run with `npm run schema`; a spec fails when the
 * committed file is stale.
 */
import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { createGenerator } from 'ts-json-schema-generator';

const ROOT = resolve(fileURLToPath(new URL('..', import.meta.url)));
export const SCHEMA_FILE = resolve(ROOT, 'generator/check/descriptor.schema.json');

/** Object keys sorted at every level, so the file does not churn when the generator walks types in another order. */
function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.keys(value).sort().map((key) => [key, sortKeys((value as Record<string, unknown>)[key])]));
  }
  return value;
}

/** The schema file's exact text: two-space JSON, sorted keys, trailing newline. */
export function generateSchema(): string {
  const generator = createGenerator({
    path: resolve(ROOT, 'generator/descriptor/remediation.ts'),
    tsconfig: resolve(ROOT, 'tsconfig.json'),
    type: 'Descriptor',
    expose: 'export',
    topRef: true,
    jsDoc: 'extended',
    sortProps: true,
    additionalProperties: false,
    discriminatorType: 'json-schema',
    skipTypeCheck: true,
  });
  const schema = generator.createSchema('Descriptor');
  return `${JSON.stringify(sortKeys(schema), null, 2)}\n`;
}

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  writeFileSync(SCHEMA_FILE, generateSchema());
  console.log(`wrote ${SCHEMA_FILE}`);
}
