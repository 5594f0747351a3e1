/**
 * Stable error codes and their Chinese messages. The BFF answers with the code; the mini-program
 * shows the message for the code and never parses message text.
 */
export const ERROR_MESSAGES = {
  VALIDATION_FAILED: '提交的信息有误，请检查后重试',
  FORBIDDEN_KEY: '请求中包含不允许的字段',
  PAYLOAD_TOO_LARGE: '提交的内容过大',
  UNSUPPORTED_MEDIA_TYPE: '请求格式不受支持',
  NOT_FOUND: '请求的内容不存在',
  UNAUTHENTICATED: '请先登录',
  TOKEN_EXPIRED: '登录已过期，请重新登录',
  TOKEN_INVALID: '登录凭证无效，请重新登录',
  REFRESH_TOKEN_INVALID: '登录状态已失效，请重新登录',
  REFRESH_TOKEN_REUSED: '检测到登录凭证被重复使用，已退出所有设备，请重新登录',
  FORBIDDEN: '没有权限进行此操作',
  RATE_LIMITED: '操作过于频繁，请稍后再试',
  WECHAT_CODE_INVALID: '微信登录凭证无效或已使用，请重新登录',
  WECHAT_UNAVAILABLE: '微信服务暂时不可用，请稍后再试',
  PHONE_CODE_INVALID: '手机号授权已失效，请重新获取手机号',
  ID_NUMBER_INVALID: '身份证号码格式或校验位不正确',
  ID_NUMBER_BAD_DATE: '身份证号码中的出生日期不正确',
  ID_NUMBER_BAD_REGION: '身份证号码中的地区代码不正确',
  AGE_UNDER_14: '未满14周岁，需由监护人代为办理',
  ID_ALREADY_REGISTERED: '该身份证号码已被其他账号实名登记',
  ALREADY_VERIFIED: '您已完成实名登记',
  CONSENT_VERSION_OUTDATED: '隐私政策已更新，请阅读最新版本后再同意',
  COMMUNITY_NOT_FOUND: '所选社区不存在',
  UNIT_NOT_FOUND: '所选单位不存在',
  INVITATION_INVALID: '邀请码无效、已使用或已过期',
  NOT_READY: '服务暂未就绪',
  REAL_NAME_REQUIRED: '请先完成实名登记',
  CONTENT_RISKY: '内容可能包含不当信息，请修改后再提交',
  CATEGORY_NOT_FOUND: '所选诉求类别不存在或已停用',
  CATEGORY_CODE_TAKEN: '类别编码已存在',
  COMPLAINT_NOT_FOUND: '诉求不存在',
  COMPLAINT_STATE_CONFLICT: '该诉求的状态已经变化，请刷新后重试',
  IDEMPOTENCY_KEY_REUSED: '重复提交的请求内容不一致，请刷新后重试',
  RATING_WINDOW_CLOSED: '评价期限已过，工作人员将电话回访',
  REDO_LIMIT_REACHED: '重办次数已用完，如仍不满意可拨打热线反映',
  APPEAL_WINDOW_CLOSED: '申诉期限已过',
  APPEAL_ALREADY_FILED: '该诉求已有待裁定的申诉',
  NO_PENDING_APPEAL: '该诉求没有待裁定的申诉',
  UPLOAD_TOO_LARGE: '图片不能超过5MB',
  UPLOAD_TYPE_NOT_ALLOWED: '只能上传JPG、PNG或WebP图片',
  UPLOAD_NOT_FOUND: '图片不存在或已失效',
  CALENDAR_INVALID: '工作日历设置有误',
  VOLUNTEER_NOT_REGISTERED: '请先注册成为志愿者',
  VOLUNTEER_ALREADY_REGISTERED: '您已是注册志愿者',
  GUARDIAN_CONSENT_REQUIRED: '未满18周岁需监护人同意后才能注册志愿者',
  SHIFT_NOT_FOUND: '岗位班次不存在',
  SHIFT_SIGNUP_CLOSED: '报名已截止',
  SHIFT_REQUIREMENTS_NOT_MET: '不符合该岗位的技能或星级要求',
  SHIFT_OVERLAP: '该时段您已报名其他岗位',
  ALREADY_SIGNED_UP: '您已报名该岗位',
  SIGNUP_NOT_FOUND: '没有找到您的报名',
  CHECK_IN_NOT_OPEN: '签到尚未开始或已结束',
  QR_INVALID: '签到码无效或已过期，请重新扫码',
  OUT_OF_GEOFENCE: '您不在服务地点范围内',
  ALREADY_CHECKED_IN: '您已签到',
  NOT_CHECKED_IN: '您尚未签到',
  HOURS_ALREADY_CONFIRMED: '该时长已确认',
  CERTIFICATE_NOT_FOUND: '证明编号不存在',
  HOURS_LEDGER_CONFLICT: '该时长刚被他人更正，请刷新后重试',
  HOURS_REASON_REQUIRED: '调整时长需要填写原因',
  HOURS_NOT_CONFIRMED: '该时长尚未确认，请先确认',
  ATTENDANCE_NOT_FOUND: '没有该志愿者的签到记录',
  ALREADY_CHECKED_OUT: '您已签退',
  CHECK_OUT_CLOSED: '签退已截止，签退时间已按岗位结束时间记录',
  ALREADY_RATED: '您已评价过',
  RATING_NOT_ALLOWED: '服务结束且签到后才能评价',
  INTERNAL: '系统繁忙，请稍后再试',
  NETWORK: '网络连接失败，请检查网络后重试',
} as const;

export type ErrorCode = keyof typeof ERROR_MESSAGES;

export interface ErrorBody {
  error: { code: ErrorCode | string; message: string; details?: unknown; requestId?: string };
}

export function messageForCode(code: string): string {
  return (ERROR_MESSAGES as Record<string, string>)[code] ?? ERROR_MESSAGES.INTERNAL;
}
