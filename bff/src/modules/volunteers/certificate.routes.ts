import { CertificateVerificationView, CertificateView } from '@gongzhi/shared';
import { ApiRouter } from '../../platform/api-router';
import type { Guards } from '../identity/guards';
import type { CertificateService } from './certificate';

/** Issuing a service certificate (signed in) and verifying one by its number (public). */
export function certificateRoutes(guards: Guards, certificates: CertificateService): ApiRouter {
  return new ApiRouter('/api/v1')
    .route({ method: 'get', path: '/volunteers/me/certificate', summary: '开具志愿服务证明', response: CertificateView, guard: guards.requireUser }, (ctx) =>
      certificates.issueCertificate(ctx.state.user!),
    )
    .route({ method: 'get', path: '/volunteer-certificates/:number', summary: '核验志愿服务证明（公开，仅姓名脱敏与累计时长）', response: CertificateVerificationView }, (ctx) =>
      certificates.verifyCertificate(ctx.params?.number ?? ''),
    );
}
