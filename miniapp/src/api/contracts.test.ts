import { readFileSync } from 'node:fs';
import path from 'node:path';
import * as shared from '@gongzhi/shared';
import type { RouteContract } from '@gongzhi/shared';
import { sourceFiles } from '../../test/source-files';

/**
 * The mini-program reaches the BFF only through route contracts (shared/src/<domain>.api.ts) and
 * api.call: no path, method or answer type is written by hand on this side.
 */
const contracts = Object.entries(shared)
  .filter(([name, group]) => name.endsWith('Api') && typeof group === 'object' && group !== null)
  .flatMap(([, group]) => Object.values(group as Record<string, RouteContract>))
  .filter((c) => typeof c?.path === 'string' && typeof c?.method === 'string');

/** The first segment of every API path: `complaints`, `volunteer-shifts`, `me`… */
const segments = [...new Set(contracts.map((c) => c.path.split('/')[1]!))];
const handWrittenPath = new RegExp(`['"\`]/(api/v1/)?(${segments.map((s) => s.replace(/[.-]/g, '\\$&')).join('|')})(/|['"\`?$])`);

const code = sourceFiles(path.join(__dirname, '..'))
  .filter((file) => !/\.test\.tsx?$/.test(file))
  .map((file) => ({ file: path.relative(path.join(__dirname, '..'), file), text: readFileSync(file, 'utf8') }));

describe('calls go through the route contracts', () => {
  it('when the contracts are read, then they name the paths this check looks for', () => {
    expect(segments).toEqual(expect.arrayContaining(['complaints', 'me', 'volunteer-shifts', 'messages', 'staff']));
  });

  it('when the code is searched, then no API path is written by hand', () => {
    const offenders = code.filter(({ text }) => handWrittenPath.test(text)).map(({ file, text }) => `${file}: ${text.match(handWrittenPath)![0]}`);
    expect(offenders).toEqual([]);
  });

  it('when the code is searched, then nothing sends by method and path but the client (everything else calls a contract)', () => {
    const sendsByPath = ({ file, text }: { file: string; text: string }) =>
      /\bapi\.request\b/.test(text) || (file !== path.join('api', 'taro-transport.ts') && /\bTaro\.request\(/.test(text));
    const offenders = code.filter(sendsByPath).map(({ file }) => file);
    expect(offenders).toEqual([]);
  });
});
