/**
 * tsx scripts/check-import-cycles.ts [ROOT]
 *
 * Fails (exit 1) when the project's own modules import each other in a cycle, printing one cycle
 * per tangle as `src/a.ts -> src/b.ts -> src/a.ts`. The modules are the files the tsc projects check
 * (tsconfig.json: src and test; scripts/tsconfig.json: scripts; explorer/tsconfig.json: the web app),
 * imports resolved the way tsc resolves them.
 *
 * Every import and re-export counts, value or type, except a whole `import type` / `export type`
 * declaration: those are erased before anything runs, so they cannot make an evaluation-order cycle.
 * `import { type X }` still counts (it reads as a value import; write `import type` when it is not).
 */
import { dirname, join, relative, resolve } from 'node:path';
import ts from 'typescript';

const root = resolve(process.argv[2] ?? join(import.meta.dirname, '..'));

function projectFiles(configPath: string): { files: string[]; options: ts.CompilerOptions } {
  const config = ts.readConfigFile(configPath, ts.sys.readFile);
  if (config.error) throw new Error(ts.flattenDiagnosticMessageText(config.error.messageText, '\n'));
  const parsed = ts.parseJsonConfigFileContent(config.config, ts.sys, dirname(configPath));
  return { files: parsed.fileNames, options: parsed.options };
}

/** The module specifiers a file imports at run time, dynamic `import()` included. */
function importedSpecifiers(file: ts.SourceFile): string[] {
  const specifiers: string[] = [];
  const visit = (node: ts.Node): void => {
    if (ts.isImportDeclaration(node) && !node.importClause?.isTypeOnly) {
      if (ts.isStringLiteral(node.moduleSpecifier)) specifiers.push(node.moduleSpecifier.text);
    } else if (ts.isExportDeclaration(node) && !node.isTypeOnly) {
      if (node.moduleSpecifier && ts.isStringLiteral(node.moduleSpecifier)) specifiers.push(node.moduleSpecifier.text);
    } else if (ts.isImportEqualsDeclaration(node) && !node.isTypeOnly) {
      const reference = node.moduleReference;
      if (ts.isExternalModuleReference(reference) && ts.isStringLiteral(reference.expression)) {
        specifiers.push(reference.expression.text);
      }
    } else if (ts.isCallExpression(node) && node.expression.kind === ts.SyntaxKind.ImportKeyword) {
      const [argument] = node.arguments;
      if (argument && ts.isStringLiteralLike(argument)) specifiers.push(argument.text);
    }
    ts.forEachChild(node, visit);
  };
  visit(file);
  return specifiers;
}

/** Project module -> the project modules it imports (packages and .d.ts files left out). */
function importGraph(): Map<string, Set<string>> {
  const graph = new Map<string, Set<string>>();
  for (const configPath of ['tsconfig.json', 'scripts/tsconfig.json', 'explorer/tsconfig.json'].map((path) =>
    join(root, path),
  )) {
    const { files, options } = projectFiles(configPath);
    for (const fileName of files) {
      if (fileName.endsWith('.d.ts')) continue;
      const source = ts.createSourceFile(fileName, ts.sys.readFile(fileName) ?? '', ts.ScriptTarget.Latest, true);
      const targets = graph.get(fileName) ?? new Set<string>();
      graph.set(fileName, targets);
      for (const specifier of importedSpecifiers(source)) {
        const resolved = ts.resolveModuleName(specifier, fileName, options, ts.sys).resolvedModule;
        if (!resolved || resolved.isExternalLibraryImport || resolved.resolvedFileName.endsWith('.d.ts')) continue;
        targets.add(resolve(resolved.resolvedFileName));
      }
    }
  }
  return graph;
}

/** Tarjan's strongly connected components; each one with more than one module (or a self-import) is a tangle. */
function tangles(graph: Map<string, Set<string>>): string[][] {
  const index = new Map<string, number>();
  const lowLink = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const found: string[][] = [];
  const connect = (module: string): void => {
    index.set(module, index.size);
    lowLink.set(module, index.get(module)!);
    stack.push(module);
    onStack.add(module);
    for (const target of graph.get(module) ?? []) {
      if (!index.has(target)) {
        connect(target);
        lowLink.set(module, Math.min(lowLink.get(module)!, lowLink.get(target)!));
      } else if (onStack.has(target)) {
        lowLink.set(module, Math.min(lowLink.get(module)!, index.get(target)!));
      }
    }
    if (lowLink.get(module) !== index.get(module)) return;
    const component: string[] = [];
    let member: string;
    do {
      member = stack.pop()!;
      onStack.delete(member);
      component.push(member);
    } while (member !== module);
    if (component.length > 1 || graph.get(module)?.has(module)) found.push(component.sort());
  };
  for (const module of [...graph.keys()].sort()) if (!index.has(module)) connect(module);
  return found;
}

/** A shortest cycle through the first module of a tangle (breadth-first, inside the tangle). */
function shortestCycle(graph: Map<string, Set<string>>, component: string[]): string[] {
  const start = component[0]!;
  const members = new Set(component);
  const previous = new Map<string, string>();
  const queue = [start];
  for (let head = 0; head < queue.length; head++) {
    const module = queue[head]!;
    for (const target of [...(graph.get(module) ?? [])].sort()) {
      if (target === start) {
        const path = [module];
        while (path[0] !== start) path.unshift(previous.get(path[0]!)!);
        return [...path, start];
      }
      if (members.has(target) && !previous.has(target)) {
        previous.set(target, module);
        queue.push(target);
      }
    }
  }
  return [start, start];
}

const graph = importGraph();
const found = tangles(graph);
for (const component of found) {
  const cycle = shortestCycle(graph, component).map((module) => relative(root, module));
  console.error(`import cycle: ${cycle.join(' -> ')}`);
  if (component.length > cycle.length - 1) {
    console.error(`  (one of the cycles among ${component.map((module) => relative(root, module)).join(', ')})`);
  }
}
if (found.length > 0) {
  console.error(`${found.length} import cycle(s) among ${graph.size} modules`);
  process.exit(1);
}
console.log(`no import cycles among ${graph.size} modules`);
