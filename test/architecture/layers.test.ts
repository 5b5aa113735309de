/**
 * The layers of src/ as the style guide draws them, checked on the code's own imports (read
 * with the TypeScript compiler's pre-processor, so comments and strings do not count):
 *
 *   http ──▶ app ──▶ db ──▶ domain        reports ──▶ domain
 *     └──────┴──▶ reports   (app fills the shapes reports render)
 *
 * db implements the ports the application declares (src/app/ports: the stores and the unit of
 * work): it may import those types and nothing else of app; a port imports only domain types.
 *
 * scripts/ reach the database the same way: through the application or src/db, never a SQLite
 * handle of their own, but for a short allow-list of deliberately independent code.
 *
 * Each rule is also tried on a bypass written into a scratch copy of the graph, so a rule that
 * cannot fail is caught too.
 */
import fs from 'node:fs';
import path from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

const ROOT = path.resolve(__dirname, '../..');
const SRC = path.join(ROOT, 'src');
const SCRIPTS = path.join(ROOT, 'scripts');

type Graph = Map<string, string[]>;

/** The modules under dir: TypeScript, or also JavaScript (scripts/ has .mjs files). */
function listTs(dir: string, ext = /\.ts$/): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    return e.isDirectory() ? listTs(p, ext) : ext.test(e.name) ? [p] : [];
  });
}

/** Every import of every module under dir (src/ unless told), as project paths (src/app/x.ts) or package names. */
function importGraph(dir = SRC, ext = /\.ts$/): Graph {
  const graph: Graph = new Map();
  for (const file of listTs(dir, ext)) {
    const info = ts.preProcessFile(fs.readFileSync(file, 'utf8'), true, true);
    const targets = info.importedFiles.map(({ fileName: spec }) => {
      if (!spec.startsWith('.')) return spec;
      const base = path.resolve(path.dirname(file), spec);
      const resolved = [`${base}.ts`, path.join(base, 'index.ts'), base].find((c) => fs.existsSync(c) && fs.statSync(c).isFile()) ?? base;
      return path.relative(ROOT, resolved);
    });
    graph.set(path.relative(ROOT, file), targets);
  }
  return graph;
}

const layerOf = (f: string) => (f.startsWith('src/') ? f.split('/')[1]!.replace(/\.ts$/, '') : null);
const isPackage = (f: string) => !f.startsWith('src/');
const isPort = (f: string) => f.startsWith('src/app/ports/');

interface Rule {
  name: string;
  /** A violation as "from → to", or null. */
  check: (from: string, to: string) => boolean;
}

/**
 * The application files that name the storage engine: the composition root that opens SQLite
 * and builds its Storage, and the operator commands that copy and restore the SQLite file
 * itself (its online backup API). A second engine changes these and src/db, no use case.
 */
const APP_FILES_ON_THE_ENGINE = ['src/app/bootstrap.ts', 'src/app/backup.ts', 'src/app/restore.ts'];

const RULES: Rule[] = [
  { name: 'http does not import db', check: (f, t) => layerOf(f) === 'http' && layerOf(t) === 'db' },
  { name: 'reports do not import db', check: (f, t) => layerOf(f) === 'reports' && layerOf(t) === 'db' },
  { name: 'reports do not import app or http', check: (f, t) => layerOf(f) === 'reports' && (layerOf(t) === 'app' || layerOf(t) === 'http') },
  {
    name: 'http holds the application, never Services (the repositories and the database handle)',
    check: (f, t) => (layerOf(f) === 'http' || layerOf(f) === 'reports') && (t === 'src/app/services.ts' || t === 'src/app/bootstrap.ts'),
  },
  { name: 'only db imports better-sqlite3 or drizzle', check: (f, t) => layerOf(f) !== 'db' && isPackage(t) && /^(better-sqlite3|drizzle-orm)(\/|$)/.test(t) },
  { name: 'domain imports only domain and pure libraries (no I/O)', check: (f, t) => layerOf(f) === 'domain' && ((!isPackage(t) && layerOf(t) !== 'domain') || /^(node:(?!crypto$)|express|better-sqlite3|drizzle-orm|pino|sharp|multer)/.test(t)) },
  { name: 'db does not import app (but its ports), http or reports', check: (f, t) => layerOf(f) === 'db' && ['app', 'http', 'reports'].includes(layerOf(t) ?? '') && !isPort(t) },
  { name: 'a port imports only domain and other ports (no db, drizzle or SQLite)', check: (f, t) => isPort(f) && !isPort(t) && layerOf(t) !== 'domain' },
  { name: 'app does not import http', check: (f, t) => layerOf(f) === 'app' && layerOf(t) === 'http' },
  {
    name: 'use cases depend on the ports, not on src/db (but the composition root and the SQLite file commands)',
    check: (f, t) => layerOf(f) === 'app' && layerOf(t) === 'db' && !APP_FILES_ON_THE_ENGINE.includes(f),
  },
];

/** better-sqlite3, drizzle or Node's own SQLite module: a way to the database other than src/db. */
const SQLITE_PACKAGE = /^(better-sqlite3|drizzle-orm|node:sqlite)(\/|$)/;

/**
 * The scripts that may hold a SQLite handle and SQL of their own, each for its reason. Every
 * other script reaches the database through the application or src/db (repositories, and Db's
 * checkpoint, file, openSnapshot).
 */
const SCRIPTS_WITH_SQLITE = [
  // The benchmark's raw anchors: the hand-written SQL it measures the product against, which must
  // not go through the repositories (it would measure the product against itself); and its
  // statement timer, which wraps better-sqlite3's statements to time SQLite's share of a workload.
  'scripts/lib/bench-raw-sql.ts',
  // The crash test's checker: re-reads the file a killed server left with its own SQL, so that a
  // bug in the repositories cannot hide a lost or half-written acknowledgement.
  'scripts/lib/crash/check.ts',
];

const SCRIPT_RULES: Rule[] = [
  { name: 'scripts import neither better-sqlite3 nor drizzle (but the allow-list)', check: (f, t) => !SCRIPTS_WITH_SQLITE.includes(f) && SQLITE_PACKAGE.test(t) },
];

/** A line that reaches the SQLite handle or raw statements of a Db (s.db.sqlite.pragma, x.sqlite.exec, s.db.prepare, s.db.orm). */
const SQLITE_HANDLE_USE = /\.db\.(sqlite|prepare|orm)\b|\.sqlite\./;

function handleUses(files: string[]): string[] {
  return files
    .flatMap((f) => fs.readFileSync(f, 'utf8').split('\n').map((line, i) => [path.relative(ROOT, f), i + 1, line] as const))
    .filter(([, , line]) => SQLITE_HANDLE_USE.test(line))
    .map(([f, n, line]) => `${f}:${n}: ${line.trim()}`);
}

function violations(graph: Graph, rule: Rule): string[] {
  return [...graph].flatMap(([from, tos]) => tos.filter((to) => rule.check(from, to)).map((to) => `${from} → ${to}`));
}

/** Cycles among nodes (Tarjan's strongly connected components of more than one node, or a self-loop). */
function cycles(edges: Map<string, Set<string>>): string[][] {
  let index = 0;
  const idx = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const on = new Set<string>();
  const out: string[][] = [];
  const visit = (v: string) => {
    idx.set(v, index);
    low.set(v, index++);
    stack.push(v);
    on.add(v);
    for (const w of edges.get(v) ?? []) {
      if (!idx.has(w)) {
        visit(w);
        low.set(v, Math.min(low.get(v)!, low.get(w)!));
      } else if (on.has(w)) low.set(v, Math.min(low.get(v)!, idx.get(w)!));
    }
    if (low.get(v) === idx.get(v)) {
      const scc: string[] = [];
      let w: string;
      do {
        w = stack.pop()!;
        on.delete(w);
        scc.push(w);
      } while (w !== v);
      if (scc.length > 1 || edges.get(v)?.has(v)) out.push(scc.sort());
    }
  };
  for (const v of edges.keys()) if (!idx.has(v)) visit(v);
  return out;
}

/** File-level edges between project files, and folder-level edges between their folders. */
function edgesOf(graph: Graph, level: 'file' | 'folder'): Map<string, Set<string>> {
  const node = (f: string) => (level === 'file' ? f : path.dirname(f));
  const edges = new Map<string, Set<string>>();
  for (const [from, tos] of graph) {
    const set = edges.get(node(from)) ?? new Set<string>();
    for (const to of tos) if (!isPackage(to) && node(to) !== node(from)) set.add(node(to));
    edges.set(node(from), set);
  }
  return edges;
}

/** Folder cycles that only run through a folder and its own subfolders are one module, not a cycle. */
const crossFolder = (scc: string[]) => !scc.every((d) => scc.some((o) => o !== d && (d.startsWith(`${o}/`) || o.startsWith(`${d}/`))));

const graph = importGraph();
const SCRIPT_MODULES = /\.(ts|mts|js|mjs|cjs)$/;
const scriptsGraph = importGraph(SCRIPTS, SCRIPT_MODULES);

describe('layers of src/', () => {
  it('reads the whole tree (the graph is not empty)', () => {
    expect(graph.size).toBeGreaterThan(100);
    expect(graph.get('src/http/routes/route.ts')).toContain('src/app/application.ts');
  });

  it.each(RULES.map((r) => [r.name, r] as const))('%s', (_name, rule) => {
    expect(violations(graph, rule)).toEqual([]);
  });

  it('no import cycle between files', () => {
    expect(cycles(edgesOf(graph, 'file'))).toEqual([]);
  });

  it('no import cycle between folders', () => {
    expect(cycles(edgesOf(graph, 'folder')).filter(crossFolder)).toEqual([]);
  });

  it('no transaction opened in http or reports (use cases open them)', () => {
    const hits = listTs(SRC)
      .filter((f) => /src\/(http|reports)\//.test(f))
      .filter((f) => /\.transaction\(/.test(fs.readFileSync(f, 'utf8')))
      .map((f) => path.relative(ROOT, f));
    expect(hits).toEqual([]);
  });

  it('no SQLite handle outside src/db (no .sqlite. or raw prepare on a Db)', () => {
    const hits = listTs(SRC)
      .filter((f) => !f.startsWith(path.join(SRC, 'db')))
      .flatMap((f) => fs.readFileSync(f, 'utf8').split('\n').map((line, i) => [path.relative(ROOT, f), i + 1, line] as const))
      .filter(([, , line]) => /\.db\.(sqlite|prepare|orm)\b/.test(line))
      .map(([f, n, line]) => `${f}:${n}: ${line.trim()}`);
    expect(hits).toEqual([]);
  });
});

describe('scripts/ reach the database through src/db (but the allow-list)', () => {
  it('reads the whole folder (the graph is not empty)', () => {
    expect(scriptsGraph.size).toBeGreaterThan(30);
    expect(scriptsGraph.get('scripts/bench.ts')).toContain('scripts/lib/bench-raw-sql.ts');
  });

  it.each(SCRIPT_RULES.map((r) => [r.name, r] as const))('%s', (_name, rule) => {
    expect(violations(scriptsGraph, rule)).toEqual([]);
  });

  it('no SQLite handle outside the allow-list (no .sqlite., no raw prepare or orm on a Db)', () => {
    const files = listTs(SCRIPTS, SCRIPT_MODULES).filter((f) => !SCRIPTS_WITH_SQLITE.includes(path.relative(ROOT, f)));
    expect(handleUses(files)).toEqual([]);
  });

  it.each(SCRIPTS_WITH_SQLITE)('%s is still there and still needs its place on the allow-list', (file) => {
    const full = path.join(ROOT, file);
    expect(fs.existsSync(full)).toBe(true);
    const imports = scriptsGraph.get(file) ?? [];
    expect(imports.some((t) => SQLITE_PACKAGE.test(t)) || handleUses([full]).length > 0).toBe(true);
  });

  it.each([
    ["s.db.sqlite.pragma('wal_checkpoint(TRUNCATE)');"],
    ["r.db.sqlite.exec(`ATTACH '${file}' AS city`);"],
    ["const n = s.db.prepare('SELECT count(*) FROM rt').get();"],
    ['s.db.orm.select().from(receipts).all();'],
  ])('a script line reaching the handle is caught: %s', (line) => {
    expect(SQLITE_HANDLE_USE.test(line)).toBe(true);
  });
});

describe('each rule catches the bypass it is for (a scratch copy of the graph)', () => {
  const bypasses: Array<[string, string, string]> = [
    ['a route reaching a repository', 'src/http/routes/receipts.ts', 'src/db/receipt-repository.ts'],
    ['a report fetching through Services', 'src/reports/audit-bundle.ts', 'src/app/services.ts'],
    ['a route holding Services (s.receipts.find, s.db.transaction)', 'src/http/routes/files.ts', 'src/app/services.ts'],
    ['the server reaching the repositories', 'src/http/server.ts', 'src/app/bootstrap.ts'],
    ['a report taking its shape from a use case', 'src/reports/lpj-formats.ts', 'src/app/read-lpj.ts'],
    ['a use case opening SQLite itself', 'src/app/post-entry.ts', 'better-sqlite3'],
    ['a route using drizzle', 'src/http/routes/files.ts', 'drizzle-orm'],
    ['a domain module reading the database', 'src/domain/access.ts', 'src/db/client.ts'],
    ['a repository reaching a use case', 'src/db/plan-repository.ts', 'src/app/save-plan.ts'],
    ['a use case taking a concrete repository', 'src/app/decide-receipt.ts', 'src/db/receipt-repository.ts'],
    ['a read model typed by a db row type', 'src/app/read-receipts.ts', 'src/db/receipt-repository.ts'],
    ['a port taking its row type from drizzle', 'src/app/ports/receipt-store.ts', 'drizzle-orm'],
    ['a port leaning on a repository', 'src/app/ports/plan-store.ts', 'src/db/plan-repository.ts'],
    ['a script opening SQLite itself (new Database(file))', 'scripts/verify.ts', 'better-sqlite3'],
    ['a script querying through drizzle', 'scripts/lib/city-year.ts', 'drizzle-orm/better-sqlite3'],
  ];
  it.each(bypasses)('%s is refused', (_what, from, to) => {
    const [base, rules] = from.startsWith('scripts/') ? [scriptsGraph, SCRIPT_RULES] : [graph, RULES];
    const copy: Graph = new Map(base);
    copy.set(from, [...(copy.get(from) ?? []), to]);
    expect(rules.some((r) => violations(copy, r).includes(`${from} → ${to}`))).toBe(true);
  });

  it.each([
    ['app ↔ reports', 'src/reports/status-badges.ts', 'src/app/read-plans.ts'],
    ['two domain modules importing each other', 'src/domain/grants/forbidden-uses.ts', 'src/domain/grants/programme-year.ts'],
  ])('a cycle (%s) is found', (_what, from, to) => {
    const copy: Graph = new Map(graph);
    copy.set(from, [...(copy.get(from) ?? []), to]);
    expect(cycles(edgesOf(copy, 'file')).length + cycles(edgesOf(copy, 'folder')).filter(crossFolder).length).toBeGreaterThan(0);
  });
});
