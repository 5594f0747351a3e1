/**
 * The one source of "now" for the BFF, so deadline and expiry logic can be tested without waiting.
 * Tests run the app in their own process and move time with setClock / advanceClock.
 */
let source: () => number = () => Date.now();

export function now(): Date {
  return new Date(source());
}

export function nowMs(): number {
  return source();
}

export function setClock(fn: () => number): void {
  source = fn;
}

/** Moves the clock forward from wherever it stands now. */
export function advanceClock(ms: number): void {
  const offset = source() - Date.now() + ms;
  source = () => Date.now() + offset;
}

export function resetClock(): void {
  source = () => Date.now();
}
