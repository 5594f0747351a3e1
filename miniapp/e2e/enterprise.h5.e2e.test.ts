/**
 * 企业服务 through the H5 build, against the real BFF and database: a resident registers an enterprise
 * with a wrong credit code (refused beside the field with the right check character named), then the
 * right one; the enterprise service officer verifies it and publishes a policy; the enterprise sees the
 * policy under 为我匹配 as 符合条件, each criterion said in words.
 */
import { DESKTOP_VIEWPORT, openH5World, type H5World } from './h5/world';
import { addPhoto } from './h5/photos';

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
    await addPhoto(owner, owner, 'licence.png');
    await owner.getByRole('img', { name: '照片1' }).waitFor();
    await owner.getByRole('button', { name: '提交审核', exact: true }).click();
    await owner.getByText('校验码不正确（第18位应为3），请核对营业执照').waitFor();
    await owner.getByRole('textbox', { name: '统一社会信用代码' }).fill('91350100M000100Y43');
    await owner.getByRole('button', { name: '提交审核', exact: true }).click();
    await owner.getByRole('status').filter({ hasText: '等待企业服务部审核' }).waitFor();
    await owner.getByText('待审核', { exact: true }).waitFor();

    const officer = await h5.person(DESKTOP_VIEWPORT);
    await h5.logIn(officer, 'enterprise-service');
    await h5.visit(officer, '/packages/enterprise/officer/index');
    // the officer sees the licence photo beside the enterprise's details
    await officer.getByRole('group', { name: NAME }).getByRole('button', { name: '照片1，点按查看大图' }).waitFor();
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

    // favourite it, declare the intent to apply (a case opens), then ask the desk about it
    const TITLE = '科技型中小企业研发费用补贴';
    await policy.getByRole('button', { name: `收藏${TITLE}` }).click();
    await owner.getByRole('region', { name: '我的收藏' }).getByText(`${TITLE}（最高补贴50万元，有效期至 2030-12-31）`).waitFor();
    await policy.getByRole('button', { name: `意向申报${TITLE}` }).click();
    await owner.getByText(`关于：${TITLE}`).filter({ visible: true }).waitFor();
    await owner.getByText('待答复', { exact: true }).filter({ visible: true }).waitFor();
    await owner.goBack();
    await policy.getByRole('button', { name: `咨询${TITLE}` }).click();
    const desk = owner.getByRole('region', { name: '企业服务台' });
    await desk.getByText(`关于：${TITLE}`).waitFor();
    await desk.getByRole('button', { name: '提交给企业服务部', exact: true }).click();
    await desk.getByText('标题2至40字').waitFor();
    await desk.getByRole('textbox', { name: '标题' }).fill('研发投入怎么认定');
    await desk.getByRole('textbox', { name: '具体内容' }).fill('我们去年研发投入120万元，其中外包开发费用能否计入？');
    await desk.getByRole('button', { name: '提交给企业服务部', exact: true }).click();
    await owner.getByRole('status').filter({ hasText: '已提交，编号QY' }).waitFor();
    await desk.getByRole('link', { name: '咨询：研发投入怎么认定，待答复' }).waitFor();

    // the officer answers from the queue
    await officer.reload();
    await officer.getByRole('region', { name: '企业服务台事项' }).getByRole('link', { name: `${NAME}，咨询：研发投入怎么认定，待答复` }).click();
    await officer.getByRole('textbox', { name: '答复内容' }).fill('委托外部研发按实际发生额的80%计入，请附合同。');
    await officer.getByRole('button', { name: '发送答复', exact: true }).click();
    await officer.getByRole('status').filter({ hasText: '已答复' }).waitFor();

    // the enterprise reads the answer, closes the case and rates it
    await owner.reload();
    await owner.getByRole('region', { name: '企业服务台' }).getByRole('link', { name: '咨询：研发投入怎么认定，已答复' }).click();
    const timeline = owner.getByRole('list', { name: '办理经过' });
    await timeline.getByText('委托外部研发按实际发生额的80%计入，请附合同。').waitFor();
    await timeline.getByText(/^企业服务部 · 答复 · /).waitFor();
    await owner.getByRole('button', { name: '问题已解决，结束事项', exact: true }).click();
    await owner.getByRole('status').filter({ hasText: '事项已结束' }).waitFor();
    const rate = owner.getByRole('region', { name: '评价答复' });
    await rate.getByRole('radio', { name: '5星' }).click();
    await rate.getByRole('button', { name: '提交评价', exact: true }).click();
    await owner.getByText('评价：5星').waitFor();

    // the officers' dashboard counts it all
    await officer.goBack();
    await officer.reload();
    const board = officer.getByRole('region', { name: '企业服务看板' });
    await board.getByText(`惠企政策：${TITLE}，符合 1 家，收藏 1 家，意向申报 1 家`).waitFor();
    await board.getByText(/已结束 1 件，平均评价 5 星/).waitFor();

    // the officer bundles the policy, then edits it (previewing whom it reaches): the enterprise sees what changed
    const newBundle = officer.getByRole('region', { name: '资源包' }).getByRole('group', { name: '新建资源包' });
    await newBundle.getByRole('textbox', { name: '资源包名称' }).fill('科技创新包');
    await newBundle.getByRole('checkbox', { name: TITLE }).click();
    await newBundle.getByRole('button', { name: '新建资源包', exact: true }).click();
    await officer.getByRole('status').filter({ hasText: '资源包已新建' }).waitFor();
    await officer.getByRole('button', { name: `修改${TITLE}` }).click();
    const edit = officer.getByRole('region', { name: `修改：${TITLE}` });
    await edit.getByRole('textbox', { name: '支持内容' }).fill('最高补贴80万元');
    await edit.getByRole('button', { name: '预览匹配企业数', exact: true }).click();
    await edit.getByText('按这些条件，1家已认证企业中：符合1家，可能符合（需人工确认）0家').waitFor();
    await edit.getByRole('button', { name: '保存新版本', exact: true }).click();
    await officer.getByRole('status').filter({ hasText: '已保存新版本' }).waitFor();
    await officer.getByText(`惠企政策：${TITLE}（第2版）`).waitFor();

    await owner.goBack();
    await owner.reload();
    const updated = owner.getByRole('region', { name: '为我匹配' }).getByRole('group', { name: `${TITLE}，符合条件，有更新` });
    await updated.getByText('支持内容：由“最高补贴50万元”改为“最高补贴80万元”').waitFor();
    await owner.getByRole('region', { name: '为我匹配' }).getByRole('radio', { name: '科技创新包' }).click();
    await owner.getByRole('region', { name: '为我匹配' }).getByRole('group', { name: new RegExp(`^${TITLE}，符合条件`) }).waitFor();
  }, 300_000);
});
