/**
 * One Idempotency-Key per submission: a retry of the same body (a lost response, a double tap)
 * sends the same key, so the BFF returns the complaint it already filed; once the resident edits
 * the form it is a new submission with a new key (the BFF refuses a reused key with another body).
 */
export function createSubmission(newKey: () => string = randomKey) {
  let current: { fingerprint: string; key: string } | undefined;
  return {
    keyFor(body: unknown): string {
      const fingerprint = JSON.stringify(body);
      if (current?.fingerprint !== fingerprint) current = { fingerprint, key: newKey() };
      return current.key;
    },
  };
}

/** 32 hex characters: unique enough to tell one resident's submissions apart, not a secret. */
export function randomKey(): string {
  const bytes = new Uint8Array(16);
  if (typeof globalThis.crypto?.getRandomValues === 'function') globalThis.crypto.getRandomValues(bytes);
  else for (let i = 0; i < bytes.length; i++) bytes[i] = Math.floor(Math.random() * 256);
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}
