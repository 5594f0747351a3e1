import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import * as shared from '@gongzhi/shared';
import { API_BASE, type RouteContract } from '@gongzhi/shared';
import { startTestServer, type TestServer } from './http';

/**
 * One route contract per endpoint (shared/src/<domain>.api.ts): every contract is mounted, and
 * nothing is routed that is not a contract. The API document is built from what was mounted, so it
 * is the witness for the first; the second is read from the source.
 */
const isContract = (v: unknown): v is RouteContract =>
  typeof v === 'object' && v !== null && typeof (v as RouteContract).method === 'string' && typeof (v as RouteContract).path === 'string' && 'access' in v;

const contracts = Object.entries(shared)
  .filter(([name, group]) => name.endsWith('Api') && typeof group === 'object' && group !== null)
  .flatMap(([name, group]) => Object.entries(group as Record<string, unknown>).filter(([, c]) => isContract(c)).map(([key, c]) => ({ name: `${name}.${key}`, contract: c as RouteContract })));

const operationOf = (c: RouteContract) => `${c.method} ${(c.base ?? API_BASE) + c.path.replace(/:(\w+)/g, '{$1}')}`;

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((entry) => {
    const path = join(dir, entry);
    if (statSync(path).isDirectory()) return sourceFiles(path);
    return /\.ts$/.test(entry) && !/\.test\.ts$/.test(entry) ? [path] : [];
  });
}

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer('route-contracts');
});
afterAll(() => server.close());

describe('route contracts', () => {
  it('when the contracts are listed, then there are many and no two name the same method and path', () => {
    expect(contracts.length).toBeGreaterThan(70);
    const operations = contracts.map((c) => operationOf(c.contract));
    expect(operations.filter((op, i) => operations.indexOf(op) !== i)).toEqual([]);
  });

  it('when the API document is read, then it lists exactly the contracts: each mounted, nothing else', async () => {
    const doc = (await server.call('GET', '/openapi.json')).body as { paths: Record<string, Record<string, unknown>> };
    const documented = Object.entries(doc.paths).flatMap(([path, ops]) => Object.keys(ops).map((m) => `${m.toUpperCase()} ${path}`));
    expect(documented.sort()).toEqual(contracts.map((c) => operationOf(c.contract)).sort());
  });

  it('when a guarded contract is documented, then it is marked bearer-secured and names its roles', async () => {
    const doc = (await server.call('GET', '/openapi.json')).body as { paths: Record<string, Record<string, { security?: unknown; 'x-roles'?: unknown }>> };
    for (const { contract } of contracts) {
      const op = doc.paths[(contract.base ?? API_BASE) + contract.path.replace(/:(\w+)/g, '{$1}')]![contract.method.toLowerCase()]!;
      expect({ route: operationOf(contract), secured: op.security !== undefined }).toEqual({ route: operationOf(contract), secured: contract.access !== 'public' });
      if (Array.isArray(contract.access)) expect(op['x-roles']).toEqual(contract.access);
    }
  });

  it('when the BFF source is read, then routes are added only by ApiRouter.mount', () => {
    const src = join(__dirname, '..', 'src');
    const offenders = sourceFiles(src)
      .filter((file) => !file.endsWith(join('platform', 'api-router.ts')))
      .filter((file) => /\.(get|post|put|patch|delete|all)\(\s*['"`/]/.test(readFileSync(file, 'utf8').replace(/ctx\.(get|set)\(/g, '')) && /@koa\/router|\.router\b/.test(readFileSync(file, 'utf8')));
    expect(offenders).toEqual([]);
  });

  it('when a path param is malformed, then the contract answers 404 with its own code and the handler is not reached', async () => {
    expect((await server.call('GET', '/api/v1/volunteer-certificates/not-a-number')).body.error.code).toBe('CERTIFICATE_NOT_FOUND');
    expect((await server.call('GET', '/open311/v2/requests/%7B%24gt%3A%22%22%7D.json')).body).toEqual([{ code: 404, description: expect.any(String) }]);
    // a guarded route checks who is calling first: an anonymous probe learns nothing about ids
    expect((await server.call('GET', '/api/v1/complaints/zzz', { token: 'forged' })).status).toBe(401);
  });
});
