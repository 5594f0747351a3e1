import cors from '@koa/cors';
import Router from '@koa/router';
import Koa from 'koa';
import { serviceApi } from '@gongzhi/shared';
import { ApiRouter } from './platform/api-router';
import { parseJsonBody } from './platform/body';
import type { AppContext, AppState } from './platform/context';
import type { AppDeps } from './platform/deps';
import { handleErrors } from './platform/error-handler';
import { refuseForbiddenKeys } from './platform/forbidden-keys';
import { healthRoutes } from './platform/health';
import { logRequests } from './platform/logger';
import { noStoreForPersonal } from './platform/no-store';
import { openApiDocument } from './platform/openapi';
import { createRateLimitStore, useRateLimitStore } from './platform/rate-limit';
import { assignRequestId } from './platform/request-id';
import { securityHeaders } from './platform/security-headers';
import { createAccountService } from './modules/identity/account.service';
import { adminRoutes } from './modules/identity/admin.routes';
import { authRoutes } from './modules/identity/auth.routes';
import { createAuthService } from './modules/identity/auth.service';
import { createGuards } from './modules/identity/guards';
import { createInvitationService } from './modules/identity/invitations.service';
import { meRoutes } from './modules/identity/me.routes';
import { privacyNoticeRoutes } from './modules/identity/privacy-notice';
import { createRealNameService } from './modules/identity/real-name.service';
import { referenceRoutes } from './modules/reference/reference.routes';
import { assessmentRoutes } from './modules/assessment/assessment.routes';
import { assessmentCounting } from './modules/assessment/assessment-tallies';
import { createAssessmentService } from './modules/assessment/assessment.service';
import { calendarRoutes } from './modules/calendar/calendar.routes';
import { createCalendarService } from './modules/calendar/calendar.service';
import { catalogueRoutes } from './modules/catalogue/catalogue.routes';
import { createCatalogueService } from './modules/catalogue/catalogue.service';
import { complaintRoutes } from './modules/complaints/complaints.routes';
import { seesComplaintPhotos } from './modules/complaints/complaint-access';
import { createComplaintServices } from './modules/complaints/complaint-services';
import { staffComplaintRoutes } from './modules/complaints/staff.routes';
import { answerOpen311Errors, OPEN311_PREFIX, open311Routes } from './modules/open311/open311.routes';
import { createOpen311Service } from './modules/open311/open311.service';
import { createLocalDiskStorage } from './modules/uploads/local-disk-storage';
import { uploadRoutes } from './modules/uploads/uploads.routes';
import { createUploadService } from './modules/uploads/uploads.service';
import { volunteerRoutes } from './modules/volunteers';
import { notificationRoutes } from './modules/notifications/notifications.routes';
import { createPollService } from './modules/polls/polls.service';
import { pollRoutes } from './modules/polls/polls.routes';
import { budgetingRoutes } from './modules/budgeting/budgeting.routes';
import { createBudgetingService } from './modules/budgeting/budgeting.service';
import { aidRoutes } from './modules/mutual-aid/aid.routes';
import { activityRoutes } from './modules/activities/activities.routes';
import { enterpriseRoutes } from './modules/enterprises/enterprises.routes';
import { createEnterpriseService } from './modules/enterprises/enterprises.service';
import { createServiceDesk } from './modules/enterprises/service-desk';
import { noticeTo } from './modules/notifications/notices';
import { now, nowMs } from './platform/clock';
import { photoRemovedNotice } from './modules/notifications/templates';
import { mediaLink, mediaLinkValid } from './modules/uploads/media-check';
import { mediaLinkRoutes, wechatPushRoutes } from './modules/uploads/media-check.routes';
import { createPaymentGateway, paymentGatewayConfig } from './modules/payments/payment-gateway';
import { createActivityService } from './modules/activities/activities.service';
import { createAidSafety } from './modules/mutual-aid/aid-safety';
import { createAidService } from './modules/mutual-aid/aid.service';
import { seesProposalPhotos } from './modules/proposals/proposal-access';
import { proposalRoutes } from './modules/proposals/proposals.routes';
import { createProposalService } from './modules/proposals/proposals.service';

/** Assembles the middleware and every module's routes into one Koa app. */
export function createApp(deps: AppDeps): Koa<AppState> {
  const guards = createGuards(deps);
  const auth = createAuthService(deps);
  const invitations = createInvitationService(deps);
  const complaints = createComplaintServices(deps, assessmentCounting);
  const aid = createAidService(deps);
  const polls = createPollService(deps);
  const activities = createActivityService(deps, createPaymentGateway(paymentGatewayConfig(deps.config), { conn: deps.conn }));
  const enterprises = createEnterpriseService(deps);
  const desk = createServiceDesk(deps, enterprises);
  // Every limit counts in the database, so that all BFF processes share one allowance per client.
  const rateLimits = createRateLimitStore(deps.conn, deps.logger);
  const uploads = createUploadService({
    conn: deps.conn,
    storage: createLocalDiskStorage(deps.config.uploads.dir),
    limits: deps.config.uploads,
    rateLimits,
    checkImage: (bytes, contentType) => deps.wechat.checkImage({ bytes, contentType }),
    mediaCheck: {
      link: (id, expires) => mediaLink(deps.config.secrets.mediaUrlKey, deps.config.wechat.publicBaseUrl, id, expires),
      linkValid: (id, expires, sig) => mediaLinkValid(deps.config.secrets.mediaUrlKey, id, expires, sig, nowMs()),
      start: (mediaUrl, openid) => deps.wechat.checkMediaAsync({ mediaUrl, openid, scene: 1 }),
      onRisky: async (upload) => {
        await noticeTo(deps.conn, { key: `photo-removed:${upload._id.toHexString()}`, kind: 'photo_removed', userId: upload.ownerId, subjectId: upload._id }, photoRemovedNotice(now()));
      },
    },
    seesPhotosOf: (user, upload) =>
      upload.complaintId
        ? seesComplaintPhotos(deps.conn, user, upload.complaintId)
        : upload.proposalId
          ? seesProposalPhotos(deps.conn, user, upload.proposalId)
          : upload.pollId
            ? polls.seesCover(user, upload.pollId)
            : upload.activityId
              ? activities.seesCover(user, upload.activityId)
              : upload.enterpriseCaseId
                ? desk.seesPhotos(user, upload.enterpriseCaseId)
                : upload.enterpriseId
                  ? enterprises.seesLicence(user, upload.enterpriseId)
                  : aid.seesPhotos(user, upload),
  });
  const routers: ApiRouter[] = [
    healthRoutes(deps.conn),
    authRoutes(deps, auth),
    meRoutes(deps, guards, {
      realName: createRealNameService(deps),
      account: createAccountService(deps, auth),
      invitations,
    }),
    adminRoutes(guards, invitations),
    referenceRoutes(deps),
    privacyNoticeRoutes(),
    calendarRoutes(guards, createCalendarService(deps)),
    catalogueRoutes(guards, createCatalogueService(deps)),
    open311Routes(guards, createOpen311Service(deps, complaints)),
    complaintRoutes(guards, complaints),
    staffComplaintRoutes(guards, complaints),
    uploadRoutes(guards, uploads, deps.config.uploads.rateLimit),
    mediaLinkRoutes(uploads),
    wechatPushRoutes(uploads, deps.config.secrets.wechatPushToken),
    assessmentRoutes(deps, guards, createAssessmentService(deps)),
    ...volunteerRoutes(deps, guards),
    notificationRoutes(deps, guards),
    pollRoutes(guards, polls),
    budgetingRoutes(guards, createBudgetingService(deps)),
    aidRoutes(guards, aid, createAidSafety(aid)),
    activityRoutes(guards, activities),
    enterpriseRoutes(guards, enterprises, desk),
    proposalRoutes(guards, createProposalService(deps)),
  ];
  // the document lists itself too: it is built once, after every router (its own included) is mounted
  let document: Record<string, unknown> = {};
  routers.push(new ApiRouter().mount(serviceApi.openapi, async () => document));
  document = openApiDocument(routers, { title: 'Gongzhi 共治 BFF', version: '1' });

  // ctx.ip: the address our own nearest proxy saw, never an entry the client wrote into X-Forwarded-For.
  const app = new Koa<AppState>({ proxy: deps.config.http.trustProxy, maxIpsCount: deps.config.http.maxIpsCount });
  useRateLimitStore(app, rateLimits);
  const use = (mw: (ctx: AppContext, next: () => Promise<unknown>) => Promise<unknown>) =>
    app.use(mw as unknown as Koa.Middleware<AppState>);
  use(assignRequestId);
  use(logRequests(deps.logger));
  use(noStoreForPersonal);
  use(handleErrors);
  use(answerOpen311Errors);
  use(securityHeaders());
  const corsOf = cors({ origin: (ctx) => (deps.config.http.corsOrigins.includes(ctx.get('origin')) ? ctx.get('origin') : '') });
  // Only a browser asking across origins sends Origin; for everyone else CORS has nothing to say, and the
  // `Vary: Origin` it would add is among the fixed headers (security-headers.ts).
  use((ctx, next) => (ctx.get('origin') === '' ? next() : (corsOf as unknown as typeof handleErrors)(ctx, next)));
  use(parseJsonBody({ ...deps.config.http, formPrefixes: [OPEN311_PREFIX] }));
  use(refuseForbiddenKeys);
  // One router holding every module's routes: a request is matched once, instead of passing through
  // two middleware per module (its routes and its allowedMethods), each testing its own paths.
  const root = new Router<AppState>();
  for (const r of routers) root.use(r.router.routes());
  app.use(root.routes()).use(root.allowedMethods());
  // Koa logs thrown errors itself unless told not to; ours are already logged, without personal data.
  app.silent = true;
  return app;
}
