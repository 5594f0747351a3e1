/**
 * The mini-program needs four facts of a route contract at run time: method, path, base and access.
 * Its zod schemas serve the BFF (validation, /openapi.json) and the type checker (the client's
 * argument and answer types), but as values they would make every page that calls the BFF download
 * zod, forms or not (the home page: 164 → 288 KB gzip).
 *
 * So the build replaces each `shared/src/*.api.ts` by what the real file exports, evaluated here at
 * build time with the rest of `shared`: every contract reduced to those facts, plain constants kept,
 * schemas left out (a page that validates a form imports the schema from its domain file). The type
 * checker and the tests keep reading the real file; `src/api/contracts.test.ts` holds the two equal.
 */
const path = require('node:path');
const { createRequire } = require('node:module');
const esbuild = require('esbuild');

/** The contract fields the client reads (api/client.ts, api/uploads.ts). */
const ROUTE_FIELDS = ['method', 'path', 'base', 'access', 'status', 'raw'];

const isRoute = (value) => value !== null && typeof value === 'object' && typeof value.method === 'string' && typeof value.path === 'string';
const isSchema = (value) => value !== null && typeof value === 'object' && typeof value.safeParse === 'function';
const isPlain = (value) => value !== null && typeof value === 'object' && Object.getPrototypeOf(value) === Object.prototype;

function routeFacts(route) {
  return Object.fromEntries(ROUTE_FIELDS.filter((field) => route[field] !== undefined).map((field) => [field, route[field]]));
}

/** What the client bundle gets for one export, or undefined to leave it out. */
function clientValue(name, value) {
  if (isRoute(value)) return routeFacts(value);
  if (isSchema(value)) return undefined;
  if (isPlain(value) && Object.values(value).length > 0 && Object.values(value).every(isRoute)) {
    return Object.fromEntries(Object.entries(value).map(([key, route]) => [key, routeFacts(route)]));
  }
  if (typeof value === 'function' || (typeof value === 'object' && value !== null && JSON.stringify(value) === undefined)) {
    throw new Error(`${name}: a contract file exports only contracts, schemas and plain constants`);
  }
  return value;
}

/** The module's exports as the client sees them; `files` are the sources read, for watch mode. */
async function clientExports(file) {
  const built = await esbuild.build({
    entryPoints: [file],
    bundle: true,
    write: false,
    platform: 'node',
    format: 'cjs',
    packages: 'external',
    metafile: true,
    logLevel: 'silent',
  });
  const module = { exports: {} };
  new Function('module', 'exports', 'require', built.outputFiles[0].text)(module, module.exports, createRequire(file));
  const exports = {};
  for (const [name, value] of Object.entries(module.exports)) {
    const kept = clientValue(name, value);
    if (kept !== undefined) exports[name] = kept;
  }
  return { exports, files: Object.keys(built.metafile.inputs).map((input) => path.resolve(input)) };
}

/** The module the bundles get in place of the contract file: one `export const` per kept export. */
function clientModuleOf(exports) {
  return `${Object.entries(exports).map(([name, value]) => `export const ${name} = ${JSON.stringify(value)};`).join('\n')}\n`;
}

module.exports = function routeContractLoader() {
  const done = this.async();
  clientExports(this.resourcePath).then(
    ({ exports, files }) => {
      for (const input of files) this.addDependency(input);
      done(null, `// generated from ${path.basename(this.resourcePath)} by config/route-contract-loader.js\n${clientModuleOf(exports)}`);
    },
    (error) => done(error),
  );
};
module.exports.clientExports = clientExports;
module.exports.clientModuleOf = clientModuleOf;
