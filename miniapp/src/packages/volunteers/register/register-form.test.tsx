import { act, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { ApiError } from '../../../api/errors';
import { RegisterForm } from './register-form';

function renderForm(minor: boolean) {
  const onSubmit = jest.fn().mockResolvedValue(undefined);
  const view = render(<RegisterForm minor={minor} onSubmit={onSubmit} />);
  return { ...view, onSubmit };
}

function type(container: HTMLElement, name: string, value: string) {
  const input = container.querySelector(`taro-input-core[name="${name}"]`);
  if (!input) throw new Error(`no input named ${name}`);
  act(() => {
    input.dispatchEvent(new CustomEvent('input', { detail: { value } }));
  });
}

describe('volunteer registration form', () => {
  it('when an adult picks skills and days × parts, then the body lists the skills and every day-part pair', async () => {
    const { onSubmit } = renderForm(false);
    expect(screen.queryByText('监护人同意')).toBeNull();
    fireEvent.click(screen.getByRole('checkbox', { name: '助老服务' }));
    fireEvent.click(screen.getByRole('checkbox', { name: '应急救护' }));
    fireEvent.click(screen.getByRole('checkbox', { name: '周六' }));
    fireEvent.click(screen.getByRole('checkbox', { name: '周日' }));
    fireEvent.click(screen.getByRole('checkbox', { name: '上午' }));
    expect(screen.getByRole('checkbox', { name: '周六' })).toHaveAttribute('aria-checked', 'true');
    fireEvent.click(screen.getByText('注册成为志愿者'));
    await waitFor(() =>
      expect(onSubmit).toHaveBeenCalledWith({
        skills: ['elderly_care', 'first_aid'],
        availability: [
          { day: 'sat', part: 'morning' },
          { day: 'sun', part: 'morning' },
        ],
      }),
    );
  });

  it('when days are picked without a part of the day, then it asks for both and sends nothing', async () => {
    const { onSubmit } = renderForm(false);
    fireEvent.click(screen.getByRole('checkbox', { name: '周一' }));
    fireEvent.click(screen.getByText('注册成为志愿者'));
    expect(await screen.findByText('请同时选择可服务的日期和时段，或都不选')).toBeInTheDocument();
    expect(onSubmit).not.toHaveBeenCalled();
    // answered by unticking the day as well as by adding a part: the question goes without a new submit
    fireEvent.click(screen.getByRole('checkbox', { name: '周一' }));
    expect(screen.queryByText('请同时选择可服务的日期和时段，或都不选')).toBeNull();
    fireEvent.click(screen.getByRole('checkbox', { name: '周一' }));
    expect(screen.getByText('请同时选择可服务的日期和时段，或都不选')).toBeInTheDocument();
  });

  it('when a minor submits without the guardian, then each missing part is named; with it, the consent is sent', async () => {
    const { container, onSubmit } = renderForm(true);
    fireEvent.click(screen.getByText('注册成为志愿者'));
    expect(await screen.findByText('请填写监护人姓名（2至20字）')).toBeInTheDocument();
    expect(screen.getByText('请选择监护人与您的关系')).toBeInTheDocument();
    expect(screen.getByText('未满18周岁需监护人同意')).toBeInTheDocument();
    expect(onSubmit).not.toHaveBeenCalled();

    type(container, 'guardianName', ' 王丽 ');
    fireEvent.click(screen.getByRole('radio', { name: '母亲' }));
    fireEvent.click(screen.getByRole('checkbox', { name: '监护人已知晓并同意我参加志愿服务' }));
    fireEvent.click(screen.getByText('注册成为志愿者'));
    await waitFor(() =>
      expect(onSubmit).toHaveBeenCalledWith({
        skills: [],
        availability: [],
        guardianConsent: { guardianName: '王丽', relation: 'mother', agreed: true },
      }),
    );
  });

  it('when the BFF refuses (under 14), then its message shows', async () => {
    const { onSubmit } = renderForm(false);
    onSubmit.mockRejectedValueOnce(new ApiError('AGE_UNDER_14', 403));
    fireEvent.click(screen.getByText('注册成为志愿者'));
    expect(await screen.findByText('未满14周岁，需由监护人代为办理')).toBeInTheDocument();
  });
});
