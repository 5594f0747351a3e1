import { act, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { CURRENT_CONSENT_VERSION, idCheckChar, type CommunityView } from '@gongzhi/shared';
import { ApiError } from '../../../api/errors';
import { RealNameForm } from './real-name-form';

const COMMUNITIES: CommunityView[] = [
  { id: '65a000000000000000000001', name: '桃源社区', code: 'TY' },
  { id: '65a000000000000000000002', name: '龙井社区', code: 'LJ' },
];
const TODAY = () => new Date('2026-11-27T08:00:00Z');
const first17 = '44030519900101123';
const VALID_ID = first17 + idCheckChar(first17);
const WRONG_CHECK_DIGIT = first17 + (idCheckChar(first17) === '0' ? '1' : '0');

function renderForm(onSubmit = jest.fn<Promise<void>, [unknown]>().mockResolvedValue(undefined)) {
  const view = render(
    <RealNameForm
      communities={COMMUNITIES}
      consentVersion={CURRENT_CONSENT_VERSION}
      onSubmit={onSubmit}
      onOpenPrivacy={jest.fn()}
      today={TODAY}
    />,
  );
  return { ...view, onSubmit };
}

/** Taro's H5 input is a web component that reports typing as an `input` event with detail.value. */
function type(container: HTMLElement, name: string, value: string) {
  const input = container.querySelector(`taro-input-core[name="${name}"]`);
  if (!input) throw new Error(`no input named ${name}`);
  act(() => {
    input.dispatchEvent(new CustomEvent('input', { detail: { value } }));
  });
}

function fillValidForm(container: HTMLElement, idNumber = VALID_ID) {
  type(container, 'name', '张三');
  type(container, 'idNumber', idNumber);
  type(container, 'phone', '13800138000');
  fireEvent.click(screen.getByRole('radio', { name: '龙井社区' }));
  fireEvent.click(screen.getByRole('checkbox', { name: '我已阅读并同意隐私政策' }));
}

function submit() {
  fireEvent.click(screen.getByText('提交实名登记'));
}

describe('real-name form', () => {
  it('when the ID number has a wrong check digit, then the Chinese error shows next to it and nothing is sent', async () => {
    const { container, onSubmit } = renderForm();
    fillValidForm(container, WRONG_CHECK_DIGIT);
    submit();
    expect(await screen.findByText('身份证号码格式或校验位不正确')).toBeInTheDocument();
    expect(onSubmit).not.toHaveBeenCalled();
  });

  it('when the ID number is too short, then the shared schema message shows', async () => {
    const { container, onSubmit } = renderForm();
    fillValidForm(container, '4403051990');
    submit();
    expect(await screen.findByText('身份证号码应为18位')).toBeInTheDocument();
    expect(onSubmit).not.toHaveBeenCalled();
  });

  it('when the person is under 14, then the age rule shows before any call', async () => {
    const young = '44030520150101123';
    const { container, onSubmit } = renderForm();
    fillValidForm(container, young + idCheckChar(young));
    submit();
    expect(await screen.findByText('未满14周岁，需由监护人代为办理')).toBeInTheDocument();
    expect(onSubmit).not.toHaveBeenCalled();
  });

  it('when nothing is filled in, then every missing field says what it needs', async () => {
    renderForm();
    submit();
    expect(await screen.findByText('请填写身份证上的姓名')).toBeInTheDocument();
    expect(screen.getByText('身份证号码应为18位')).toBeInTheDocument();
    expect(screen.getByText('请输入11位手机号码')).toBeInTheDocument();
    expect(screen.getByText('请选择所在社区')).toBeInTheDocument();
    expect(screen.getByText('请阅读并同意隐私政策')).toBeInTheDocument();
  });

  it('when the input is valid, then submit receives the body the BFF schema expects, with a fresh phone code', async () => {
    const { container, onSubmit } = renderForm();
    fillValidForm(container);
    submit();
    await waitFor(() => expect(onSubmit).toHaveBeenCalledTimes(1));
    expect(onSubmit.mock.calls[0]?.[0]).toEqual({
      name: '张三',
      idNumber: VALID_ID,
      phoneCode: expect.stringMatching(/^phone:13800138000:[0-9a-f]{16}:\d{13}$/),
      communityId: '65a000000000000000000002',
      consentVersion: CURRENT_CONSENT_VERSION,
    });
  });

  it('when the BFF refuses the ID number, then its message shows by the field and the button works again', async () => {
    const onSubmit = jest.fn<Promise<void>, [unknown]>().mockRejectedValueOnce(new ApiError('ID_ALREADY_REGISTERED', 409));
    const { container } = renderForm(onSubmit);
    fillValidForm(container);
    submit();
    expect(await screen.findByText('该身份证号码已被其他账号实名登记')).toBeInTheDocument();
    onSubmit.mockResolvedValueOnce(undefined);
    submit();
    await waitFor(() => expect(onSubmit).toHaveBeenCalledTimes(2));
  });

  it('when the BFF refuses the ID number, then its message stays while other fields change and goes once the number is edited', async () => {
    const onSubmit = jest.fn<Promise<void>, [unknown]>().mockRejectedValueOnce(new ApiError('ID_ALREADY_REGISTERED', 409));
    const { container } = renderForm(onSubmit);
    fillValidForm(container);
    submit();
    expect(await screen.findByText('该身份证号码已被其他账号实名登记')).toBeInTheDocument();
    type(container, 'name', '张三丰');
    expect(screen.getByText('该身份证号码已被其他账号实名登记')).toBeInTheDocument();
    type(container, 'idNumber', WRONG_CHECK_DIGIT);
    expect(screen.queryByText('该身份证号码已被其他账号实名登记')).toBeNull();
    // the form's own check takes over: the edited number is judged as it is typed
    expect(screen.getByText('身份证号码格式或校验位不正确')).toBeInTheDocument();
    type(container, 'idNumber', VALID_ID.toLowerCase());
    expect(screen.queryByRole('alert')).toBeNull();
  });

  it('when the network fails, then the message shows above the button instead of a spinner', async () => {
    const onSubmit = jest.fn<Promise<void>, [unknown]>().mockRejectedValue(new ApiError('NETWORK', 0));
    const { container } = renderForm(onSubmit);
    fillValidForm(container);
    submit();
    expect(await screen.findByText('网络连接失败，请检查网络后重试')).toBeInTheDocument();
    expect(container.querySelector('.nut-button-loading')).toBeNull();
  });
});
