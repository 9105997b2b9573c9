import path from 'node:path';
import ts from 'typescript';

/** A source file by its repo-relative path (forward slashes) and its text. */
export interface SourceFile {
  path: string;
  text: string;
}

export interface Violation {
  rule:
    | 'core-imports-electron'
    | 'renderer-imports-host'
    | 'electron-outside-main'
    | 'sql-outside-store'
    | 'app-imports-upstream'
    | 'upstream-imports-app'
    | 'protocol-imports-outside';
  file: string;
  detail: string;
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

const under = (file: string, dir: string): boolean => file === dir || file.startsWith(`${dir}/`);
const isElectron = (specifier: string): boolean => specifier === 'electron' || specifier.startsWith('electron/');

/**
 * What the renderer must never reach into: it talks to the host only through the API, and sees the
 * wire protocol only as far as electron/api re-exports it.
 */
const hostFolders = ['electron/core', 'electron/main', 'electron/web', 'electron/preload', 'upstream', 'protocol'];

/** The npm workspace packages, by the folder each one is. */
const workspacePackages: ReadonlyMap<string, string> = new Map([
  ['@workstation/protocol', 'protocol'],
  ['@workstation/upstream', 'upstream'],
]);

/** What the protocol may import besides its own files: the one schema library and Node's built-ins. */
const isProtocolDependency = (specifier: string): boolean => specifier === 'zod' || specifier.startsWith('node:');

/** The repo path an import reaches, for relative imports and the workspace packages; null for any other package. */
function reachedPath(file: string, specifier: string): string | null {
  if (specifier.startsWith('.')) return path.posix.normalize(path.posix.join(path.posix.dirname(file), specifier));
  for (const [name, dir] of workspacePackages) {
    if (specifier === name || specifier.startsWith(`${name}/`)) return `${dir}${specifier.slice(name.length)}`;
  }
  return null;
}

/**
 * Files allowed to name the 'electron' package outside main and preload, each with its reason.
 * scripts/electronBinary.ts requires it only for the path of the binary it launches; the package's
 * Node entry point is that path string, not the Electron API.
 */
export const electronImportAllowed: ReadonlyMap<string, string> = new Map([
  ['scripts/electronBinary.ts', 'resolves the Electron binary path to launch it'],
]);

export function layeringViolations(files: readonly SourceFile[]): Violation[] {
  const violations: Violation[] = [];
  for (const file of files) {
    for (const specifier of moduleSpecifiers(file)) {
      if (isElectron(specifier)) {
        if (under(file.path, 'electron/core')) violations.push({ rule: 'core-imports-electron', file: file.path, detail: specifier });
        if (!under(file.path, 'electron/main') && !under(file.path, 'electron/preload') && !electronImportAllowed.has(file.path)) {
          violations.push({ rule: 'electron-outside-main', file: file.path, detail: specifier });
        }
      }
      const target = reachedPath(file.path, specifier);
      if (under(file.path, 'renderer') && target !== null) {
        const reached = hostFolders.find((dir) => under(target, dir));
        if (reached) violations.push({ rule: 'renderer-imports-host', file: file.path, detail: `${specifier} (into ${reached})` });
      }
      // The app and the reference upstream share the protocol and nothing else.
      if ((under(file.path, 'electron') || under(file.path, 'renderer')) && target !== null && under(target, 'upstream')) {
        violations.push({ rule: 'app-imports-upstream', file: file.path, detail: specifier });
      }
      if (under(file.path, 'upstream') && target !== null && !under(target, 'upstream') && !under(target, 'protocol')) {
        violations.push({ rule: 'upstream-imports-app', file: file.path, detail: `${specifier} (into ${target})` });
      }
      if (under(file.path, 'protocol') && (target === null ? !isProtocolDependency(specifier) : !under(target, 'protocol'))) {
        violations.push({ rule: 'protocol-imports-outside', file: file.path, detail: specifier });
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
