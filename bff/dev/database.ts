/**
 * The database that `pnpm start`, the tests and the benchmarks run against, in this order:
 *   1. MONGODB_URI when set (any MongoDB or compatible server);
 *   2. a local FerretDB 2.5.0 in front of PostgreSQL 15 with Microsoft's DocumentDB extension: the
 *      extensions are built from `../shared/vendor` (or the upstream release tarballs) into PostgreSQL's
 *      system folders, FerretDB is built from the Go module proxy and cached outside the repo, and each
 *      start runs a PostgreSQL cluster of its own.
 * Never an in-memory imitation of MongoDB: the code must meet a real wire-protocol server.
 */
import { spawn, spawnSync, type ChildProcess, type SpawnOptions } from 'node:child_process';
import { chmodSync, chownSync, cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';

export const FERRETDB_VERSION = 'v2.5.0';
const FERRETDB_MODULE = 'github.com/FerretDB/FerretDB/v2';
const PG_MAJOR = 15;
const PG_BIN = process.env.GONGZHI_PG_BIN ?? `/usr/lib/postgresql/${PG_MAJOR}/bin`;
/** The superuser of our own clusters; FerretDB connects as it over 127.0.0.1 with trust auth. */
const PG_ROLE = 'gongzhi';
/** The system user that owns and runs our clusters when we are root (PostgreSQL refuses to run as root). */
const PG_SYSTEM_USER = 'gongzhi-pg';

/**
 * Debian 12 packages the build and the cluster need (Debian's postgresql-15-cron is too old: we build pg_cron).
 * libkrb5-dev: DocumentDB's users.c includes PostgreSQL's libpq-be.h, which includes gssapi/gssapi.h.
 */
export const APT_PACKAGES = [
  'build-essential', 'pkg-config', `postgresql-${PG_MAJOR}`, `postgresql-server-dev-${PG_MAJOR}`, 'libbson-dev', 'libkrb5-dev',
  'libpcre2-dev', 'libintelrdfpmath-dev', `postgresql-${PG_MAJOR}-rum`, `postgresql-${PG_MAJOR}-postgis-3`,
];

interface ExtensionSource {
  name: string;
  tarball: string;
  url: string;
  /** Folders inside the source to `make && make install`, in order. */
  dirs: string[];
  /** Control file name → the default_version it must declare once installed. */
  controls: Record<string, string>;
}

const EXTENSIONS: ExtensionSource[] = [
  {
    name: 'pgvector 0.8.0',
    tarball: 'pgvector-0.8.0.tar.gz',
    url: 'https://github.com/pgvector/pgvector/archive/refs/tags/v0.8.0.tar.gz',
    dirs: ['.'],
    controls: { vector: '0.8.0' },
  },
  {
    name: 'pg_cron 1.6.3',
    tarball: 'pg_cron-1.6.3.tar.gz',
    url: 'https://github.com/citusdata/pg_cron/archive/refs/tags/v1.6.3.tar.gz',
    dirs: ['.'],
    controls: { pg_cron: '1.6' },
  },
  {
    name: 'DocumentDB 0.106-0',
    tarball: 'documentdb-0.106-0.tar.gz',
    url: 'https://github.com/microsoft/documentdb/archive/refs/tags/v0.106-0.tar.gz',
    dirs: ['pg_documentdb_core', 'pg_documentdb'],
    controls: { documentdb_core: '0.106-0', documentdb: '0.106-0' },
  },
];
/** Names what was built; a change here rebuilds the extensions once. */
const EXTENSIONS_STAMP = `pg${PG_MAJOR}-pgvector-0.8.0-pg_cron-1.6.3-documentdb-0.106-0-gongzhi1`;

/** Debian 12's libbson is 1.23 and DocumentDB pins 1.28: the one constant it misses (same as ../shared/vendor's patch). */
const LIBBSON_PATCH_FILE = 'documentdb-libbson-1.23-compat.patch';
const LIBBSON_PATCH =
  '--- src/operators/bson_expression_type_operators.c.orig\t2026-12-04 13:21:00.845896256 +0000\n+++ src/operators/bson_expression_type_operators.c\t2026-12-04 13:21:00.963446351 +0000\n@@ -8,7 +8,13 @@\n  *-------------------------------------------------------------------------\n  */\n \n- #include <postgres.h>\n+ /* local patch: Debian bookworm libbson 1.23 lacks BSON_SUBTYPE_SENSITIVE (added in libbson 1.26) */\n+#include <bson.h>\n+#ifndef BSON_SUBTYPE_SENSITIVE\n+#define BSON_SUBTYPE_SENSITIVE 0x08\n+#pragma GCC diagnostic ignored "-Wswitch"\n+#endif\n+#include <postgres.h>\n  #include <regex.h>\n \n  #include "common/base64.h"\n';

/** The `documentdb.*` settings of FerretDB's 10-preload.sh, plus pg_cron's database. */
const DOCUMENTDB_SETTINGS = [
  "shared_preload_libraries = 'pg_cron,pg_documentdb_core,pg_documentdb'",
  "cron.database_name = 'postgres'",
  'documentdb.enableCompact = true',
  'documentdb.enableLetAndCollationForQueryMatch = true',
  'documentdb.enableNowSystemVariable = true',
  'documentdb.enableSortbyIdPushDownToPrimaryKey = true',
  'documentdb.enableSchemaValidation = true',
  'documentdb.enableBypassDocumentValidation = true',
  'documentdb.enableUserCrud = true',
  'documentdb.maxUserLimit = 100',
];

export interface Database {
  /** Server URI without a database name; see withDatabaseName. */
  uri: string;
  kind: 'external' | 'ferretdb2-documentdb';
  stop(): Promise<void>;
}

export interface StartOptions {
  /** Folder for the data; kept across restarts unless `ephemeral`. */
  dataDir?: string;
  /** Throwaway data: a fresh temporary folder, removed on stop. */
  ephemeral?: boolean;
  /** Port FerretDB listens on (a free one when absent). */
  port?: number;
  log?: (line: string) => void;
}

type Log = (line: string) => void;

export function cacheDir(): string {
  const base = process.env.GONGZHI_CACHE_DIR ?? path.join(process.env.XDG_CACHE_HOME ?? path.join(os.homedir(), '.cache'), 'gongzhi');
  mkdirSync(base, { recursive: true });
  return base;
}

/** `../shared/vendor` beside the checkout, or GONGZHI_VENDOR_DIR. */
export function vendorDir(): string {
  return process.env.GONGZHI_VENDOR_DIR ?? path.resolve(__dirname, '..', '..', '..', 'shared', 'vendor');
}

export async function startDatabase(options: StartOptions = {}): Promise<Database> {
  const log = options.log ?? ((line: string) => process.stderr.write(`[database] ${line}\n`));
  if (process.env.MONGODB_URI) {
    return { uri: process.env.MONGODB_URI, kind: 'external', stop: async () => {} };
  }
  const binary = await ensureEngine(log);
  return startLocal(binary, options, log);
}

/** Everything the local engine needs, built once: the PostgreSQL extensions, then FerretDB. Returns FerretDB's binary. */
export async function ensureEngine(log: Log): Promise<string> {
  checkSystemPackages();
  await ensureExtensions(log);
  return ensureFerretDb(log);
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

const isRoot = (): boolean => process.getuid?.() === 0;
const sudo = (): string => (isRoot() ? '' : 'sudo ');
const aptLine = (): string => `${sudo()}apt-get install -y ${APT_PACKAGES.join(' ')}`;
const ensureDbLine = (): string => `${sudo()}env "PATH=$PATH" pnpm --filter @gongzhi/bff run ensure-db`;

// ---------------------------------------------------------------------------------------------------
// System packages and the PostgreSQL extensions

function pgSharedir(): string {
  const res = spawnSync(path.join(PG_BIN, 'pg_config'), ['--sharedir'], { encoding: 'utf8' });
  if (res.status !== 0) throw new Error(`pg_config of PostgreSQL ${PG_MAJOR} is missing (${PG_BIN}/pg_config). Install the packages: ${aptLine()}`);
  return res.stdout.trim();
}

/** Debian packages in place? Fails with the `apt-get install` line that fixes it. */
function checkSystemPackages(): void {
  const missing: string[] = [];
  for (const tool of ['initdb', 'pg_ctl', 'postgres', 'psql', 'pg_config']) if (!existsSync(path.join(PG_BIN, tool))) missing.push(`${PG_BIN}/${tool}`);
  if (missing.length === 0) {
    const ext = path.join(pgSharedir(), 'extension');
    for (const control of ['rum', 'postgis']) if (!existsSync(path.join(ext, `${control}.control`))) missing.push(`the ${control} extension`);
  }
  if (missing.length > 0) {
    throw new Error(`PostgreSQL ${PG_MAJOR} or its extensions are not installed (missing: ${missing.join(', ')}). Run: ${aptLine()}`);
  }
}

function controlVersion(sharedir: string, control: string): string | undefined {
  const file = path.join(sharedir, 'extension', `${control}.control`);
  if (!existsSync(file)) return undefined;
  return /default_version\s*=\s*'([^']*)'/.exec(readFileSync(file, 'utf8'))?.[1];
}

function extensionsInstalled(sharedir: string): boolean {
  return EXTENSIONS.every((e) => Object.entries(e.controls).every(([control, version]) => controlVersion(sharedir, control) === version));
}

/**
 * pgvector, pg_cron 1.6.3 and DocumentDB's two extensions, built and installed into PostgreSQL's
 * system folders. Skipped when the control files name the right versions and this cache built them
 * (or we are not root and so could not rebuild anyway).
 */
export async function ensureExtensions(log: Log): Promise<void> {
  const sharedir = pgSharedir();
  const stamp = path.join(cacheDir(), `pg-extensions-${EXTENSIONS_STAMP}.stamp`);
  const installed = extensionsInstalled(sharedir);
  if (installed && (existsSync(stamp) || !isRoot())) return;
  if (!isRoot()) {
    throw new Error(
      `the PostgreSQL extensions pgvector, pg_cron 1.6.3 and DocumentDB 0.106-0 are not installed in ${sharedir}, and installing ` +
        `them writes into PostgreSQL's system folders. Run once: ${ensureDbLine()}`,
    );
  }
  for (const tool of ['make', 'cc', 'pkg-config', 'patch', 'tar']) {
    if (spawnSync('sh', ['-c', `command -v ${tool}`]).status !== 0) throw new Error(`\`${tool}\` is missing, so the PostgreSQL extensions cannot be built. Run: ${aptLine()} patch`);
  }
  const started = Date.now();
  log(`building the PostgreSQL extensions (pgvector, pg_cron, DocumentDB; about a minute, once) into ${sharedir}`);
  const buildRoot = path.join(cacheDir(), 'build');
  mkdirSync(buildRoot, { recursive: true });
  const work = mkdtempSync(path.join(buildRoot, 'pg-extensions-'));
  try {
    const env = {
      ...process.env,
      PATH: `${PG_BIN}:${process.env.PATH ?? ''}`,
      PKG_CONFIG_PATH: [writeIntelMathPkgConfig(), process.env.PKG_CONFIG_PATH].filter(Boolean).join(':'),
    };
    const jobs = String(Math.max(1, os.cpus().length));
    for (const ext of EXTENSIONS) {
      const tarball = await sourceTarball(ext, log);
      const src = path.join(work, ext.tarball.replace(/\.tar\.gz$/, ''));
      mkdirSync(src);
      await run('tar', ['xzf', tarball, '-C', src, '--strip-components=1'], { env, log, quiet: true });
      if (ext.dirs.includes('pg_documentdb')) await applyLibbsonPatch(path.join(src, 'pg_documentdb'), env, log);
      for (const dir of ext.dirs) {
        log(`  make ${ext.name}${dir === '.' ? '' : ` (${dir})`}`);
        const cwd = path.join(src, dir);
        await run('make', ['-j', jobs], { cwd, env, log, quiet: true });
        await run('make', ['install'], { cwd, env, log, quiet: true });
      }
    }
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
  if (!extensionsInstalled(sharedir)) throw new Error(`the extensions were built but ${sharedir}/extension does not name the expected versions`);
  writeFileSync(stamp, `${new Date().toISOString()}\n`);
  log(`PostgreSQL extensions installed (${Math.round((Date.now() - started) / 1000)} s)`);
}

/** Debian's libintelrdfpmath-dev ships no pkg-config file; DocumentDB asks for `intelmathlib`. */
function writeIntelMathPkgConfig(): string {
  const libDirs = ['/usr/lib/x86_64-linux-gnu', '/usr/lib/aarch64-linux-gnu', '/usr/lib64', '/usr/lib'];
  const libDir = libDirs.find((d) => existsSync(path.join(d, 'libbidgcc000.a')));
  if (!libDir) throw new Error(`the Intel decimal math library (libbidgcc000.a) is missing. Run: ${aptLine()}`);
  const dir = path.join(cacheDir(), 'pkgconfig');
  mkdirSync(dir, { recursive: true });
  writeFileSync(
    path.join(dir, 'intelmathlib.pc'),
    `Name: intelmathlib\nDescription: Intel Decimal Floating-Point Math Library (written by gongzhi for Debian's libintelrdfpmath-dev)\nVersion: 2.0\nLibs: -L${libDir} -lbidgcc000\nCflags: -I/usr/include\n`,
  );
  return dir;
}

async function applyLibbsonPatch(cwd: string, env: NodeJS.ProcessEnv, log: Log): Promise<void> {
  const vendored = path.join(vendorDir(), LIBBSON_PATCH_FILE);
  const file = existsSync(vendored) ? vendored : path.join(cwd, '..', LIBBSON_PATCH_FILE);
  if (file !== vendored) writeFileSync(file, LIBBSON_PATCH);
  await run('patch', ['-p0', '--forward', '-i', file], { cwd, env, log, quiet: true });
}

/** The release tarball: from the vendor folder when present, else downloaded once into the cache. */
async function sourceTarball(ext: ExtensionSource, log: Log): Promise<string> {
  const vendored = path.join(vendorDir(), ext.tarball);
  if (existsSync(vendored)) return vendored;
  const downloads = path.join(cacheDir(), 'downloads');
  mkdirSync(downloads, { recursive: true });
  const file = path.join(downloads, ext.tarball);
  if (existsSync(file)) return file;
  log(`  ${vendorDir()} has no ${ext.tarball}; downloading ${ext.url}`);
  let body: ArrayBuffer;
  try {
    const res = await fetch(ext.url, { redirect: 'follow' });
    if (!res.ok) throw new Error(`HTTP ${res.status}`);
    body = await res.arrayBuffer();
  } catch (err) {
    throw new Error(
      `could not download ${ext.url} (${(err as Error).message}). Put the release tarballs in ${vendorDir()} ` +
        '(or point GONGZHI_VENDOR_DIR at a folder that has them) and run again.',
    );
  }
  const tmp = `${file}.${process.pid}.tmp`;
  writeFileSync(tmp, Buffer.from(body));
  renameSync(tmp, file);
  return file;
}

// ---------------------------------------------------------------------------------------------------
// FerretDB

export function ferretDbBinaryPath(): string {
  return path.join(cacheDir(), `ferretdb-${FERRETDB_VERSION}`, 'ferretdb');
}

function goBinary(): string | undefined {
  if (spawnSync('go', ['version']).status === 0) return 'go';
  return existsSync('/usr/local/go/bin/go') ? '/usr/local/go/bin/go' : undefined;
}

/**
 * Builds FerretDB from its Go module. `go install` does not work: FerretDB insists on
 * build/version/version.txt, which the module zip lacks, and on Go ≥ 1.25 `setGOMAXPROCS` is
 * undefined (its only definition is tagged `!go1.25`). So we copy the module source, add both and
 * `go build` it.
 */
export async function ensureFerretDb(log: Log): Promise<string> {
  const binary = ferretDbBinaryPath();
  if (existsSync(binary)) return binary;
  const go = goBinary();
  if (!go) throw new Error('Go (≥ 1.24) is not installed, so FerretDB cannot be built. Install it from https://go.dev/dl/ into /usr/local/go (or put `go` on PATH) and run again.');
  const started = Date.now();
  log(`building FerretDB ${FERRETDB_VERSION} with Go (first run only: a few minutes, under a minute with a warm Go cache); cached at ${binary}`);
  const env = { ...process.env, GOFLAGS: '-mod=mod', GOTOOLCHAIN: 'local' };
  let download: string;
  try {
    download = await run(go, ['mod', 'download', '-json', `${FERRETDB_MODULE}@${FERRETDB_VERSION}`], { env, log, quiet: true });
  } catch (err) {
    throw new Error(`${(err as Error).message}\nThe Go module proxy must be reachable (GOPROXY=${spawnSync(go, ['env', 'GOPROXY'], { encoding: 'utf8' }).stdout.trim()}); check the network or set GOPROXY, then run: ${ensureDbLine()}`);
  }
  const moduleDir = (JSON.parse(download) as { Dir?: string }).Dir;
  if (!moduleDir) throw new Error('go mod download did not report the module folder');
  const buildRoot = path.join(cacheDir(), 'build');
  mkdirSync(buildRoot, { recursive: true });
  const src = mkdtempSync(path.join(buildRoot, 'ferretdb-src-'));
  try {
    cpSync(moduleDir, src, { recursive: true });
    makeWritable(src);
    writeFileSync(path.join(src, 'build', 'version', 'version.txt'), `${FERRETDB_VERSION}\n`);
    writeFileSync(
      path.join(src, 'cmd', 'ferretdb', 'gomaxprocs_go125.go'),
      '// Go 1.25 sets GOMAXPROCS from the container itself; FerretDB only defines setGOMAXPROCS for older Go.\n' +
        '//\n//go:build go1.25\n\npackage main\n\nimport "log/slog"\n\nfunc setGOMAXPROCS(*slog.Logger) {}\n',
    );
    mkdirSync(path.dirname(binary), { recursive: true });
    const tmp = `${binary}.${process.pid}.tmp`;
    await run(go, ['build', '-o', tmp, './cmd/ferretdb'], { cwd: src, env, log });
    renameSync(tmp, binary);
  } finally {
    rmSync(src, { recursive: true, force: true });
  }
  log(`FerretDB ${FERRETDB_VERSION} built (${Math.round((Date.now() - started) / 1000)} s)`);
  return binary;
}

// ---------------------------------------------------------------------------------------------------
// Our own PostgreSQL cluster, then FerretDB in front of it

interface Owner {
  uid: number;
  gid: number;
  name: string;
}

/** PostgreSQL will not run as root: as root we own the cluster by a system user of ours, created once. */
function clusterOwner(): Owner {
  if (!isRoot()) return { uid: process.getuid!(), gid: process.getgid!(), name: os.userInfo().username };
  const lookup = () => spawnSync('id', ['-u', PG_SYSTEM_USER], { encoding: 'utf8' });
  if (lookup().status !== 0) {
    const res = spawnSync('useradd', ['--system', '--user-group', '--no-create-home', '--home-dir', '/nonexistent', '--shell', '/usr/sbin/nologin', PG_SYSTEM_USER], { encoding: 'utf8' });
    if (res.status !== 0) {
      throw new Error(`could not create the system user ${PG_SYSTEM_USER} that runs PostgreSQL (${(res.stderr || res.error?.message || '').trim()}). Run: useradd --system --user-group --no-create-home ${PG_SYSTEM_USER}`);
    }
  }
  const uid = Number(lookup().stdout.trim());
  const gid = Number(spawnSync('id', ['-g', PG_SYSTEM_USER], { encoding: 'utf8' }).stdout.trim());
  return { uid, gid, name: PG_SYSTEM_USER };
}

function asOwner(owner: Owner): SpawnOptions {
  return isRoot() ? { uid: owner.uid, gid: owner.gid, cwd: '/' } : { cwd: '/' };
}

async function startLocal(binary: string, options: StartOptions, log: Log): Promise<Database> {
  const ephemeral = options.ephemeral || !options.dataDir;
  const root = ephemeral ? mkdtempSync(path.join(os.tmpdir(), 'gongzhi-db-')) : path.resolve(options.dataDir!);
  mkdirSync(root, { recursive: true });
  const owner = clusterOwner();
  // As root the cluster's owner is another user, which must be able to pass through to pg/ inside.
  if (isRoot()) chmodSync(root, statSync(root).mode | 0o011);
  const pg = await startPostgres(path.join(root, 'pg'), owner, ephemeral, log);
  const stateDir = path.join(root, 'ferretdb');
  mkdirSync(stateDir, { recursive: true });
  const removeRoot = () => {
    if (ephemeral) rmSync(root, { recursive: true, force: true });
  };
  let ferret: ChildProcess | undefined;
  const killOnExit = () => {
    ferret?.kill('SIGKILL');
    pg.stopNow();
    removeRoot();
  };
  process.once('exit', killOnExit);
  const port = options.port ?? (await freePort());
  try {
    ferret = spawn(
      binary,
      [
        `--postgresql-url=postgres://${PG_ROLE}@127.0.0.1:${pg.port}/postgres`,
        `--listen-addr=127.0.0.1:${port}`,
        '--debug-addr=-', // its debug listener would bind 127.0.0.1:8088 and clash between two servers
        `--state-dir=${stateDir}`,
        '--telemetry=disable', // telemetry would report to an outside host
        '--no-auth',
        '--log-level=error',
      ],
      { stdio: ['ignore', 'ignore', 'pipe'] },
    );
    let stderr = '';
    ferret.stderr!.on('data', (d: Buffer) => {
      stderr = (stderr + d.toString()).slice(-4000);
    });
    await waitForPort(port, ferret, () => stderr);
  } catch (err) {
    process.removeListener('exit', killOnExit);
    ferret?.kill('SIGKILL');
    await pg.stop();
    removeRoot();
    throw new Error(`FerretDB ${FERRETDB_VERSION} did not start: ${(err as Error).message}`);
  }
  log(`FerretDB ${FERRETDB_VERSION} on PostgreSQL ${PG_MAJOR} + DocumentDB listening on 127.0.0.1:${port}${ephemeral ? '' : `; data in ${root}`}`);
  const child = ferret;
  return {
    uri: `mongodb://127.0.0.1:${port}/`,
    kind: 'ferretdb2-documentdb',
    async stop() {
      process.removeListener('exit', killOnExit);
      await stopChild(child);
      await pg.stop();
      removeRoot();
      if (!ephemeral) log(`database stopped; data kept in ${root}`);
    },
  };
}

interface RunningPostgres {
  port: number;
  stop(): Promise<void>;
  /** Synchronous last resort for process exit. */
  stopNow(): void;
}

async function startPostgres(pgdata: string, owner: Owner, ephemeral: boolean, log: Log): Promise<RunningPostgres> {
  const spawnAs = asOwner(owner);
  const pgCtl = path.join(PG_BIN, 'pg_ctl');
  if (!existsSync(path.join(pgdata, 'PG_VERSION'))) {
    mkdirSync(pgdata, { recursive: true });
    if (isRoot()) chownSync(pgdata, owner.uid, owner.gid);
    log(`creating a PostgreSQL ${PG_MAJOR} cluster in ${pgdata}`);
    try {
      await run(path.join(PG_BIN, 'initdb'), ['-D', pgdata, `--username=${PG_ROLE}`, '--auth=trust', '--encoding=UTF8', '--no-locale'], { ...spawnAs, env: process.env, log, quiet: true });
    } catch (err) {
      throw new Error(
        `${(err as Error).message}\ninitdb runs as ${owner.name}, which must be able to reach and write ${pgdata}` +
          (isRoot() ? ` (for example: chmod o+x on each parent folder, or remove ${pgdata} and start again)` : ''),
      );
    }
    const durability = ephemeral ? ['fsync = off', 'synchronous_commit = off', 'full_page_writes = off'] : [];
    // Losers of a unique-index race wait for deadlock detection (code 16908292 / code 1): 1 s by default.
    const conf = ['', '# gongzhi: FerretDB 2 + DocumentDB', "listen_addresses = '127.0.0.1'", 'max_connections = 200', "deadlock_timeout = '100ms'", ...DOCUMENTDB_SETTINGS, ...durability, ''];
    writeFileSync(path.join(pgdata, 'postgresql.conf'), readFileSync(path.join(pgdata, 'postgresql.conf'), 'utf8') + conf.join('\n'));
  } else if (spawnSync(pgCtl, ['status', '-D', pgdata], { ...spawnAs, stdio: 'ignore' }).status === 0) {
    // Already running: another process on the same data (`pnpm seed` beside `pnpm start`), or one that
    // died without stopping it. Use it as it is and leave it running; its port is in postmaster.pid.
    const port = Number(readFileSync(path.join(pgdata, 'postmaster.pid'), 'utf8').split('\n')[3]);
    if (!Number.isInteger(port) || port <= 0) throw new Error(`PostgreSQL is running on ${pgdata} but its postmaster.pid names no port. Stop it: ${path.join(PG_BIN, 'pg_ctl')} stop -D ${pgdata}`);
    log(`PostgreSQL already running on ${pgdata} (port ${port}); using it and leaving it running`);
    return { port, stop: async () => {}, stopNow: () => {} };
  }
  const sockets = mkdtempSync(path.join(os.tmpdir(), 'gongzhi-pg-'));
  if (isRoot()) chownSync(sockets, owner.uid, owner.gid);
  const port = await freePort();
  try {
    await run(pgCtl, ['start', '-D', pgdata, '-l', path.join(pgdata, 'server.log'), '-w', '-t', '60', '-o', `-p ${port} -k ${sockets}`], { ...spawnAs, env: process.env, log, quiet: true });
  } catch (err) {
    rmSync(sockets, { recursive: true, force: true });
    const tail = existsSync(path.join(pgdata, 'server.log')) ? readFileSync(path.join(pgdata, 'server.log'), 'utf8').trim().split('\n').slice(-5).join(' | ') : '';
    throw new Error(`PostgreSQL did not start: ${(err as Error).message} ${tail}\nIf the log names a missing library, rebuild the extensions: ${ensureDbLine()}`);
  }
  const stopArgs = (mode: string) => ['stop', '-D', pgdata, '-m', mode, '-w', '-t', '60'];
  const running: RunningPostgres = {
    port,
    async stop() {
      try {
        await run(pgCtl, stopArgs('fast'), { ...spawnAs, env: process.env, log, quiet: true });
      } finally {
        rmSync(sockets, { recursive: true, force: true });
      }
    },
    stopNow() {
      spawnSync(pgCtl, stopArgs('immediate'), { ...spawnAs, stdio: 'ignore' });
      rmSync(sockets, { recursive: true, force: true });
    },
  };
  try {
    await run(path.join(PG_BIN, 'psql'), ['-X', '-q', '-v', 'ON_ERROR_STOP=1', '-h', '127.0.0.1', '-p', String(port), '-U', PG_ROLE, '-d', 'postgres', '-c', 'CREATE EXTENSION IF NOT EXISTS documentdb CASCADE'], { env: process.env, log, quiet: true });
  } catch (err) {
    await running.stop();
    throw new Error(`CREATE EXTENSION documentdb failed: ${(err as Error).message}\nRebuild the extensions with: ${ensureDbLine()}`);
  }
  return running;
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

function run(cmd: string, args: string[], opts: SpawnOptions & { env: NodeJS.ProcessEnv; log: Log; quiet?: boolean }): Promise<string> {
  const { log, quiet, ...spawnOptions } = opts;
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args, { ...spawnOptions, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    const started = Date.now();
    const ticker = setInterval(() => log(`  still working on \`${path.basename(cmd)} ${args[0]}\` (${Math.round((Date.now() - started) / 1000)} s)`), 15_000);
    child.stdout!.on('data', (d: Buffer) => {
      out += d.toString();
      if (out.length > 1_000_000) out = out.slice(-500_000);
    });
    child.stderr!.on('data', (d: Buffer) => {
      err = (err + d.toString()).slice(-8000);
      if (!quiet) for (const line of d.toString().split('\n')) if (line.trim()) log(`  ${line.trim()}`);
    });
    child.on('error', (e) => {
      clearInterval(ticker);
      reject(new Error(`\`${cmd}\` could not be run: ${e.message}`));
    });
    child.on('close', (code) => {
      clearInterval(ticker);
      if (code === 0) resolve(out);
      else reject(new Error(`\`${cmd} ${args.join(' ')}\` exited with ${code}: ${(err || out).trim().split('\n').slice(-5).join(' | ')}`));
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
