import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createCipheriv, createSign, createVerify, generateKeyPairSync, randomBytes, X509Certificate, type KeyObject } from 'node:crypto';

/** The simulator's platform identity: one RSA key, published both as a certificate and as a public key. */
export interface PlatformIdentity {
  privateKey: KeyObject;
  publicKeyPem: string;
  certificatePem: string;
  /** the certificate's serial (upper-case hex, as WeChat writes it) */
  certificateSerial: string;
  /** the id WeChat Pay gives its public key in the merchant console */
  publicKeyId: string;
}

let shared: PlatformIdentity | undefined;

/**
 * The identity of this process's simulators: made once (an RSA key and an openssl call cost a few
 * hundred milliseconds, and every test server starts a simulator), different in every process.
 */
export function platformIdentity(): PlatformIdentity {
  return (shared ??= createPlatformIdentity());
}

export function createPlatformIdentity(): PlatformIdentity {
  const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const privatePem = privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
  const serial = randomBytes(20);
  serial[0] = serial[0]! & 0x7f; // a positive integer, as X.509 wants
  // Node makes keys but not certificates: openssl signs a self-signed one (the key file lives only for that call).
  const dir = mkdtempSync(path.join(os.tmpdir(), 'wechatpay-sim-'));
  let certificatePem: string;
  try {
    const keyFile = path.join(dir, 'key.pem');
    writeFileSync(keyFile, privatePem, { mode: 0o600 });
    certificatePem = execFileSync(
      'openssl',
      ['req', '-x509', '-new', '-key', keyFile, '-days', '3650', '-subj', '/C=CN/O=Tenpay.com/CN=Tenpay.com Simulator', '-set_serial', `0x${serial.toString('hex')}`],
      { stdio: ['ignore', 'pipe', 'pipe'] },
    ).toString();
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  return {
    privateKey,
    publicKeyPem: publicKey.export({ type: 'spki', format: 'pem' }).toString(),
    certificatePem,
    certificateSerial: new X509Certificate(certificatePem).serialNumber.toUpperCase(),
    publicKeyId: `PUB_KEY_ID_0119${randomBytes(14).toString('hex').toUpperCase()}`,
  };
}

export function signSha256Rsa(message: string, key: KeyObject | string): string {
  return createSign('RSA-SHA256').update(message).sign(key, 'base64');
}

export function verifySha256Rsa(message: string, signature: string, key: KeyObject | string): boolean {
  try {
    return createVerify('RSA-SHA256').update(message).verify(key, signature, 'base64');
  } catch {
    return false;
  }
}

/** The fields of `Authorization: WECHATPAY2-SHA256-RSA2048 mchid="…",nonce_str="…",…`. */
export function parseAuthorization(header: string | undefined): Record<string, string> | undefined {
  const prefix = 'WECHATPAY2-SHA256-RSA2048 ';
  if (!header?.startsWith(prefix)) return undefined;
  const fields: Record<string, string> = {};
  for (const [, name, value] of header.slice(prefix.length).matchAll(/(\w+)="([^"]*)"/g)) fields[name!] = value!;
  return fields;
}

/** AEAD_AES_256_GCM as WeChat Pay uses it: base64(ciphertext ‖ 16-byte tag). */
export function encryptResource(plaintext: string, apiV3Key: string, associatedData: string) {
  const nonce = randomBytes(6).toString('hex'); // 12 characters, as WeChat's nonces are
  const cipher = createCipheriv('aes-256-gcm', Buffer.from(apiV3Key), Buffer.from(nonce));
  cipher.setAAD(Buffer.from(associatedData));
  const ciphertext = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final(), cipher.getAuthTag()]).toString('base64');
  return { algorithm: 'AEAD_AES_256_GCM', ciphertext, associated_data: associatedData, nonce };
}

export function randomNonce(): string {
  return randomBytes(16).toString('hex').toUpperCase();
}
