import { createCipheriv, createDecipheriv, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

/**
 * Encryption of personal fields at rest (ID numbers, phone numbers).
 *
 * Stored form: `v1.<kid>.<iv>.<ciphertext>.<tag>`, parts base64url, AES-256-GCM with a random
 * 12-byte IV. `v1.<kid>` is bound as associated data, so a value cannot be relabelled with another
 * key id. New values use the current key; old values stay readable while their key is in the ring,
 * which is how a key is rotated.
 *
 * Lookups ("is this ID number registered?") use a blind index: an HMAC under a separate key, so the
 * index reveals nothing without that key and equal inputs give equal indexes.
 */
export interface FieldCipher {
  encrypt(plain: string): string;
  decrypt(stored: string): string;
  blindIndex(kind: BlindIndexKind, plain: string): string;
}

export type BlindIndexKind = 'idNumber' | 'phone';

export class FieldCryptoError extends Error {
  override name = 'FieldCryptoError';
}

const VERSION = 'v1';
const KEY_BYTES = 32;
const IV_BYTES = 12;
const TAG_BYTES = 16;
const KEY_ID = /^[A-Za-z0-9_-]{1,32}$/;

export function createFieldCipher(opts: {
  keys: Record<string, Buffer>;
  currentKeyId: string;
  blindIndexKey: Buffer;
}): FieldCipher {
  for (const [kid, key] of Object.entries(opts.keys)) checkKey(kid, key);
  const currentKey = Object.hasOwn(opts.keys, opts.currentKeyId) ? opts.keys[opts.currentKeyId] : undefined;
  if (!currentKey) throw new FieldCryptoError(`the current field key id "${opts.currentKeyId}" is not in the key ring`);
  if (opts.blindIndexKey.length < KEY_BYTES) {
    throw new FieldCryptoError(`the blind-index key must be at least ${KEY_BYTES} bytes`);
  }
  // One key for two purposes would tie the index's secrecy to the ciphertexts'.
  if (Object.values(opts.keys).some((key) => key.length === opts.blindIndexKey.length && timingSafeEqual(key, opts.blindIndexKey))) {
    throw new FieldCryptoError('the blind-index key must differ from every field encryption key');
  }

  return {
    encrypt(plain) {
      const iv = randomBytes(IV_BYTES);
      const cipher = createCipheriv('aes-256-gcm', currentKey, iv);
      cipher.setAAD(Buffer.from(`${VERSION}.${opts.currentKeyId}`));
      const ciphertext = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
      return [VERSION, opts.currentKeyId, iv, ciphertext, cipher.getAuthTag()]
        .map((part) => (typeof part === 'string' ? part : part.toString('base64url')))
        .join('.');
    },

    decrypt(stored) {
      const parts = stored.split('.');
      const [version, kid, iv, ciphertext, tag] = parts;
      if (parts.length !== 5 || version !== VERSION || kid === undefined) {
        throw new FieldCryptoError('not an encrypted field value');
      }
      const key = Object.hasOwn(opts.keys, kid) ? opts.keys[kid] : undefined;
      if (!key) throw new FieldCryptoError(`no field key with id "${kid}" in the key ring`);
      const ivBytes = Buffer.from(iv ?? '', 'base64url');
      const tagBytes = Buffer.from(tag ?? '', 'base64url');
      if (ivBytes.length !== IV_BYTES || tagBytes.length !== TAG_BYTES) {
        throw new FieldCryptoError('malformed encrypted field value');
      }
      try {
        const decipher = createDecipheriv('aes-256-gcm', key, ivBytes, { authTagLength: TAG_BYTES });
        decipher.setAAD(Buffer.from(`${VERSION}.${kid}`));
        decipher.setAuthTag(tagBytes);
        return Buffer.concat([decipher.update(Buffer.from(ciphertext ?? '', 'base64url')), decipher.final()]).toString('utf8');
      } catch {
        throw new FieldCryptoError('encrypted field value failed authentication (tampered or wrong key)');
      }
    },

    blindIndex(kind, plain) {
      return createHmac('sha256', opts.blindIndexKey).update(`${kind}:${normalise(kind, plain)}`).digest('hex');
    },
  };
}

/** Equal values in different spellings ("11010519491231002x" vs "…002X", "138 0013 8000") index alike. */
function normalise(kind: BlindIndexKind, plain: string): string {
  const compact = plain.replace(/[\s-]/g, '');
  return kind === 'idNumber' ? compact.toUpperCase() : compact;
}

/** `k1:<base64 of 32 bytes>,k2:<base64>` → key id → key. Errors never echo key material. */
export function parseKeyRing(spec: string): Record<string, Buffer> {
  const ring: Record<string, Buffer> = {};
  const entries = spec.split(',').map((entry) => entry.trim()).filter((entry) => entry !== '');
  if (entries.length === 0) throw new FieldCryptoError('the field key ring is empty (expected "k1:<base64 32 bytes>")');
  for (const [index, entry] of entries.entries()) {
    const separator = entry.indexOf(':');
    if (separator < 0) throw new FieldCryptoError(`field key #${index + 1} has no "<id>:" prefix`);
    const kid = entry.slice(0, separator);
    const encoded = entry.slice(separator + 1);
    if (!KEY_ID.test(kid)) throw new FieldCryptoError(`field key #${index + 1} has an invalid id (letters, digits, _ and - only)`);
    if (Object.hasOwn(ring, kid)) throw new FieldCryptoError(`field key id "${kid}" appears twice`);
    if (!/^[A-Za-z0-9+/_-]+={0,2}$/.test(encoded)) throw new FieldCryptoError(`field key "${kid}" is not base64`);
    const key = Buffer.from(encoded, encoded.includes('-') || encoded.includes('_') ? 'base64url' : 'base64');
    checkKey(kid, key);
    ring[kid] = key;
  }
  return ring;
}

function checkKey(kid: string, key: Buffer): void {
  if (!KEY_ID.test(kid)) throw new FieldCryptoError(`field key id "${kid}" is invalid (letters, digits, _ and - only)`);
  if (key.length !== KEY_BYTES) {
    throw new FieldCryptoError(`field key "${kid}" must be ${KEY_BYTES} bytes, got ${key.length}`);
  }
}
