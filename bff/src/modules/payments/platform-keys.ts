import { createPublicKey, createVerify, X509Certificate, type KeyObject } from 'node:crypto';
import { PaymentGatewayError } from './payment-errors';
import { decryptResource, type EncryptedResource } from './resource-crypto';

/** The four headers WeChat Pay signs with (answers and notifications alike). */
export interface WechatPaySignedHeaders {
  timestamp: string;
  nonce: string;
  signature: string;
  serial: string;
}

export function signedHeaders(headers: Record<string, string | string[] | undefined> | Headers): WechatPaySignedHeaders {
  const get = (name: string) => {
    const value = headers instanceof Headers ? headers.get(name) : headers[name];
    return (Array.isArray(value) ? value[0] : value) ?? '';
  };
  return { timestamp: get('wechatpay-timestamp'), nonce: get('wechatpay-nonce'), signature: get('wechatpay-signature'), serial: get('wechatpay-serial') };
}

/** The keys WeChat Pay signs with, by the serial it names in Wechatpay-Serial. */
export interface PlatformKeys {
  keyFor(serial: string): Promise<KeyObject>;
}

/** Checks `timestamp\nnonce\nbody\n` against the platform key the serial names. */
export async function verifyWechatPaySignature(keys: PlatformKeys, headers: WechatPaySignedHeaders, body: string): Promise<void> {
  if (!headers.signature || !headers.serial || !headers.nonce || !headers.timestamp) {
    throw new PaymentGatewayError('signature', 'WeChat Pay signature headers are missing');
  }
  const key = await keys.keyFor(headers.serial);
  let valid = false;
  try {
    valid = createVerify('RSA-SHA256').update(`${headers.timestamp}\n${headers.nonce}\n${body}\n`).verify(key, headers.signature, 'base64');
  } catch {
    valid = false;
  }
  if (!valid) throw new PaymentGatewayError('signature', `WeChat Pay signature does not verify (serial ${headers.serial})`);
}

/** Public-key mode: one key from the merchant console, named `PUB_KEY_ID_…`. No network. */
export function publicKeyPlatform(publicKeyId: string, publicKeyPem: string): PlatformKeys {
  const key = createPublicKey(publicKeyPem);
  return {
    keyFor: async (serial) => {
      if (serial !== publicKeyId) throw new PaymentGatewayError('unknown-serial', `unknown Wechatpay-Serial ${serial} (expected ${publicKeyId})`);
      return key;
    },
  };
}

export interface CertificateDownload {
  headers: WechatPaySignedHeaders;
  body: string;
}

/** Download attempts for an unknown serial are spaced out: a forger must not make us call WeChat per request. */
const REFRESH_INTERVAL_MS = 60_000;

/**
 * Certificate mode: platform certificates from GET /v3/certificates, decrypted with the APIv3 key
 * (tag checked), fetched again when a serial is unknown (WeChat rotates them), at most once a minute.
 * The download itself is verified with the certificate it contains, as WeChat Pay documents; only
 * a holder of our APIv3 key could have encrypted that certificate.
 */
export function certificatePlatform(download: () => Promise<CertificateDownload>, apiV3Key: string, now: () => number): PlatformKeys {
  const keys = new Map<string, KeyObject>();
  let lastRefresh = -Infinity;
  let refreshing: Promise<void> | undefined;

  async function refresh(): Promise<void> {
    const { headers, body } = await download();
    const list = (JSON.parse(body) as { data?: Array<{ serial_no: string; expire_time: string; encrypt_certificate: EncryptedResource }> }).data ?? [];
    const found = new Map<string, KeyObject>();
    for (const item of list) {
      const cert = new X509Certificate(decryptResource(item.encrypt_certificate, apiV3Key));
      if (cert.serialNumber.toUpperCase() !== item.serial_no.toUpperCase()) throw new PaymentGatewayError('malformed', 'certificate serial does not match its entry');
      if (Date.parse(cert.validTo) < now()) continue;
      found.set(item.serial_no.toUpperCase(), cert.publicKey);
    }
    const signer = found.get(headers.serial.toUpperCase()) ?? keys.get(headers.serial.toUpperCase());
    if (!signer) throw new PaymentGatewayError('unknown-serial', `the certificate list is signed by ${headers.serial}, which it does not contain`);
    await verifyWechatPaySignature({ keyFor: async () => signer }, headers, body);
    for (const [serial, key] of found) keys.set(serial, key);
  }

  return {
    async keyFor(serial) {
      const known = keys.get(serial.toUpperCase());
      if (known) return known;
      if (now() - lastRefresh >= REFRESH_INTERVAL_MS) {
        lastRefresh = now();
        refreshing ??= refresh().finally(() => (refreshing = undefined));
      }
      if (refreshing) await refreshing;
      const fetched = keys.get(serial.toUpperCase());
      if (!fetched) throw new PaymentGatewayError('unknown-serial', `no WeChat Pay platform certificate with serial ${serial}`);
      return fetched;
    },
  };
}
