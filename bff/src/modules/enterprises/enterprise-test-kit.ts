/** GB 32100-2015 written out again for tests (not the code under test): the 18-character code of the first 17. */
export function creditCode(first17: string): string {
  const chars = '0123456789ABCDEFGHJKLMNPQRTUWXY';
  const weights = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];
  const sum = [...first17].reduce((acc, ch, i) => acc + chars.indexOf(ch) * weights[i]!, 0);
  return first17 + chars[(31 - (sum % 31)) % 31];
}
