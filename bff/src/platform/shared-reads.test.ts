import { sharedReads } from './shared-reads';

describe('sharedReads', () => {
  it('sends one read for the requests that arrive while it runs, and a new one after it answered', async () => {
    const reads: string[] = [];
    let release!: (v: number) => void;
    const read = sharedReads((key) => {
      reads.push(key);
      return new Promise<number>((resolve) => (release = resolve));
    });
    const first = [read('a'), read('a'), read('a')];
    expect(reads).toEqual(['a']);
    release(1);
    expect(await Promise.all(first)).toEqual([1, 1, 1]);
    const after = read('a');
    expect(reads).toEqual(['a', 'a']);
    release(2);
    expect(await after).toBe(2);
  });

  it('keeps keys apart and lets a failed read be tried again', async () => {
    let n = 0;
    const read = sharedReads(async (key) => {
      n++;
      if (key === 'bad' && n === 1) throw new Error('down');
      return key.length;
    });
    await expect(read('bad')).rejects.toThrow('down');
    expect(await Promise.all([read('bad'), read('ok!')])).toEqual([3, 3]);
    expect(n).toBe(3);
  });
});
