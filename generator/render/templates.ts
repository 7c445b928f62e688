import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import type Handlebars from 'handlebars';
import {
  EscapeError, psComment, psHashtable, psInt, psString, psValue, type PsValue,
} from './escape.ts';

/** Root of the PowerShell and handlebars sources. */
export const TEMPLATE_ROOT = fileURLToPath(new URL('../../templates/', import.meta.url));

const sources = new Map<string, string>();

/** A file under templates/, read once per process. Only names the generator itself chooses reach here. */
/** An admin's step file as the check stage passed it (generator/check/script-files.ts): code, included as it is. */
export interface CheckedSource {
  readonly checkedSource: string;
  /** The one function the file defines. */
  readonly function: string;
  /** The commands outside the seams its steps declared. */
  readonly unsimulated: readonly string[];
  /** The ids of the steps that use it. */
  readonly steps: readonly string[];
  /** The file as the descriptor names it, for the comment above it. */
  readonly from: string;
}

export function templateSource(name: string): string {
  if (!/^[a-z0-9-]+(\/[a-z0-9-]+)*\.(ps1|hbs|ps1\.hbs|psm1\.hbs|psd1\.hbs|md\.hbs)$/.test(name)) throw new Error(`not a template name: ${name}`);
  let text = sources.get(name);
  if (text === undefined) {
    text = readFileSync(TEMPLATE_ROOT + name, 'utf8').replace(/\r\n/g, '\n');
    sources.set(name, text);
  }
  return text;
}

const wrap = (text: string, width: number, indent: string): string => {
  const lines: string[] = [];
  {
    const paragraph = text;
    let line = '';
    for (const word of paragraph.split(/\s+/).filter(Boolean)) {
      if (line && line.length + 1 + word.length > width) {
        lines.push(indent + line);
        line = word;
      } else {
        line = line ? `${line} ${word}` : word;
      }
    }
    if (line) lines.push(indent + line);
    lines.push('');
  }
  return lines.slice(0, -1).join('\n');
};

const COMMAND = /^[A-Z][a-z]+-Rg[A-Za-z0-9]+$/;

/**
 * The helpers are the only way a value reaches the output. Each one escapes for exactly one PowerShell
 * context; the template linter below rejects a bare `{{x}}`.
 */
const helpers: Record<string, (...args: unknown[]) => string> = {
  psString: (value) => psString(String(value)),
  psInt: (value) => psInt(value as number),
  psValue: (value) => psValue(value as PsValue),
  psHashtable: (value) => psHashtable(value as { readonly [key: string]: PsValue }),
  /** `@(` items one per line `)`; each item is an escaped value. */
  psList: (values) => {
    const items = values as readonly PsValue[];
    if (items.length === 0) return '@()';
    return `@(\n${items.map((item) => '    ' + psValue(item, '    ')).join('\n')}\n)`;
  },
  /** Text for a comment line. */
  psComment: (value) => psComment(String(value)),
  /** Prose for a comment-based help section: folded to ASCII, wrapped, indented four spaces. */
  psHelp: (value) => String(value).split(/\n\s*\n/).map((paragraph) => wrap(psComment(paragraph), 96, '    ')).join('\n\n'),
  /** A function name of the runtime (Verb-RgNoun); never descriptor data. */
  psCommand: (value) => {
    if (typeof value !== 'string' || !COMMAND.test(value)) throw new EscapeError(`not a runtime command name: ${String(value)}`);
    return value;
  },
  /**
   * A package's PascalCase name as a command noun or file name part (`Test-{{psNoun name}}`): from
   * pascalName(id), so letters and digits only; anything else is refused, never escaped.
   */
  psNoun: (value) => {
    if (typeof value !== 'string' || !/^[A-Z][A-Za-z0-9]{0,63}$/.test(value)) throw new EscapeError(`not a PascalCase name: ${String(value)}`);
    return value;
  },
  /**
   * A PowerShell source file from templates/, inserted as code; or an admin's script step file
   * ({@link CheckedSource}), which only the check stage makes after holding it to the lint rules.
   */
  psInclude: (value) => {
    if (typeof value === 'object' && value !== null && typeof (value as CheckedSource).checkedSource === 'string') {
      const source = value as CheckedSource;
      if (!/^[A-Za-z]+-[A-Za-z][A-Za-z0-9]*$/.test(source.function) || source.steps.some((id) => !/^[a-z][a-z0-9-]*$/.test(id)) || source.unsimulated.some((name) => !/^[A-Za-z][A-Za-z0-9]*-[A-Za-z][A-Za-z0-9]*$/.test(name))) throw new EscapeError(`not a script step function: ${source.function}`);
      // The marker line the output lint reads (generator/lint/support.ts scriptStepFunctions): which function came
      // from a script step, and the commands outside the seams that step declared.
      const marker = `# remgen script step function ${source.function} (${psComment(source.from)}) of steps ${source.steps.join(', ')}, checked at build time; unsimulated: ${source.unsimulated.join(', ')}`.trimEnd();
      return `${marker}\n${source.checkedSource.replace(/\r\n?/g, '\n').replace(/\n+$/, '')}`;
    }
    return templateSource(String(value)).replace(/\n+$/, '');
  },
  /** Markdown prose: folded to ASCII like a comment. */
  mdText: (value) => psComment(String(value)).replaceAll('`<#', '<#').replaceAll('#`>', '#>'),
  /** A Markdown code span. */
  mdCode: (value) => '`' + psComment(String(value)).replaceAll('`', "'") + '`',
};

const BLOCK_HELPERS = new Set(['if', 'unless', 'each']);

/** Fails on any `{{x}}` that is not a call of a named escaping helper: data never reaches output raw. */
export function lintTemplate(name: string, text: string): void {
  const visit = (node: hbs.AST.Node | undefined): void => {
    if (!node) return;
    if (node.type === 'MustacheStatement') {
      const m = node as hbs.AST.MustacheStatement;
      const helper = (m.path as hbs.AST.PathExpression).original;
      if (!(helper in helpers) || m.params.length === 0) {
        throw new Error(`${name}:${m.loc.start.line}:${m.loc.start.column + 1}: raw '{{${helper}}}' outside an escaping helper; use one of: ${Object.keys(helpers).join(', ')}`);
      }
    } else if (node.type === 'BlockStatement') {
      const b = node as hbs.AST.BlockStatement;
      const helper = b.path.original;
      if (!BLOCK_HELPERS.has(helper)) throw new Error(`${name}:${b.loc.start.line}: block helper '${helper}' is not allowed`);
      visit(b.program);
      visit(b.inverse);
    } else if (node.type === 'Program') {
      for (const child of (node as hbs.AST.Program).body) visit(child);
    } else if (node.type === 'PartialStatement' || node.type === 'DecoratorBlock' || node.type === 'PartialBlockStatement') {
      throw new Error(`${name}: partials and decorators are not used in remgen templates`);
    }
  };
  visit(compiler().parse(text));
}

/** How every template is compiled, at run time or ahead of it (scripts/precompile-templates.ts). */
export const compileOptions = { noEscape: true, strict: true } as const;

/** The SHA-256 a precompiled template records of the source it was compiled from. */
export const sourceHash = (text: string): string => createHash('sha256').update(text).digest('hex');

const require = createRequire(import.meta.url);

/** handlebars with its compiler: loaded only to lint or compile a template that is not precompiled. */
let full: typeof Handlebars | undefined;
function compiler(): typeof Handlebars {
  if (!full) {
    full = (require('handlebars') as typeof Handlebars).create();
    for (const [name, fn] of Object.entries(helpers)) full.registerHelper(name, fn);
  }
  return full;
}

/**
 * The runtime that runs precompiled templates (npm run templates), with the same helpers: handlebars'
 * own runtime build, without the compiler (its package types describe only the full build).
 */
const runtime = (require('handlebars/runtime.js') as typeof Handlebars).create();
for (const [name, fn] of Object.entries(helpers)) runtime.registerHelper(name, fn);

interface Precompiled {
  readonly sha256: string;
  readonly spec: TemplateSpecification;
}
const precompiled = require('./templates.precompiled.cjs') as Readonly<Record<string, Precompiled>>;

/**
 * The template function for `text`, the source of templates/<name>: the precompiled one when it was compiled
 * from exactly this source (its lint passed then), else linted and compiled now.
 */
export function templateFunction(name: string, text: string): { readonly render: HandlebarsTemplateDelegate; readonly precompiled: boolean } {
  const ahead = precompiled[name];
  if (ahead && ahead.sha256 === sourceHash(text)) return { render: runtime.template(ahead.spec), precompiled: true };
  lintTemplate(name, text);
  return { render: compiler().compile(text, compileOptions), precompiled: false };
}

const compiled = new Map<string, HandlebarsTemplateDelegate>();

/** Renders templates/<name> (a .hbs file) with `data`; each template is prepared once per process. */
export function renderTemplate(name: string, data: object): string {
  let template = compiled.get(name);
  if (!template) {
    template = templateFunction(name, templateSource(name)).render;
    compiled.set(name, template);
  }
  return template(data);
}

