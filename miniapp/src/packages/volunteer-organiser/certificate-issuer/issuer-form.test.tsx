import { act, fireEvent, render, screen, waitFor } from '@testing-library/react';
import type { CertificateIssuerView } from '@gongzhi/shared';
import { ApiError } from '../../../api/errors';
import { IssuerForm } from './issuer-form';

const defaults: CertificateIssuerView = { communityId: '64b0000000000000000000c1', personInCharge: '志愿服务站站长', contact: '12345', updatedAt: null };

function renderForm(issuer: CertificateIssuerView = defaults) {
  const onSave = jest.fn().mockResolvedValue(undefined);
  const view = render(<IssuerForm issuer={issuer} onSave={onSave} />);
  return { ...view, onSave };
}

function input(container: HTMLElement, name: string): HTMLElement {
  const found = container.querySelector<HTMLElement>(`taro-input-core[name="${name}"]`);
  if (!found) throw new Error(`no input named ${name}`);
  return found;
}

function type(container: HTMLElement, name: string, value: string) {
  act(() => {
    input(container, name).dispatchEvent(new CustomEvent('input', { detail: { value } }));
  });
}

/** The field (label, box and error) that a message is shown in. */
const fieldOf = (message: string) => screen.getByText(message).closest('.gz-field');

describe('the person in charge and contact on certificates', () => {
  it('when the community still uses the defaults, then they are shown in labelled fields and the page says so', () => {
    const { container } = renderForm();
    expect(screen.getByText('尚未设置：证明上暂用默认的负责人与联系方式')).toBeInTheDocument();
    for (const [name, label, value] of [
      ['personInCharge', '证明负责人', '志愿服务站站长'],
      ['contact', '证明联系方式', '12345'],
    ] as const) {
      // H5 hands the label to the inner <input> (labelled-input.ts)
      expect(input(container, name)).toHaveProperty('nativeProps', { 'aria-label': label });
      expect(input(container, name)).toHaveProperty('value', value);
    }
    expect(screen.getByRole('button', { name: '保存证明负责人与联系方式' })).toBeInTheDocument();
  });

  it('when the contact is not a phone number, then the rule is shown beside the contact and nothing is sent', async () => {
    const { container, onSave } = renderForm();
    type(container, 'contact', 'call me');
    fireEvent.click(screen.getByRole('button', { name: '保存证明负责人与联系方式' }));
    const message = '请填写手机号、带区号的座机号或服务热线';
    expect(await screen.findByText(message)).toBeInTheDocument();
    expect(fieldOf(message)).toContainElement(input(container, 'contact'));
    expect(fieldOf(message)).not.toContainElement(input(container, 'personInCharge'));
    expect(onSave).not.toHaveBeenCalled();
  });

  it('when both are filled in as the rules ask, then they are sent trimmed', async () => {
    const { container, onSave } = renderForm({ ...defaults, updatedAt: '2026-03-02T01:30:00.000Z' });
    expect(screen.getByText('最近保存：2026-03-02 09:30')).toBeInTheDocument();
    type(container, 'personInCharge', ' 李建国 ');
    type(container, 'contact', '0755-83201234');
    fireEvent.click(screen.getByRole('button', { name: '保存证明负责人与联系方式' }));
    await waitFor(() => expect(onSave).toHaveBeenCalledWith({ personInCharge: '李建国', contact: '0755-83201234' }));
    expect(screen.queryByRole('alert')).toBeNull();
  });

  it('when the BFF refuses one field, then its message is shown beside that field', async () => {
    const { container, onSave } = renderForm();
    const message = '请填写负责人姓名或职务（2至20字）';
    onSave.mockRejectedValueOnce(new ApiError('VALIDATION_FAILED', 400, [{ path: 'body.personInCharge', message }]));
    type(container, 'personInCharge', '李建国');
    fireEvent.click(screen.getByRole('button', { name: '保存证明负责人与联系方式' }));
    expect(await screen.findByText(message)).toBeInTheDocument();
    expect(fieldOf(message)).toContainElement(input(container, 'personInCharge'));
    type(container, 'contact', '0755-83201234');
    expect(screen.getByText(message)).toBeInTheDocument();
    type(container, 'personInCharge', '李建国站长');
    expect(screen.queryByText(message)).toBeNull();
  });

  it('when the BFF refuses the caller, then its message is shown under the form', async () => {
    const { onSave } = renderForm();
    onSave.mockRejectedValueOnce(new ApiError('FORBIDDEN', 403));
    fireEvent.click(screen.getByRole('button', { name: '保存证明负责人与联系方式' }));
    expect(await screen.findByText('没有权限进行此操作')).toBeInTheDocument();
  });
});
