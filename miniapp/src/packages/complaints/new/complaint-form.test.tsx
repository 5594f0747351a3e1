import { act, fireEvent, render, screen, waitFor } from '@testing-library/react';
import type { CategoryView, CommunityView, ComplaintSummaryView } from '@gongzhi/shared';
import { ApiError } from '../../../api/errors';
import { ComplaintForm } from './complaint-form';

const DEADLINES = {
  dispatch: { amount: 2, unit: 'working_hours' },
  sign: { amount: 2, unit: 'working_hours' },
  firstContact: { amount: 1, unit: 'working_days' },
  resolve: { amount: 5, unit: 'working_days' },
} as const;
const category = (id: string, name: string, parentId: string | null, admission: CategoryView['admission'] = { accepted: true }): CategoryView => ({
  id,
  code: `c-${id.slice(-2)}`,
  name,
  parentId,
  urgency: 'general',
  admission,
  deadlines: DEADLINES,
  active: true,
});
const CITY = '65a0000000000000000000a1';
const STALLS = '65a0000000000000000000a2';
const DISPUTES = '65a0000000000000000000b1';
const NEIGHBOURS = '65a0000000000000000000b2';
const CATEGORIES = [
  category(CITY, '市容环境', null),
  category(STALLS, '占道经营', CITY),
  category(DISPUTES, '民事纠纷', null),
  category(NEIGHBOURS, '邻里纠纷', DISPUTES, { accepted: false, referral: '请向人民调解委员会申请调解' }),
];
const COMMUNITIES: CommunityView[] = [
  { id: '65a000000000000000000001', name: '莲花社区', code: 'lianhua' },
  { id: '65a000000000000000000002', name: '荷花社区', code: 'hehua' },
];
const SIMILAR: ComplaintSummaryView = {
  id: '65a0000000000000000000c1',
  number: 'GZ20261127000001',
  state: 'accepted',
  categoryName: '占道经营',
  communityName: '莲花社区',
  summary: '路口有流动摊贩占道',
  address: '彩田路口',
  createdAt: '2026-11-26T02:00:00.000Z',
  unitName: null,
  overdue: false,
  supervised: false,
};

function renderForm(overrides: { findSimilar?: jest.Mock; onSubmit?: jest.Mock; askSubscriptions?: jest.Mock } = {}) {
  let keys = 0;
  const props = {
    askSubscriptions: overrides.askSubscriptions,
    findSimilar: overrides.findSimilar ?? jest.fn().mockResolvedValue([]),
    onFollow: jest.fn().mockResolvedValue(undefined),
    onSubmit: overrides.onSubmit ?? jest.fn().mockResolvedValue(undefined),
    newKey: () => `key-${++keys}-0000000`,
  };
  const view = render(<ComplaintForm categories={CATEGORIES} communities={COMMUNITIES} {...props} />);
  return { ...view, ...props };
}

/** Taro's H5 input and textarea are web components that report typing as an `input` event with detail.value. */
function type(container: HTMLElement, name: string, value: string) {
  const input = container.querySelector(`taro-input-core[name="${name}"], taro-textarea-core[name="${name}"]`);
  if (!input) throw new Error(`no input named ${name}`);
  act(() => {
    input.dispatchEvent(new CustomEvent('input', { detail: { value } }));
  });
}

function fillValidForm(container: HTMLElement) {
  fireEvent.click(screen.getByRole('radio', { name: '市容环境' }));
  fireEvent.click(screen.getByRole('radio', { name: '占道经营' }));
  fireEvent.click(screen.getByRole('radio', { name: '荷花社区' }));
  fireEvent.click(screen.getByText('使用演示坐标'));
  type(container, 'description', '彩田路口每天傍晚有摊贩占用人行道');
}

const submit = () => fireEvent.click(screen.getByText('提交诉求'));

describe('new complaint form', () => {
  it('when nothing is filled in, then every missing field says what it needs and nothing is sent', async () => {
    const { onSubmit, findSimilar } = renderForm();
    submit();
    expect(await screen.findByText('请选择诉求类别（大类和小类）')).toBeInTheDocument();
    expect(screen.getByText('请选择问题所在社区')).toBeInTheDocument();
    expect(screen.getByText('请描述问题，5至2000字')).toBeInTheDocument();
    expect(screen.getByText('请填写问题所在的详细地址（至少2个字）')).toBeInTheDocument();
    expect(screen.getByText('请选择位置：地图选点、演示坐标或填写经纬度')).toBeInTheDocument();
    expect(findSimilar).not.toHaveBeenCalled();
    expect(onSubmit).not.toHaveBeenCalled();
  });

  it('when a submit fails, then the errors follow the typing: the description error goes once it is long enough and comes back when cut short', async () => {
    const { container, onSubmit } = renderForm();
    type(container, 'description', '太吵');
    expect(screen.queryByText('请描述问题，5至2000字')).toBeNull();
    submit();
    expect(await screen.findByText('请描述问题，5至2000字')).toBeInTheDocument();
    type(container, 'description', '彩田路口每天傍晚有摊贩占用人行道');
    expect(screen.queryByText('请描述问题，5至2000字')).toBeNull();
    expect(screen.getByText('请选择问题所在社区')).toBeInTheDocument();
    fireEvent.click(screen.getByRole('radio', { name: '荷花社区' }));
    expect(screen.queryByText('请选择问题所在社区')).toBeNull();
    type(container, 'description', '吵');
    expect(screen.getByText('请描述问题，5至2000字')).toBeInTheDocument();
    expect(onSubmit).not.toHaveBeenCalled();
  });

  it('when a submit fails, then the first invalid field (the category) is centred and its first choice has the focus', async () => {
    const scrolled = jest.spyOn(Element.prototype, 'scrollIntoView');
    try {
      renderForm();
      // Taro's web components settle their attributes just after mounting, which in jsdom drops the
      // focus; a person cannot submit that fast
      await new Promise((r) => setTimeout(r, 50));
      submit();
      await screen.findByText('请选择诉求类别（大类和小类）');
      await waitFor(() => expect(document.activeElement).toBe(screen.getByRole('radio', { name: '市容环境' })));
      expect(scrolled.mock.contexts[0]).toContainElement(screen.getByText('请选择诉求类别（大类和小类）'));
    } finally {
      scrolled.mockRestore();
    }
  });

  it('when the BFF refuses the description, then its message stays beside it until the description changes', async () => {
    const onSubmit = jest.fn().mockRejectedValueOnce(new ApiError('CONTENT_RISKY', 400));
    const { container } = renderForm({ onSubmit });
    fillValidForm(container);
    submit();
    expect(await screen.findByText('内容可能包含不当信息，请修改后再提交')).toBeInTheDocument();
    fireEvent.click(screen.getByRole('radio', { name: '莲花社区' }));
    expect(screen.getByText('内容可能包含不当信息，请修改后再提交')).toBeInTheDocument();
    type(container, 'description', '彩田路口傍晚有摊贩占用人行道');
    expect(screen.queryByText('内容可能包含不当信息，请修改后再提交')).toBeNull();
  });

  it('when only the kind of problem is chosen, then the form asks for the problem itself', async () => {
    const { container, onSubmit } = renderForm();
    fillValidForm(container);
    fireEvent.click(screen.getByRole('radio', { name: '民事纠纷' }));
    submit();
    expect(await screen.findByText('请选择诉求类别（大类和小类）')).toBeInTheDocument();
    expect(onSubmit).not.toHaveBeenCalled();
  });

  it('when the form is valid, then the body the BFF schema expects is sent after the duplicate check', async () => {
    const { container, onSubmit, findSimilar } = renderForm();
    fillValidForm(container);
    fireEvent.click(screen.getByRole('switch', { name: '让处理单位看到我的姓名和电话' }));
    submit();
    await waitFor(() => expect(onSubmit).toHaveBeenCalledTimes(1));
    expect(findSimilar).toHaveBeenCalledWith({ categoryId: STALLS, lat: 22.5531, lng: 114.0546 });
    expect(onSubmit.mock.calls[0][0]).toEqual({
      categoryId: STALLS,
      communityId: '65a000000000000000000002',
      description: '彩田路口每天傍晚有摊贩占用人行道',
      photoIds: [],
      location: { point: { lat: 22.5531, lng: 114.0546 }, address: '莲花街道莲花社区彩田路口' },
      showIdentityToUnit: false,
      publicConsent: false,
      publicExactPoint: false,
    });
  });

  it('when the form is valid, then the subscribe request starts in the tap itself, and the complaint is filed after the answer', async () => {
    let answer!: (ids: string[]) => void;
    const askSubscriptions = jest.fn(() => new Promise<string[]>((resolve) => (answer = resolve)));
    const { container, onSubmit } = renderForm({ askSubscriptions });
    fillValidForm(container);
    submit();
    // synchronously, within the click: WeChat refuses the request after a wait
    expect(askSubscriptions).toHaveBeenCalledTimes(1);
    await new Promise((r) => setTimeout(r, 20));
    expect(onSubmit).not.toHaveBeenCalled();
    answer(['t-progress']);
    await waitFor(() => expect(onSubmit).toHaveBeenCalledTimes(1));
  });

  it('when the form is invalid, then nobody is asked to subscribe', async () => {
    const askSubscriptions = jest.fn().mockResolvedValue([]);
    renderForm({ askSubscriptions });
    submit();
    expect(await screen.findByText('请选择问题所在社区')).toBeInTheDocument();
    expect(askSubscriptions).not.toHaveBeenCalled();
  });

  it('when the resident ticks nothing, then nothing is made public; when they agree, the description and address are, and the exact point only if chosen too', async () => {
    const { container, onSubmit } = renderForm();
    fillValidForm(container);
    expect(screen.getByRole('switch', { name: '同意公开诉求描述和地址' })).toHaveAttribute('aria-checked', 'false');
    expect(screen.queryByRole('switch', { name: '公开精确位置（默认只公开约100米范围）' })).toBeNull();
    submit();
    await waitFor(() => expect(onSubmit).toHaveBeenCalledTimes(1));
    expect(onSubmit.mock.calls[0][0]).toMatchObject({ publicConsent: false, publicExactPoint: false });

    fireEvent.click(screen.getByRole('switch', { name: '同意公开诉求描述和地址' }));
    fireEvent.click(screen.getByRole('switch', { name: '公开精确位置（默认只公开约100米范围）' }));
    type(container, 'description', '彩田路口每天傍晚有摊贩占用人行道，已经一个月');
    submit();
    await waitFor(() => expect(onSubmit).toHaveBeenCalledTimes(2));
    expect(onSubmit.mock.calls[1][0]).toMatchObject({ publicConsent: true, publicExactPoint: true });
  });

  it('when the first attempt fails on the network, then the retry sends the same Idempotency-Key', async () => {
    const onSubmit = jest.fn().mockRejectedValueOnce(new ApiError('NETWORK', 0)).mockResolvedValueOnce(undefined);
    const { container } = renderForm({ onSubmit });
    fillValidForm(container);
    submit();
    expect(await screen.findByText('网络连接失败，请检查网络后重试')).toBeInTheDocument();
    submit();
    await waitFor(() => expect(onSubmit).toHaveBeenCalledTimes(2));
    expect(onSubmit.mock.calls[1][1]).toBe(onSubmit.mock.calls[0][1]);
    expect(onSubmit.mock.calls[0][1]).toMatch(/^.{8,64}$/);
  });

  it('when the resident edits the complaint after a refusal, then the next attempt is a new submission with a new key', async () => {
    const onSubmit = jest.fn().mockRejectedValueOnce(new ApiError('CONTENT_RISKY', 400)).mockResolvedValueOnce(undefined);
    const { container } = renderForm({ onSubmit });
    fillValidForm(container);
    submit();
    expect(await screen.findByText('内容可能包含不当信息，请修改后再提交')).toBeInTheDocument();
    type(container, 'description', '彩田路口傍晚有摊贩占用人行道，行人只能走机动车道');
    submit();
    await waitFor(() => expect(onSubmit).toHaveBeenCalledTimes(2));
    expect(onSubmit.mock.calls[1][1]).not.toBe(onSubmit.mock.calls[0][1]);
  });

  it('when the same problem was filed nearby this week, then following it is offered before filing a new one', async () => {
    const findSimilar = jest.fn().mockResolvedValue([SIMILAR]);
    const { container, onSubmit, onFollow } = renderForm({ findSimilar });
    fillValidForm(container);
    submit();
    const follow = await screen.findByRole('button', { name: `关注这条诉求：${SIMILAR.number}` });
    expect(onSubmit).not.toHaveBeenCalled();
    fireEvent.click(follow);
    // the follow carries what the offer was found for, so the server can apply the same rule
    await waitFor(() => expect(onFollow).toHaveBeenCalledWith(SIMILAR, { categoryId: STALLS, location: { lat: 22.5531, lng: 114.0546 } }));

    fireEvent.click(screen.getByText('仍然提交新诉求'));
    await waitFor(() => expect(onSubmit).toHaveBeenCalledTimes(1));
    expect(findSimilar).toHaveBeenCalledTimes(1);
  });

  it('when a category outside the street’s remit is chosen, then its referral shows before anything is sent', async () => {
    const { onSubmit } = renderForm();
    fireEvent.click(screen.getByRole('radio', { name: '民事纠纷' }));
    fireEvent.click(screen.getByRole('radio', { name: '邻里纠纷' }));
    expect(screen.getByText('此类事项不属于街道受理范围')).toBeInTheDocument();
    expect(screen.getByText('请向人民调解委员会申请调解')).toBeInTheDocument();
    expect(onSubmit).not.toHaveBeenCalled();
  });
});
