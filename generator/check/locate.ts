import type { Node, SourceFile } from 'ts-morph';
import type { Diagnostic } from '../diagnostic.ts';
import type { LocatedFinding } from './finding.ts';

/**
 * Maps findings to the line and column of the offending property. ts-morph parses the files the
 * findings are in, and only those, without a type checker: a descriptor is followed syntactically
 * from its export through `const`s, `defineRemediation({...})`-style calls, object and array literals.
 * Loaded lazily: a valid catalog never pays for it.
 */

type TsMorph = typeof import('ts-morph');

interface Walker {
  readonly ts: TsMorph;
  readonly file: SourceFile;
}

/** Looks through parentheses, `as`, `satisfies`, `!` and same-file `const` identifiers. */
function unwrap(w: Walker, node: Node, seen = new Set<Node>()): Node {
  const { Node: N } = w.ts;
  let current = node;
  for (;;) {
    if (seen.has(current)) return current;
    seen.add(current);
    if (N.isParenthesizedExpression(current) || N.isAsExpression(current) || N.isSatisfiesExpression(current) || N.isNonNullExpression(current) || N.isTypeAssertion(current)) {
      current = current.getExpression();
    } else if (N.isIdentifier(current)) {
      const init = constInitializer(w, current.getText());
      if (!init) return current;
      current = init;
    } else {
      return current;
    }
  }
}

/** The initializer of a top-level `const name = ...` in the file. */
function constInitializer(w: Walker, name: string): Node | undefined {
  return w.file.getVariableDeclaration(name)?.getInitializer();
}

/** `defineRemediation({...})`, `registryValue({...})`: the call's first argument stands for its result. */
function intoCall(w: Walker, node: Node): Node {
  const { Node: N } = w.ts;
  let current = unwrap(w, node);
  while (N.isCallExpression(current)) {
    const first = current.getArguments()[0];
    if (!first) return current;
    current = unwrap(w, first);
  }
  return current;
}

/** The expression a file exports under `exportName`, or undefined. */
function exported(w: Walker, exportName: string): Node | undefined {
  if (exportName === 'default') {
    const assignment = w.file.getExportAssignments().find((a) => !a.isExportEquals());
    if (assignment) return assignment.getExpression();
  }
  for (const statement of w.file.getVariableStatements()) {
    if (!statement.isExported()) continue;
    const declaration = statement.getDeclarations().find((d) => d.getName() === exportName);
    if (declaration) return declaration.getInitializer() ?? declaration.getNameNode();
  }
  for (const declaration of w.file.getExportDeclarations()) {
    if (declaration.getModuleSpecifier()) continue;
    for (const specifier of declaration.getNamedExports()) {
      const alias = specifier.getAliasNode()?.getText() ?? specifier.getName();
      if (alias !== exportName) continue;
      const init = constInitializer(w, specifier.getName());
      return init ?? specifier;
    }
  }
  return undefined;
}

/** Follows `path` from `start`; returns the node to point at. */
function walk(w: Walker, start: Node, path: readonly (string | number)[]): Node {
  const { Node: N } = w.ts;
  let pointer: Node = start;
  let value: Node = start;
  for (const segment of path) {
    const container = intoCall(w, value);
    if (typeof segment === 'string') {
      const property = findProperty(w, container, segment);
      if (!property) return pointer;
      pointer = property.name;
      value = property.value;
    } else {
      if (!N.isArrayLiteralExpression(container)) return pointer;
      const element = findElement(w, container, segment);
      if (!element) return pointer;
      pointer = element;
      value = element;
      if (N.isSpreadElement(element)) return element;
    }
  }
  return pointer;
}

/** A property by name (the last one wins, as in JavaScript), looking into spread `const` objects. */
function findProperty(w: Walker, container: Node, name: string, depth = 0): { name: Node; value: Node } | undefined {
  const { Node: N } = w.ts;
  if (!N.isObjectLiteralExpression(container) || depth > 8) return undefined;
  const properties = container.getProperties();
  for (let i = properties.length - 1; i >= 0; i -= 1) {
    const property = properties[i]!;
    if (N.isPropertyAssignment(property) || N.isShorthandPropertyAssignment(property) || N.isMethodDeclaration(property)) {
      const nameNode = property.getNameNode();
      const text = N.isStringLiteral(nameNode) || N.isNoSubstitutionTemplateLiteral(nameNode) ? nameNode.getLiteralText() : nameNode.getText();
      if (text !== name) continue;
      if (N.isPropertyAssignment(property)) return { name: nameNode, value: property.getInitializerOrThrow() };
      return { name: nameNode, value: nameNode };
    }
    if (N.isSpreadAssignment(property)) {
      const inner = findProperty(w, intoCall(w, property.getExpression()), name, depth + 1);
      if (inner) return inner;
    }
  }
  return undefined;
}

/** Element `index`, counting through spreads of same-file array literals; a spread it cannot count is returned itself. */
function findElement(w: Walker, array: Node, index: number): Node | undefined {
  const { Node: N } = w.ts;
  if (!N.isArrayLiteralExpression(array)) return undefined;
  let position = 0;
  for (const element of array.getElements()) {
    if (N.isSpreadElement(element)) {
      const inner = unwrap(w, element.getExpression());
      if (!N.isArrayLiteralExpression(inner) || inner.getElements().some((e) => N.isSpreadElement(e))) return element;
      const count = inner.getElements().length;
      if (index < position + count) return inner.getElements()[index - position];
      position += count;
    } else {
      if (position === index) return element;
      position += 1;
    }
  }
  return undefined;
}

let project: import('ts-morph').Project | undefined;

/** Every finding with the line and column of its property; 1:1 when the export cannot be found. */
export async function locateFindings(findings: readonly LocatedFinding[]): Promise<Diagnostic[]> {
  if (findings.length === 0) return [];
  const ts = await import('ts-morph');
  project ??= new ts.Project({
    useInMemoryFileSystem: false,
    skipAddingFilesFromTsConfig: true,
    skipFileDependencyResolution: true,
    skipLoadingLibFiles: true,
    compilerOptions: { noResolve: true, noLib: true, allowJs: false },
  });
  const files = new Map<string, SourceFile>();
  const sourceOf = (path: string): SourceFile => {
    let file = files.get(path);
    if (!file) {
      // Re-read every call: the file may have changed since an earlier build in the same process.
      file = project!.addSourceFileAtPath(path);
      file.refreshFromFileSystemSync();
      files.set(path, file);
    }
    return file;
  };
  return findings.map((finding) => {
    let file: SourceFile;
    try {
      file = sourceOf(finding.file);
    } catch {
      return { file: finding.file, line: 1, column: 1, message: finding.message };
    }
    const w: Walker = { ts, file };
    const start = exported(w, finding.exportName);
    if (!start) return { file: finding.file, line: 1, column: 1, message: finding.message };
    const node = walk(w, start, finding.path);
    const { line, column } = file.getLineAndColumnAtPos(node.getStart());
    return { file: finding.file, line, column, message: finding.message };
  });
}
