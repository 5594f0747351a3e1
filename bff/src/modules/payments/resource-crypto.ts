import { createDecipheriv } from 'node:crypto';
import { PaymentGatewayError } from './payment-errors';

export interface EncryptedResource {
  algorithm: string;
  ciphertext: string;
  associated_data?: string;
  nonce: string;
}

const TAG_BYTES = 16;

/**
 * AEAD_AES_256_GCM as WeChat Pay uses it (base64 of ciphertext ‖ tag), with the tag checked: the
 * SDK's own decipher never calls final(), so a changed tag or ciphertext would pass there.
 */
export function decryptResource(resource: EncryptedResource, apiV3Key: string): string {
  if (resource.algorithm !== 'AEAD_AES_256_GCM') throw new PaymentGatewayError('malformed', `unknown algorithm ${resource.algorithm}`);
  const bytes = Buffer.from(resource.ciphertext, 'base64');
  if (bytes.length <= TAG_BYTES) throw new PaymentGatewayError('decrypt', 'ciphertext too short');
  try {
    const decipher = createDecipheriv('aes-256-gcm', Buffer.from(apiV3Key), Buffer.from(resource.nonce));
    decipher.setAuthTag(bytes.subarray(bytes.length - TAG_BYTES));
    decipher.setAAD(Buffer.from(resource.associated_data ?? ''));
    return Buffer.concat([decipher.update(bytes.subarray(0, bytes.length - TAG_BYTES)), decipher.final()]).toString('utf8');
  } catch {
    throw new PaymentGatewayError('decrypt', 'the resource does not decrypt under the APIv3 key (tampered or another key)');
  }
}
