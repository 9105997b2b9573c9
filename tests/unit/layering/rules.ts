import path from 'node:path';
import ts from 'typescript';
import { type Layer, LAYERS, WORKSPACE_PACKAGES } from './layers';

/** A source file by its repo-relative path (forward slashes) and its text. */
export interface SourceFile {
  path: string;
  text: string;
}

function parse(file: SourceFile): ts.SourceFile {
  const kind = file.path.endsWith('.tsx') ? ts.ScriptKind.TSX : ts.ScriptKind.TS;
  return ts.createSourceFile(file.path, file.text, ts.ScriptTarget.Latest, false, kind);
}

function walk(node: ts.Node, visit: (node: ts.Node) => void): void {
  visit(node);
  node.forEachChild((child) => walk(child, visit));
}

/** Every module a file names: static imports and re-exports (type-only too), import(), require(), import x = require(). */
export function moduleSpecifiers(file: SourceFile): string[] {
  const found: string[] = [];
  walk(parse(file), (node) => {
    if ((ts.isImportDeclaration(node) || ts.isExportDeclaration(node)) && node.moduleSpecifier && ts.isStringLiteral(node.moduleSpecifier)) {
      found.push(node.moduleSpecifier.text);
    } else if (ts.isImportEqualsDeclaration(node) && ts.isExternalModuleReference(node.moduleReference)) {
      const expr = node.moduleReference.expression;
      if (ts.isStringLiteral(expr)) found.push(expr.text);
    } else if (ts.isCallExpression(node)) {
      const callee = node.expression;
      const isDynamicImport = callee.kind === ts.SyntaxKind.ImportKeyword;
      const isRequire = ts.isIdentifier(callee) && callee.text === 'require';
      const [arg] = node.arguments;
      if ((isDynamicImport || isRequire) && arg && ts.isStringLiteralLike(arg)) found.push(arg.text);
    } else if (ts.isImportTypeNode(node) && ts.isLiteralTypeNode(node.argument) && ts.isStringLiteral(node.argument.literal)) {
      found.push(node.argument.literal.text);
    }
  });
  return found;
}

/** The text of every string and template literal (template holes read as '?'). */
export function stringLiterals(file: SourceFile): string[] {
  const found: string[] = [];
  walk(parse(file), (node) => {
    if (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)) found.push(node.text);
    else if (ts.isTemplateExpression(node)) found.push([node.head.text, ...node.templateSpans.map((s) => s.literal.text)].join(' ? '));
  });
  return found;
}

const ident = String.raw`["\w.]+`;
/**
 * SQL statements as they appear in code. Upper-case keywords are the house style for SQL; the
 * lower-case forms need a clause no English sentence has, so "Select an item from the list" or
 * "delete from the cache" in a message are not taken for SQL.
 */
const sqlPatterns: readonly RegExp[] = [
  /\bCREATE\s+(?:TEMP(?:ORARY)?\s+)?(?:TABLE|(?:UNIQUE\s+)?INDEX|VIEW|TRIGGER)\b/i,
  new RegExp(String.raw`\bINSERT\s+(?:OR\s+\w+\s+)?INTO\s+${ident}\s*(?:\(|VALUES\b|SELECT\b|DEFAULT\b)`, 'i'),
  new RegExp(String.raw`\bUPDATE\s+${ident}\s+SET\s+${ident}\s*=`, 'i'),
  new RegExp(String.raw`\bDELETE\s+FROM\s+${ident}`),
  new RegExp(String.raw`\bdelete\s+from\s+${ident}\s+where\b`, 'i'),
  /\bSELECT\b[\s\S]*?\bFROM\b/,
  new RegExp(String.raw`\bselect\s+[\w*.,\s()"]+?\s+from\s+${ident}\s+(?:where|join|order\s+by|group\s+by|limit)\b`, 'i'),
];

export function looksLikeSql(text: string): boolean {
  return sqlPatterns.some((p) => p.test(text));
}

const isElectron = (specifier: string): boolean => specifier === 'electron' || specifier.startsWith('electron/');

export type ViolationRule =
  | 'unlayered-file'
  | 'unlayered-target'
  | 'unresolved-import'
  | 'edge-not-allowed'
  | 'not-a-face'
  | 'electron-outside-main'
  | 'node-in-renderer'
  | 'package-not-allowed'
  | 'sql-outside-store';

export interface Violation {
  rule: ViolationRule;
  file: string;
  detail: string;
}

/**
 * Files allowed to name the 'electron' package outside main and preload, each with its reason.
 * scripts/electronBinary.ts requires it only for the path of the binary it launches; the package's
 * Node entry point is that path string, not the Electron API.
 */
export const electronImportAllowed: ReadonlyMap<string, string> = new Map([
  ['scripts/electronBinary.ts', 'resolves the Electron binary path to launch it'],
]);

const under = (file: string, dir: string): boolean => file === dir || file.startsWith(`${dir}/`);

/** The layer owning a repo path: the one whose path is the longest prefix of it. */
export function layerOf(layers: readonly Layer[], file: string): Layer | null {
  let best: { layer: Layer; length: number } | null = null;
  for (const layer of layers) {
    for (const p of layer.paths) {
      if (under(file, p) && (best === null || p.length > best.length)) best = { layer, length: p.length };
    }
  }
  return best?.layer ?? null;
}

const EXTENSIONS = ['', '.ts', '.tsx', '.mts', '.js', '/index.ts', '/index.tsx'];

/** The repo file a specifier names, or null when it names a package outside the repo; undefined when it names nothing that exists. */
function resolveTarget(from: string, specifier: string, exists: (repoPath: string) => boolean): string | null | undefined {
  const workspace = WORKSPACE_PACKAGES[specifier];
  if (workspace) return workspace;
  if (!specifier.startsWith('.')) return null;
  const base = path.posix.normalize(path.posix.join(path.posix.dirname(from), specifier));
  return EXTENSIONS.map((ext) => `${base}${ext}`).find(exists);
}

/**
 * Every way a file may break the layering table: it or an import target belongs to no layer, an
 * import follows no listed edge or reaches behind a service's public face, 'electron' outside
 * main and preload, Node built-ins in the renderer, SQL outside the store.
 */
export function layeringViolations(
  files: readonly SourceFile[],
  exists: (repoPath: string) => boolean,
  layers: readonly Layer[] = LAYERS,
): Violation[] {
  const violations: Violation[] = [];
  for (const file of files) {
    const own = layerOf(layers, file.path);
    if (!own) {
      violations.push({ rule: 'unlayered-file', file: file.path, detail: 'no layer in tests/unit/layering/layers.ts covers this file' });
      continue;
    }
    for (const specifier of moduleSpecifiers(file)) {
      if (isElectron(specifier) && own.name !== 'main' && own.name !== 'preload' && !electronImportAllowed.has(file.path)) {
        violations.push({ rule: 'electron-outside-main', file: file.path, detail: specifier });
      }
      if (own.name === 'renderer' && specifier.startsWith('node:')) violations.push({ rule: 'node-in-renderer', file: file.path, detail: specifier });
      const target = resolveTarget(file.path, specifier, exists);
      if (target === null) {
        if (own.packages && !own.packages.includes(specifier)) {
          violations.push({
            rule: 'package-not-allowed',
            file: file.path,
            detail: `${own.name} may import only ${own.packages.join(', ')}, not ${specifier}`,
          });
        }
        continue;
      }
      if (target === undefined) {
        violations.push({ rule: 'unresolved-import', file: file.path, detail: specifier });
        continue;
      }
      const theirs = layerOf(layers, target);
      if (!theirs) {
        violations.push({ rule: 'unlayered-target', file: file.path, detail: `${specifier} (${target})` });
        continue;
      }
      if (theirs === own || own.mayImport === '*') continue;
      if (!own.mayImport.includes(theirs.name)) {
        violations.push({ rule: 'edge-not-allowed', file: file.path, detail: `${own.name} -> ${theirs.name} (${specifier})` });
      } else if (theirs.faces && !theirs.faces.includes(target)) {
        violations.push({
          rule: 'not-a-face',
          file: file.path,
          detail: `${specifier} reaches behind ${theirs.name}'s public face (${theirs.faces.join(', ')})`,
        });
      }
    }
    if (under(file.path, 'electron') && !under(file.path, 'electron/core/store')) {
      for (const literal of stringLiterals(file)) {
        if (looksLikeSql(literal)) {
          violations.push({ rule: 'sql-outside-store', file: file.path, detail: literal.trim().replace(/\s+/g, ' ').slice(0, 80) });
        }
      }
    }
  }
  return violations;
}
