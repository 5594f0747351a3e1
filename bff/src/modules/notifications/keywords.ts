/** WeChat's keyword limits: thing ≤ 20 characters, character_string ≤ 32 letters/digits/symbols, phrase ≤ 5 Chinese characters. */
export function thing(text: string): string {
  const chars = Array.from(text.trim());
  return chars.length <= 20 ? chars.join('') : chars.slice(0, 19).join('') + '…';
}

export function characterString(text: string): string {
  return text.replace(/[^\w-]/g, '').slice(0, 32);
}
