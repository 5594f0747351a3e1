/**
 * 企业服务 through the H5 build, against the real BFF and database: a resident registers an enterprise
 * with a wrong credit code (refused beside the field with the right check character named), then the
 * right one; the enterprise service officer verifies it and publishes a policy; the enterprise sees the
 * policy under 为我匹配 as 符合条件, each criterion said in words.
 */
import { DESKTOP_VIEWPORT, openH5World, type H5World } from './h5/world';

let h5: H5World;

beforeAll(async () => {
  h5 = await openH5World();
}, 120_000);

afterAll(() => h5?.close());

const NAME = '深圳莲花软件有限公司';

describe('enterprise services in the H5 build', () => {
  it('when a resident registers an enterprise and the officer verifies it and publishes a policy, then the enterprise sees it matched with a reason per criterion', async () => {
    const owner = await h5.person();
    await h5.logIn(owner, 'e2e-enterprise-owner');
    await h5.registerRealName(owner, { name: '李建国', first17: '44030419780405151', phone: '13622225555' });
    await h5.visit(owner, '/packages/enterprise/index/index');
    await owner.getByRole('textbox', { name: '企业名称' }).fill(NAME);
    await owner.getByRole('textbox', { name: '统一社会信用代码' }).fill('91350100M000100Y44');
    await owner.getByRole('textbox', { name: '法定代表人' }).fill('李建国');
    await owner.getByRole('spinbutton', { name: '联系电话' }).fill('13812345678');
    await owner.getByRole('radio', { name: '软件和信息技术服务业' }).click();
    await owner.getByRole('spinbutton', { name: '从业人员（人）' }).fill('12');
    await owner.getByRole('spinbutton', { name: '上年营业收入（万元）' }).fill('800');
    await owner.getByRole('spinbutton', { name: '资产总额（万元）' }).fill('300');
    await owner.getByText('按国家统计划分标准，企业规模为：小型').waitFor();
    await owner.getByRole('textbox', { name: '成立日期' }).fill('2022-03-01');
    await owner.getByRole('radio', { name: '莲花社区' }).click();
    await owner.getByRole('checkbox', { name: '科技型中小企业' }).click();
    await owner.getByRole('button', { name: '提交审核', exact: true }).click();
    await owner.getByText('校验码不正确（第18位应为3），请核对营业执照').waitFor();
    await owner.getByRole('textbox', { name: '统一社会信用代码' }).fill('91350100M000100Y43');
    await owner.getByRole('button', { name: '提交审核', exact: true }).click();
    await owner.getByRole('status').filter({ hasText: '等待企业服务部审核' }).waitFor();
    await owner.getByText('待审核', { exact: true }).waitFor();

    const officer = await h5.person(DESKTOP_VIEWPORT);
    await h5.logIn(officer, 'enterprise-service');
    await h5.visit(officer, '/packages/enterprise/officer/index');
    await officer.getByRole('textbox', { name: `审核意见（${NAME}）` }).fill('营业执照核验一致');
    await officer.getByRole('button', { name: `认证${NAME}` }).click();
    await officer.getByRole('status').filter({ hasText: '已认证' }).waitFor();
    const form = officer.getByRole('region', { name: '发布政策或服务' });
    await form.getByRole('textbox', { name: '名称' }).fill('科技型中小企业研发费用补贴');
    await form.getByRole('textbox', { name: '发布机构' }).fill('区科技创新局');
    await form.getByRole('textbox', { name: '摘要' }).fill('对科技型中小企业按研发投入给予补贴');
    await form.getByRole('textbox', { name: '支持内容' }).fill('最高补贴50万元');
    await form.getByRole('textbox', { name: '申报方式' }).fill('登录区政务服务网申报');
    await form.getByRole('textbox', { name: '有效期开始' }).fill('2026-01-01');
    await form.getByRole('textbox', { name: '有效期截止' }).fill('2030-12-31');
    await form.getByRole('checkbox', { name: '软件和信息技术服务业' }).click();
    await form.getByRole('spinbutton', { name: '员工不超过（人）' }).fill('300');
    await form.getByRole('button', { name: '发布', exact: true }).click();
    await officer.getByRole('status').filter({ hasText: '已发布' }).waitFor();

    await owner.reload();
    const matches = owner.getByRole('region', { name: '为我匹配' });
    const policy = matches.getByRole('group', { name: '科技型中小企业研发费用补贴，符合条件，新匹配' });
    await policy.getByText('行业 软件和信息技术服务业，要求：软件和信息技术服务业：符合').waitFor();
    await policy.getByText('员工 12 人，要求不超过300人：符合').waitFor();
  }, 300_000);
});
