/**
 * The database that `pnpm start`, the tests and the benchmarks run against, in this order:
 *   1. MONGODB_URI when set (any MongoDB or compatible server);
 *   2. a local FerretDB 1.24.2 on its SQLite backend, built with Go on first use and cached outside the repo;
 *   3. mongodb-memory-server, which downloads a real MongoDB where the internet is reachable.
 * Never an in-memory imitation of MongoDB: the code must meet a real wire-protocol server.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, cpSync, chmodSync, readFileSync, writeFileSync, renameSync, rmSync, readdirSync, statSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';

export const FERRETDB_VERSION = 'v1.24.2';
const FERRETDB_MODULE = 'github.com/FerretDB/FerretDB';

export interface Database {
  /** Server URI without a database name; see withDatabaseName. */
  uri: string;
  kind: 'external' | 'ferretdb' | 'mongodb-memory-server';
  stop(): Promise<void>;
}

export interface StartOptions {
  /** Folder for the data; kept across restarts unless `ephemeral`. */
  dataDir?: string;
  /** Throwaway data: a fresh temporary folder, removed on stop. */
  ephemeral?: boolean;
  port?: number;
  log?: (line: string) => void;
}

export function cacheDir(): string {
  const base = process.env.GONGZHI_CACHE_DIR ?? path.join(process.env.XDG_CACHE_HOME ?? path.join(os.homedir(), '.cache'), 'gongzhi');
  mkdirSync(base, { recursive: true });
  return base;
}

export async function startDatabase(options: StartOptions = {}): Promise<Database> {
  const log = options.log ?? ((line: string) => process.stderr.write(`[database] ${line}\n`));
  if (process.env.MONGODB_URI) {
    return { uri: process.env.MONGODB_URI, kind: 'external', stop: async () => {} };
  }
  const failures: string[] = [];
  try {
    const binary = await ensureFerretDb(log);
    return await startFerretDb(binary, options, log);
  } catch (err) {
    failures.push(`FerretDB: ${(err as Error).message}`);
    log(`FerretDB unavailable (${(err as Error).message}); trying mongodb-memory-server`);
  }
  try {
    return await startMemoryServer(options);
  } catch (err) {
    failures.push(`mongodb-memory-server: ${(err as Error).message}`);
  }
  throw new Error(
    'No database server could be started. Set MONGODB_URI to a MongoDB server, or install Go so that ' +
      `FerretDB ${FERRETDB_VERSION} can be built.\n  ` + failures.join('\n  '),
  );
}

/** `mongodb://host:port/?x=y` + `name` → `mongodb://host:port/name?x=y`; keeps credentials and several hosts. */
export function withDatabaseName(uri: string, name: string): string {
  const [beforeQuery, query] = uri.split('?', 2) as [string, string | undefined];
  const schemeEnd = beforeQuery.indexOf('://') + 3;
  const slash = beforeQuery.indexOf('/', schemeEnd);
  const hosts = slash === -1 ? beforeQuery : beforeQuery.slice(0, slash);
  return `${hosts}/${name}${query ? `?${query}` : ''}`;
}

/** The database name inside a URI, if it names one. */
export function databaseNameOf(uri: string): string | undefined {
  const beforeQuery = uri.split('?', 1)[0]!;
  const slash = beforeQuery.indexOf('/', beforeQuery.indexOf('://') + 3);
  const name = slash === -1 ? '' : beforeQuery.slice(slash + 1);
  return name || undefined;
}

/**
 * Our one change to FerretDB's source, named in the cache folder so a binary built without it is
 * never reused. FerretDB 1.24's SQLite backend creates the `_id` index on `_ferretdb_sjson->"_id"`
 * but looks documents up with `_ferretdb_sjson->'$._id'`: the same value, a different expression,
 * so SQLite never uses the index and every find, update and delete by `_id` reads the table until it
 * meets the document (measured: 0.6 ms for the first of 20,000, 35 ms for the last or a missing
 * one). Spelling the lookup like the index makes it an index search (checked with EXPLAIN QUERY PLAN).
 */
const FERRETDB_PATCHES: Array<{ file: string; from: string; to: string }> = [
  {
    file: 'internal/backends/sqlite/metadata/metadata.go',
    from: `IDColumn = DefaultColumn + "->'$._id'"`,
    to: `IDColumn = DefaultColumn + "->'_id'"`,
  },
];
const FERRETDB_BUILD = `${FERRETDB_VERSION}-gongzhi1`;

export function ferretDbBinaryPath(): string {
  return path.join(cacheDir(), `ferretdb-${FERRETDB_BUILD}`, 'ferretdb');
}

function patchFerretDb(src: string): void {
  for (const p of FERRETDB_PATCHES) {
    const file = path.join(src, p.file);
    const text = readFileSync(file, 'utf8');
    if (!text.includes(p.from)) throw new Error(`FerretDB source changed: ${p.file} no longer contains ${p.from}`);
    writeFileSync(file, text.replace(p.from, p.to));
  }
}

/**
 * Builds FerretDB from its Go module. `go install` alone yields a binary that panics at start
 * (build/version/version.txt is absent from the module zip and FerretDB insists on it when it is the
 * main module), so we copy the module source, write the version file, apply FERRETDB_PATCHES and
 * `go build` it.
 */
export async function ensureFerretDb(log: (line: string) => void): Promise<string> {
  const binary = ferretDbBinaryPath();
  if (existsSync(binary)) return binary;
  if (spawnSync('go', ['version']).status !== 0) throw new Error('Go is not installed, so FerretDB cannot be built');
  log(`building FerretDB ${FERRETDB_VERSION} with Go (first run only, a few minutes); cached at ${binary}`);
  const env = { ...process.env, GOFLAGS: '-mod=mod', GOTOOLCHAIN: 'local' };
  const download = await run('go', ['mod', 'download', '-json', `${FERRETDB_MODULE}@${FERRETDB_VERSION}`], { env, log, quiet: true });
  const moduleDir = (JSON.parse(download) as { Dir?: string }).Dir;
  if (!moduleDir) throw new Error('go mod download did not report the module folder');
  const buildRoot = path.join(cacheDir(), 'build');
  mkdirSync(buildRoot, { recursive: true });
  const src = mkdtempSync(path.join(buildRoot, 'ferretdb-src-'));
  try {
    cpSync(moduleDir, src, { recursive: true });
    makeWritable(src);
    writeFileSync(path.join(src, 'build', 'version', 'version.txt'), `${FERRETDB_VERSION}\n`);
    patchFerretDb(src);
    mkdirSync(path.dirname(binary), { recursive: true });
    const tmp = `${binary}.${process.pid}.tmp`;
    // -checklinkname=0: newer Go linkers reject an old //go:linkname in one of FerretDB's dependencies.
    await run('go', ['build', '-ldflags=-checklinkname=0', '-o', tmp, './cmd/ferretdb'], { cwd: src, env, log });
    renameSync(tmp, binary);
  } finally {
    rmSync(src, { recursive: true, force: true });
  }
  log(`FerretDB ${FERRETDB_VERSION} built`);
  return binary;
}

async function startFerretDb(binary: string, options: StartOptions, log: (line: string) => void): Promise<Database> {
  const dataDir = options.ephemeral || !options.dataDir
    ? mkdtempSync(path.join(os.tmpdir(), 'gongzhi-ferretdb-'))
    : options.dataDir;
  mkdirSync(dataDir, { recursive: true });
  const port = options.port ?? (await freePort());
  const child = spawn(
    binary,
    [
      '--handler=sqlite',
      `--sqlite-url=file:${dataDir}/`,
      `--state-dir=${dataDir}`,
      `--listen-addr=127.0.0.1:${port}`,
      '--debug-addr=-', // its debug listener would bind 127.0.0.1:8088 and clash between two servers
      '--telemetry=disable', // telemetry would report to an outside host
      '--log-level=error',
    ],
    { stdio: ['ignore', 'ignore', 'pipe'] },
  );
  let stderr = '';
  child.stderr!.on('data', (d: Buffer) => {
    stderr = (stderr + d.toString()).slice(-4000);
  });
  const killOnExit = () => child.kill('SIGKILL');
  process.once('exit', killOnExit);
  try {
    await waitForPort(port, child, () => stderr);
  } catch (err) {
    child.kill('SIGKILL');
    process.removeListener('exit', killOnExit);
    throw err;
  }
  const removeData = options.ephemeral || !options.dataDir;
  return {
    uri: `mongodb://127.0.0.1:${port}/`,
    kind: 'ferretdb',
    async stop() {
      process.removeListener('exit', killOnExit);
      await stopChild(child);
      if (removeData) rmSync(dataDir, { recursive: true, force: true });
      else log(`FerretDB stopped; data kept in ${dataDir}`);
    },
  };
}

async function startMemoryServer(options: StartOptions): Promise<Database> {
  const { MongoMemoryServer } = await import('mongodb-memory-server');
  const keep = !options.ephemeral && options.dataDir;
  if (keep) mkdirSync(options.dataDir!, { recursive: true });
  const server = await MongoMemoryServer.create({
    instance: { ip: '127.0.0.1', ...(options.port ? { port: options.port } : {}), ...(keep ? { dbPath: options.dataDir, storageEngine: 'wiredTiger' } : {}) },
  });
  return {
    uri: server.getUri(),
    kind: 'mongodb-memory-server',
    async stop() {
      await server.stop({ doCleanup: !keep });
    },
  };
}

function makeWritable(dir: string): void {
  chmodSync(dir, 0o755);
  for (const entry of readdirSync(dir)) {
    const p = path.join(dir, entry);
    const st = statSync(p);
    if (st.isDirectory()) makeWritable(p);
    else chmodSync(p, 0o644);
  }
}

function run(cmd: string, args: string[], opts: { cwd?: string; env: NodeJS.ProcessEnv; log: (l: string) => void; quiet?: boolean }): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args, { cwd: opts.cwd, env: opts.env, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    const started = Date.now();
    const ticker = setInterval(() => opts.log(`  still working on \`${cmd} ${args[0]}\` (${Math.round((Date.now() - started) / 1000)} s)`), 15_000);
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.stderr.on('data', (d: Buffer) => {
      err = (err + d.toString()).slice(-8000);
      if (!opts.quiet) for (const line of d.toString().split('\n')) if (line.trim()) opts.log(`  ${line.trim()}`);
    });
    child.on('error', (e) => {
      clearInterval(ticker);
      reject(e);
    });
    child.on('close', (code) => {
      clearInterval(ticker);
      if (code === 0) resolve(out);
      else reject(new Error(`\`${cmd} ${args.join(' ')}\` exited with ${code}: ${err.trim().split('\n').slice(-5).join(' | ')}`));
    });
  });
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as net.AddressInfo;
      srv.close(() => resolve(port));
    });
  });
}

async function waitForPort(port: number, child: ChildProcess, stderr: () => string): Promise<void> {
  const deadline = Date.now() + 30_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`FerretDB exited with ${child.exitCode}: ${stderr().trim()}`);
    const up = await new Promise<boolean>((resolve) => {
      const socket = net.connect(port, '127.0.0.1');
      socket.once('connect', () => {
        socket.destroy();
        resolve(true);
      });
      socket.once('error', () => resolve(false));
    });
    if (up) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`FerretDB did not listen on 127.0.0.1:${port} within 30 s: ${stderr().trim()}`);
}

async function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  await new Promise<void>((resolve) => {
    const timer = setTimeout(() => child.kill('SIGKILL'), 5_000);
    child.once('exit', () => {
      clearTimeout(timer);
      resolve();
    });
    child.kill('SIGTERM');
  });
}
