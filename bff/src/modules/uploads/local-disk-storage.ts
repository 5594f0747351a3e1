import { randomBytes } from 'node:crypto';
import { mkdir, readFile, unlink, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { FileStorage } from './file-storage';

const KEY = /^[0-9a-f]{32}$/;

/** Files under one folder, fanned out by the key's first two characters so no folder grows huge. */
export function createLocalDiskStorage(dir: string): FileStorage {
  const fileOf = (key: string) => path.join(dir, key.slice(0, 2), key);
  return {
    async put(bytes) {
      const key = randomBytes(16).toString('hex');
      await mkdir(path.dirname(fileOf(key)), { recursive: true });
      // 'wx': never overwrite; a clash of 128 random bits would be a bug worth failing on.
      await writeFile(fileOf(key), bytes, { flag: 'wx' });
      return key;
    },
    async get(key) {
      if (!KEY.test(key)) return null;
      try {
        return await readFile(fileOf(key));
      } catch (err) {
        if ((err as NodeJS.ErrnoException).code === 'ENOENT') return null;
        throw err;
      }
    },
    async delete(key) {
      if (!KEY.test(key)) return;
      try {
        await unlink(fileOf(key));
      } catch (err) {
        if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
      }
    },
  };
}
