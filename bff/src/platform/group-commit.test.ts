import { groupCommit } from './group-commit';

describe('groupCommit', () => {
  it('writes one key\'s callers who arrive during a batch as the next batch, in order, keys apart, each answered for itself', async () => {
    const batches: string[][] = [];
    let release!: () => void;
    const first = new Promise<void>((r) => (release = r));
    const commit = groupCommit<string, string>(async (key, batch) => {
      batches.push(batch.map((w) => `${key}:${w.item}`));
      if (batches.length === 1) await first;
      batch.forEach((w) => (w.item === 'bad' ? w.reject(new Error('refused')) : w.resolve(w.item.toUpperCase())));
    });
    const alone = commit('a', 'x');
    const later = [commit('a', 'y'), commit('a', 'bad').catch((e: Error) => e.message), commit('a', 'z'), commit('b', 'w')];
    release();
    expect(await Promise.all([alone, ...later])).toEqual(['X', 'Y', 'refused', 'Z', 'W']);
    expect(batches).toEqual([['a:x'], ['b:w'], ['a:y', 'a:bad', 'a:z']]);
  });

  it('rejects every entry a failed batch left unanswered, and takes new callers after it', async () => {
    let fail = true;
    const commit = groupCommit<number, number>(async (_key, batch) => {
      if (fail) throw new Error('down');
      batch.forEach((w) => w.resolve(w.item * 2));
    });
    await expect(commit('k', 1)).rejects.toThrow('down');
    fail = false;
    expect(await commit('k', 2)).toBe(4);
  });
});
