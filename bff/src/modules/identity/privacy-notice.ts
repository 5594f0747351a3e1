import { CURRENT_CONSENT_VERSION, privacyNoticeApi, type PrivacyNoticeView } from '@gongzhi/shared';
import { ApiRouter } from '../../platform/api-router';

/** The notice a resident consents to at real-name registration (PIPL arts. 14, 17, 29, 31, 47). */
export const PRIVACY_NOTICE: PrivacyNoticeView = {
  version: CURRENT_CONSENT_VERSION,
  title: '共治 个人信息保护告知书',
  body: [
    '为办理诉求、志愿服务等街道事务，我们需要核验您的真实身份。请您仔细阅读本告知书。',
    '一、收集的信息：姓名、居民身份证号码、手机号码、所在社区。身份证号码和手机号码属于敏感个人信息，仅用于实名核验、防止重复登记和必要的联系。',
    '二、保存方式：上述信息加密存储，页面中仅以遮蔽形式显示；工作人员查看完整信息时会留下记录。',
    '三、未成年人：未满14周岁的儿童需由监护人代为办理；14至17周岁的用户将被标记为未成年人并受到相应保护。',
    '四、您的权利：您可以随时查看本人信息，也可以在“我的”页面注销账号。注销后我们将删除您的个人信息，仅保留不含个人信息的操作记录。',
    '五、诉求的公开：为接受社会监督，诉求的类别、办理状态、承办单位和大致位置（约100米范围）会向公众公开（包括开放数据接口 Open311），关注同一诉求的其他居民也能看到这些信息及工作人员标记为公开的办理说明。您的姓名、电话、身份证号码和照片不会公开。诉求描述和详细地址仅在您提交时勾选“同意公开”后才公开，公开前会自动隐去其中的手机号、固定电话、证件号、银行卡号和邮箱；精确位置仅在您另行选择时公开；选择不向办理单位显示身份的诉求，详细地址和精确位置一律不公开。',
    '六、我们不会将您的个人信息提供给与街道事务无关的第三方。',
  ].join('\n'),
};

export function privacyNoticeRoutes(): ApiRouter {
  return new ApiRouter().mount(privacyNoticeApi.notice, async () => PRIVACY_NOTICE);
}
