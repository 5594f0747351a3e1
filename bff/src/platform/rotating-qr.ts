import { createHmac, timingSafeEqual } from 'node:crypto';
import { QR_PERIOD_SECONDS } from '@gongzhi/shared';
import { AppError } from './errors';

/**
 * An organiser's rotating check-in code, for whatever people attend (a volunteer shift, an activity):
 * `<payload>.<HMAC-SHA256>` in base64url, payload = the subject's id, purpose and the issuing instant.
 * Callers key it by kind of subject, so a shift's code never opens an activity with the same id. It is valid in the period it was issued in and the next one, so a code
 * scanned just before it rotates still works, and a photo sent to someone at home is useless a
 * minute later (the geofence catches the rest).
 */
export type QrPurpose = 'check_in' | 'check_out';

interface QrPayload {
  s: string;
  p: 'i' | 'o';
  /** issued at, epoch ms: a check-out token must be issued after the check-in */
  t: number;
}

const periodMs = QR_PERIOD_SECONDS * 1000;
const CLOCK_SKEW_MS = 5000;
const b64 = (buf: Buffer | string) => Buffer.from(buf).toString('base64url');
const sign = (key: string, payload: string) => createHmac('sha256', key).update(payload).digest();

export function issueQrToken(key: string, subjectId: string, purpose: QrPurpose, at: Date): { token: string; expiresAt: Date; purpose: QrPurpose } {
  const payload = b64(JSON.stringify({ s: subjectId, p: purpose === 'check_in' ? 'i' : 'o', t: at.getTime() } satisfies QrPayload));
  const period = Math.floor(at.getTime() / periodMs);
  return { token: `${payload}.${b64(sign(key, payload))}`, expiresAt: new Date((period + 2) * periodMs), purpose };
}

/** The token's issuing instant when it is genuine, for this subject and purpose, and not expired; QR_INVALID otherwise. */
export function verifyQrToken(key: string, token: string, expected: { subjectId: string; purpose: QrPurpose; at: Date }): { issuedAt: Date } {
  const [payload, mac, extra] = token.split('.');
  if (!payload || !mac || extra !== undefined) throw invalid();
  const given = Buffer.from(mac, 'base64url');
  const wanted = sign(key, payload);
  if (given.length !== wanted.length || !timingSafeEqual(given, wanted)) throw invalid();
  let claims: QrPayload;
  try {
    claims = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as QrPayload;
  } catch {
    throw invalid();
  }
  if (claims.s !== expected.subjectId || claims.p !== (expected.purpose === 'check_in' ? 'i' : 'o') || !Number.isSafeInteger(claims.t)) throw invalid();
  // Several BFF processes issue and check codes: allow their clocks a few seconds apart, no more.
  if (claims.t > expected.at.getTime() + CLOCK_SKEW_MS) throw invalid();
  const age = Math.floor(expected.at.getTime() / periodMs) - Math.floor(claims.t / periodMs);
  if (age > 1) throw invalid();
  return { issuedAt: new Date(claims.t) };
}

const invalid = () => new AppError('QR_INVALID', 400);
