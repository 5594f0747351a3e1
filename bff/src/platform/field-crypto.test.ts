import { randomBytes } from 'node:crypto';
import { createFieldCipher, FieldCryptoError, parseKeyRing } from './field-crypto';

const k1 = randomBytes(32);
const k2 = randomBytes(32);
const indexKey = randomBytes(32);
const idNumber = '11010519491231002X';

const cipherWith = (currentKeyId: string, keys: Record<string, Buffer> = { k1, k2 }, blindIndexKey = indexKey) =>
  createFieldCipher({ keys, currentKeyId, blindIndexKey });

/** Flips one bit in the given base64url part of a stored value. */
function flipBit(stored: string, part: number): string {
  const parts = stored.split('.');
  const bytes = Buffer.from(parts[part]!, 'base64url');
  bytes[0] = bytes[0]! ^ 1;
  parts[part] = bytes.toString('base64url');
  return parts.join('.');
}

describe('encrypting a field', () => {
  const cipher = cipherWith('k1');

  it('when a value is encrypted, then it decrypts to itself and the stored form names version and key', () => {
    const stored = cipher.encrypt(idNumber);
    expect(stored).toMatch(/^v1\.k1\.[A-Za-z0-9_-]{16}\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]{22}$/);
    expect(stored).not.toContain(idNumber);
    expect(cipher.decrypt(stored)).toBe(idNumber);
    expect(cipher.decrypt(cipher.encrypt('张三 13800138000'))).toBe('张三 13800138000');
    expect(cipher.decrypt(cipher.encrypt(''))).toBe('');
  });

  it('when the same value is encrypted twice, then the stored forms differ (random IV)', () => {
    expect(cipher.encrypt(idNumber)).not.toBe(cipher.encrypt(idNumber));
  });

  it.each([
    ['the IV', 2],
    ['the ciphertext', 3],
    ['the tag', 4],
  ])('when one bit of %s is changed, then decryption throws', (_part, index) => {
    const tampered = flipBit(cipher.encrypt(idNumber), index);
    expect(() => cipher.decrypt(tampered)).toThrow(FieldCryptoError);
  });

  it('when a value is relabelled with another key id, then decryption throws', () => {
    const relabelled = cipher.encrypt(idNumber).replace(/^v1\.k1\./, 'v1.k2.');
    expect(() => cipher.decrypt(relabelled)).toThrow(FieldCryptoError);
  });

  it.each(['', 'plain text', 'v2.k1.a.b.c', 'v1.k1.AAAA.AAAA', 'v1.k9.AAAAAAAAAAAAAAAA.AA.AAAAAAAAAAAAAAAAAAAAAA'])(
    'when the stored value is %j, then decryption throws a clear error',
    (stored) => {
      expect(() => cipher.decrypt(stored)).toThrow(FieldCryptoError);
    },
  );
});

describe('rotating keys', () => {
  it('when the current key changes, then new values use it and old values still decrypt', () => {
    const before = cipherWith('k1').encrypt(idNumber);
    const after = cipherWith('k2');
    const fresh = after.encrypt(idNumber);
    expect(fresh.startsWith('v1.k2.')).toBe(true);
    expect(after.decrypt(before)).toBe(idNumber);
    expect(after.decrypt(fresh)).toBe(idNumber);
  });

  it('when an old key is removed from the ring, then values under it no longer decrypt', () => {
    const underK1 = cipherWith('k1').encrypt(idNumber);
    expect(() => cipherWith('k2', { k2 }).decrypt(underK1)).toThrow(/no field key with id "k1"/);
  });
});

describe('blind index', () => {
  const cipher = cipherWith('k1');

  it('when the same value is indexed twice, under any encryption key, then the index is the same', () => {
    expect(cipher.blindIndex('idNumber', idNumber)).toBe(cipherWith('k2').blindIndex('idNumber', idNumber));
    expect(cipher.blindIndex('idNumber', idNumber)).toMatch(/^[0-9a-f]{64}$/);
  });

  it('when an ID number differs only in the case of its X or in spaces, then the index is the same', () => {
    expect(cipher.blindIndex('idNumber', '11010519491231002x')).toBe(cipher.blindIndex('idNumber', idNumber));
    expect(cipher.blindIndex('idNumber', ' 110105 19491231 002X ')).toBe(cipher.blindIndex('idNumber', idNumber));
    expect(cipher.blindIndex('phone', '138 0013-8000')).toBe(cipher.blindIndex('phone', '13800138000'));
  });

  it('when values, kinds or index keys differ, then the indexes differ', () => {
    const base = cipher.blindIndex('phone', '13800138000');
    expect(cipher.blindIndex('phone', '13800138001')).not.toBe(base);
    expect(cipher.blindIndex('idNumber', '13800138000')).not.toBe(base);
    expect(cipherWith('k1', { k1, k2 }, randomBytes(32)).blindIndex('phone', '13800138000')).not.toBe(base);
  });
});

describe('configuring the cipher', () => {
  it('when the current key id is not in the ring, then creation fails', () => {
    expect(() => cipherWith('k3')).toThrow(/"k3" is not in the key ring/);
  });

  it('when the blind-index key equals an encryption key, then creation fails', () => {
    expect(() => cipherWith('k1', { k1, k2 }, Buffer.from(k2))).toThrow(/must differ/);
  });

  it('when a key is not 32 bytes, then creation fails', () => {
    expect(() => cipherWith('k1', { k1: randomBytes(16) })).toThrow(/must be 32 bytes, got 16/);
  });
});

describe('parseKeyRing', () => {
  it('when given ids and base64 keys, then it returns the keys by id', () => {
    const ring = parseKeyRing(`k1:${k1.toString('base64')}, k2:${k2.toString('base64url')}`);
    expect(Object.keys(ring)).toEqual(['k1', 'k2']);
    expect(ring.k1!.equals(k1)).toBe(true);
    expect(ring.k2!.equals(k2)).toBe(true);
  });

  it.each([
    ['', /empty/],
    [k1.toString('base64'), /no "<id>:" prefix/],
    [`k1:${randomBytes(16).toString('base64')}`, /must be 32 bytes, got 16/],
    ['k1:not base64!', /not base64/],
    [`k.1:${k1.toString('base64')}`, /invalid id/],
    [`k1:${k1.toString('base64')},k1:${k2.toString('base64')}`, /appears twice/],
  ])('when the spec is malformed (%#), then it throws %s', (spec, message) => {
    expect(() => parseKeyRing(spec)).toThrow(message);
  });

  it('when a key is rejected, then the error does not echo the key material', () => {
    const short = randomBytes(16).toString('base64');
    expect(() => parseKeyRing(`k1:${short}`)).toThrow(expect.objectContaining({ message: expect.not.stringContaining(short) }));
  });
});
