import { CertificateIssuerBody, CertificateIssuerView, CertificateVerificationView, CertificateView } from '@gongzhi/shared';
import { ApiRouter } from '../../../platform/api-router';
import { limitRate } from '../../../platform/rate-limit';
import type { Guards } from '../../identity/guards';
import type { CertificateService } from './certificate.service';

/**
 * Verification needs no login, so numbers could be guessed in bulk. A person checking a certificate
 * needs a handful of calls a minute; this allows 20 per client IP per minute.
 */
export const VERIFY_RATE_LIMIT = { windowSeconds: 60, max: 20 } as const;
const VERIFY_PATH = '/volunteer-certificates/:number';

/** Issuing a service certificate (signed in) and verifying one by its number (public). */
export function certificateRoutes(guards: Guards, certificates: CertificateService): ApiRouter {
  return new ApiRouter('/api/v1')
    .route({ method: 'get', path: '/volunteers/me/certificate', summary: '开具志愿服务证明', response: CertificateView, guard: guards.requireUser }, (ctx) =>
      certificates.issueCertificate(ctx.state.user!),
    )
    .route(
      {
        method: 'get',
        path: VERIFY_PATH,
        summary: '核验志愿服务证明（公开，仅姓名脱敏与累计时长；每个客户端每分钟限20次）',
        response: CertificateVerificationView,
        // counted per route, not per path: the path carries the number, and every guessed number
        // would otherwise get a fresh allowance
        use: [limitRate({ ...VERIFY_RATE_LIMIT, key: `GET ${VERIFY_PATH}` })],
      },
      (ctx) => certificates.verifyCertificate(ctx.params?.number ?? ''),
    )
    .route(
      { method: 'get', path: '/volunteer-certificate-issuers/:communityId', summary: '本社区志愿服务证明的负责人与联系方式（社区工作人员）', response: CertificateIssuerView, guard: guards.requireUser },
      (ctx) => certificates.getIssuer(ctx.state.user!, ctx.params?.communityId),
    )
    .route(
      {
        method: 'put',
        path: '/volunteer-certificate-issuers/:communityId',
        summary: '设置本社区志愿服务证明的负责人与联系方式（社区工作人员）',
        body: CertificateIssuerBody,
        response: CertificateIssuerView,
        guard: guards.requireUser,
      },
      (ctx, { body }) => certificates.setIssuer(ctx.state.user!, ctx.params?.communityId, body, ctx.state.requestId),
    );
}
