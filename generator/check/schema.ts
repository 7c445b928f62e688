import type { ErrorObject, ValidateFunction } from 'ajv';
import type schemaFile from './descriptor.schema.json';
import type StandaloneValidate from './descriptor.validate.cjs';
import { createRequire } from 'node:module';
import type DeploymentValidate from './deployment.validate.cjs';
import type { Finding } from './finding.ts';
import { suggest } from './suggest.ts';

/**
 * The JSON Schema stage: ajv against the schema generated from the TypeScript types
 * (`npm run schema`), with ajv's errors turned into sentences an admin can act on.
 */

type Path = readonly (string | number)[];

// The validator (about 870 KB of code) and the schema (about 180 KB) are required at their first use, not
// imported at the top: a command that checks no descriptor (--help, publish, report) does not parse them, and
// the generator bundle (bin/bundle.js) does not carry them. Both are read from beside this file.
const requireHere = createRequire(import.meta.url);
let standalone: typeof StandaloneValidate | undefined;
let stepKinds: readonly string[] | undefined;

/** Compiled by `npm run schema` into ajv standalone code (a spec fails when it is stale), not at every start. */
function validator(): ValidateFunction {
  return (standalone ??= requireHere('./descriptor.validate.cjs') as typeof StandaloneValidate);
}

/** Step kinds the schema knows, read off its `Step` discriminator. */
function schemaStepKinds(): readonly string[] {
  return (stepKinds ??= (requireHere('./descriptor.schema.json') as typeof schemaFile).definitions.Step.properties.kind.enum.slice().sort());
}

function pathOf(pointer: string): (string | number)[] {
  if (pointer === '') return [];
  return pointer.slice(1).split('/').map((raw) => {
    const segment = raw.replaceAll('~1', '/').replaceAll('~0', '~');
    return /^\d+$/.test(segment) ? Number(segment) : segment;
  });
}

function at(root: unknown, path: Path): unknown {
  let node = root;
  for (const segment of path) {
    if (node === null || typeof node !== 'object') return undefined;
    node = (node as Record<string | number, unknown>)[segment];
  }
  return node;
}

/** `value`, `targets[0]`: the property as the admin wrote it. */
function labelOf(path: Path): string {
  let last = path.length - 1;
  while (last >= 0 && typeof path[last] === 'number') last -= 1;
  const name = last >= 0 ? String(path[last]) : '';
  return name + path.slice(last + 1).map((index) => `[${index}]`).join('');
}

/** `step 'x'`, `remediation 'tls'`, `bundle 'b'`: the object a property belongs to. */
export function ownerOf(root: unknown, objectPath: Path): string {
  const object = at(root, objectPath) as { id?: unknown; type?: unknown } | undefined;
  const named = (noun: string, index?: number): string =>
    typeof object?.id === 'string' ? `${noun} '${object.id}'` : index === undefined ? noun : `${noun} ${index + 1}`;
  const parent = objectPath[objectPath.length - 2];
  const index = objectPath[objectPath.length - 1];
  const rootType = (root as { type?: unknown }).type;
  if (objectPath.length === 0) return named(typeof rootType === 'string' ? rootType : 'descriptor');
  if (parent === 'steps' && typeof index === 'number') return named('step', index);
  if (parent === 'remediations' && typeof index === 'number') return named('remediation', index);
  return `'${labelOf(objectPath)}'`;
}

/** A value as it appears in a message. */
export function show(value: unknown): string {
  if (typeof value === 'string') return `'${value.length > 60 ? `${value.slice(0, 57)}...` : value}'`;
  if (Array.isArray(value)) return 'a list';
  if (value === null) return 'null';
  if (value === undefined) return 'nothing';
  if (typeof value === 'object') return 'an object';
  if (typeof value === 'number' || typeof value === 'boolean' || typeof value === 'bigint') return String(value);
  if (typeof value === 'symbol') return value.toString();
  return 'a function';
}

const TYPE_WORDS: Record<string, string> = {
  string: 'a string', number: 'a number', integer: 'a whole number', boolean: 'true or false',
  array: 'a list', object: 'an object', null: 'null',
};

function describeBranch(branch: { type?: string | string[]; items?: { type?: string }; const?: unknown; enum?: unknown[] }): string {
  if (branch.const !== undefined) return show(branch.const);
  if (branch.enum) return branch.enum.map(show).join(' or ');
  const type = Array.isArray(branch.type) ? branch.type[0] : branch.type;
  if (type === 'array' && branch.items?.type) return `a list of ${branch.items.type}s`;
  return TYPE_WORDS[type ?? ''] ?? 'something else';
}

const nonAscii = (text: string): string | undefined => [...text].find((c) => c.charCodeAt(0) > 0x7e || c.charCodeAt(0) < 0x20);
const codePoint = (c: string): string => `U+${c.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}`;

function patternMessage(error: ErrorObject, root: unknown, path: Path): string {
  const label = labelOf(path);
  const value = error.data as string;
  if (label === 'id') {
    const owner = ownerOf(root, path.slice(0, -1)).split(' ')[0];
    const bad = nonAscii(value);
    if (bad) return `${owner} id ${show(value)} contains the non-ASCII character '${bad}' (${codePoint(bad)}); ids must be ASCII: lower-case letters, digits and single hyphens`;
    return `${owner} id ${show(value)} is not valid: use lower-case ASCII letters, digits and single hyphens, starting with a letter (e.g. 'onedrive-tls')`;
  }
  const examples = (error.parentSchema as { examples?: unknown[] } | undefined)?.examples;
  const example = examples?.[0] !== undefined ? `, e.g. ${show(examples[0])}` : '';
  return `'${label}' ${show(value)} does not have the expected form (${String(error.params.pattern)})${example}`;
}

function message(error: ErrorObject, root: unknown, path: Path): { path: Path; message: string } {
  const label = labelOf(path);
  const got = show(error.data);
  const limit = error.params.limit as number;
  switch (error.keyword) {
    case 'required': {
      const property = error.params.missingProperty as string;
      return { path, message: `missing required property '${property}' in ${ownerOf(root, path)}` };
    }
    case 'additionalProperties': {
      const property = error.params.additionalProperty as string;
      // Tags (`kind`, `type`) are set by the factories, never written by hand.
      const properties = (error.parentSchema as { properties?: Record<string, { const?: unknown }> } | undefined)?.properties ?? {};
      const known = Object.keys(properties).filter((name) => properties[name]?.const === undefined);
      const guess = suggest(property, known);
      const hint = guess ? `did you mean '${guess}'?` : `known properties: ${known.join(', ')}`;
      return { path: [...path, property], message: `unknown property '${property}' in ${ownerOf(root, path)}; ${hint}` };
    }
    case 'enum': {
      const allowed = (error.params.allowedValues as unknown[]).map(String);
      const guess = typeof error.data === 'string' ? suggest(error.data, allowed) : undefined;
      return { path, message: `'${label}' must be one of: ${allowed.join(', ')}; got ${got}${guess ? ` (did you mean '${guess}'?)` : ''}` };
    }
    case 'const':
      return { path, message: `'${label}' must be ${show(error.params.allowedValue)}; got ${got}` };
    case 'type':
      return { path, message: `'${label}' must be ${describeBranch({ type: error.params.type as string })}; got ${got}` };
    case 'anyOf':
    case 'oneOf': {
      const branches = error.schema as Parameters<typeof describeBranch>[0][];
      const words = branches.map(describeBranch);
      const either = words.length > 1 ? `${words.slice(0, -1).join(', ')} or ${words[words.length - 1]}` : words.join('');
      return { path, message: `'${label}' must be ${either}; got ${got}` };
    }
    case 'pattern':
      return { path, message: patternMessage(error, root, path) };
    case 'minLength':
      return { path, message: limit === 1 ? `'${label}' must not be empty` : `'${label}' must be at least ${limit} characters long; got ${got}` };
    case 'maxLength':
      return { path, message: `'${label}' must be at most ${limit} characters long; it has ${(error.data as string).length}` };
    case 'minItems':
      return { path, message: limit === 1 ? `'${label}' must not be empty` : `'${label}' must list at least ${limit} entries` };
    case 'maxItems':
      return { path, message: `'${label}' must list at most ${limit} entries` };
    case 'minimum':
    case 'maximum':
    case 'exclusiveMinimum':
    case 'exclusiveMaximum': {
      const words = { minimum: 'at least', maximum: 'at most', exclusiveMinimum: 'more than', exclusiveMaximum: 'less than' } as const;
      return { path, message: `'${label}' must be ${words[error.keyword]} ${limit}; got ${got}` };
    }
    default:
      return { path, message: `'${label}' ${error.message ?? 'is not valid'}` };
  }
}

const STEP = /^(.*\/steps\/\d+)(?:\/|$)/;

/**
 * Checks one exported descriptor against the schema. `kinds` are the step kinds the check knows:
 * a step of a kind in `kinds` that the schema does not describe (a test room) is left to its room.
 */
export function validateDescriptor(value: unknown, kinds: readonly string[] = schemaStepKinds()): Finding[] {
  const validate = validator();
  if (validate(value)) return [];
  let errors = (validate.errors ?? []).filter((e) => e.keyword !== 'if');

  // A union reports each branch; keep only the union's own error, which names every branch.
  const unions = errors.filter((e) => e.keyword === 'anyOf' || e.keyword === 'oneOf').map((e) => `${e.schemaPath}/`);
  errors = errors.filter((e) => !unions.some((prefix) => e.schemaPath.startsWith(prefix)));

  const findings: Finding[] = [];
  const unknownKind = new Set<string>();
  for (const error of errors) {
    const step = STEP.exec(error.instancePath)?.[1];
    if (step !== undefined) {
      const kind = (at(value, pathOf(step)) as { kind?: unknown } | undefined)?.kind;
      if (typeof kind === 'string' && !schemaStepKinds().includes(kind)) {
        if (kinds.includes(kind) || unknownKind.has(step)) continue;
        unknownKind.add(step);
        const guess = suggest(kind, kinds);
        findings.push({
          path: [...pathOf(step), 'kind'],
          message: `unknown step kind '${kind}'; known kinds: ${[...kinds].sort().join(', ')}${guess ? `; did you mean '${guess}'?` : ''}`,
        });
        continue;
      }
    }
    findings.push(message(error, value, pathOf(error.instancePath)));
  }
  const seen = new Set<string>();
  return findings.filter((f) => {
    const key = `${JSON.stringify(f.path)}\0${f.message}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/** Checks an exported deployment against the deployment schema (`npm run schema`), in the same words. */
export function validateDeployment(value: unknown): Finding[] {
  // Required here, not imported at the top: only `remgen publish` checks deployments, and a build or
  // --help should not load a second validator.
  const validate = createRequire(import.meta.url)('./deployment.validate.cjs') as typeof DeploymentValidate;
  if (validate(value)) return [];
  let errors = (validate.errors ?? []).filter((e) => e.keyword !== 'if');
  const unions = errors.filter((e) => e.keyword === 'anyOf' || e.keyword === 'oneOf').map((e) => `${e.schemaPath}/`);
  errors = errors.filter((e) => !unions.some((prefix) => e.schemaPath.startsWith(prefix)));
  const seen = new Set<string>();
  return errors.map((error) => message(error, value, pathOf(error.instancePath))).filter((f) => {
    const key = `${JSON.stringify(f.path)}\0${f.message}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
