import { volunteerApi as api } from '@gongzhi/shared';
import { ApiRouter } from '../../../platform/api-router';
import { limitRate } from '../../../platform/rate-limit';
import type { Guards } from '../../identity/guards';
import type { CertificateService } from './certificate.service';

/**
 * Verification needs no login, so numbers could be guessed in bulk. A person checking a certificate
 * needs a handful of calls a minute; this allows 20 per client IP per minute.
 */
export const VERIFY_RATE_LIMIT = { windowSeconds: 60, max: 20 } as const;

/** Issuing a service certificate (signed in) and verifying one by its number (public). */
export function certificateRoutes(guards: Guards, certificates: CertificateService): ApiRouter {
  return new ApiRouter(guards)
    .mount(api.certificate, (ctx) => certificates.issueCertificate(ctx.state.user!))
    .mount(api.verifyCertificate, (_ctx, { params }) => certificates.verifyCertificate(params.number), {
      // counted per route, not per path: the path carries the number, and every guessed number
      // would otherwise get a fresh allowance
      use: [limitRate({ ...VERIFY_RATE_LIMIT, key: `GET ${api.verifyCertificate.path}` })],
    })
    .mount(api.certificateIssuer, (ctx, { params }) => certificates.getIssuer(ctx.state.user!, params.communityId))
    .mount(api.setCertificateIssuer, (ctx, { params, body }) => certificates.setIssuer(ctx.state.user!, params.communityId, body, ctx.state.requestId));
}
