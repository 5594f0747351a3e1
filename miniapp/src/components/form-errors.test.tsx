import { useState } from 'react';
import { act, fireEvent, render, screen } from '@testing-library/react';
import { z } from 'zod';
import { fieldClass, fieldErrorsOf, useFormErrors } from './form-errors';
import { FieldError } from './status';

const Body = z.object({
  name: z.string().trim().min(2, '姓名至少2个字'),
  community: z.string().min(1),
  address: z.object({ street: z.string().min(2), number: z.string().min(1) }),
});

type Field = 'name' | 'community' | 'street';

function fieldOf(path: readonly PropertyKey[]): Field | undefined {
  const [head, second] = path.map(String);
  if (head === 'address') return second === 'street' ? 'street' : undefined;
  return head === 'name' || head === 'community' ? head : undefined;
}

describe('fieldErrorsOf', () => {
  it('when several issues name one field, then the first one is its message; paths of no field are dropped', () => {
    const failure = z
      .object({ name: z.string().min(2, '太短').regex(/^\p{Script=Han}+$/u, '只能是汉字'), extra: z.string() })
      .safeParse({ name: 'a', extra: 1 });
    if (failure.success) throw new Error('expected a failure');
    expect(failure.error.issues.filter((i) => i.path[0] === 'name')).toHaveLength(2);
    expect(fieldErrorsOf(failure.error, (path) => (path[0] === 'name' ? 'name' : undefined))).toEqual({ name: '太短' });
  });

  it('when a message is given per field, then it replaces the schema\'s; nested paths map through fieldOf; plain issues work too', () => {
    const failure = Body.safeParse({ name: '', community: '', address: { street: 'x', number: '' } });
    if (failure.success) throw new Error('expected a failure');
    const messages: Record<Field, string> = { name: '请填写姓名', community: '请选择社区', street: '请填写街道' };
    expect(fieldErrorsOf(failure.error, fieldOf, (field) => messages[field])).toEqual(messages);
    expect(fieldErrorsOf(failure.error.issues, fieldOf)).toEqual({
      name: '姓名至少2个字',
      community: expect.any(String),
      street: expect.any(String),
    });
    expect(fieldErrorsOf([], fieldOf)).toEqual({});
  });
});

/** A form the way the pages build theirs: the hook over a zod check, each field in a `.gz-field`. */
function PersonForm({ onSend }: { onSend: (name: string) => Promise<void> }) {
  const [name, setName] = useState('');
  const [community, setCommunity] = useState('');
  const [street, setStreet] = useState('');
  const [formError, setFormError] = useState<string>();
  const check = () => {
    const parsed = Body.safeParse({ name, community, address: { street, number: '1' } });
    return parsed.success ? {} : fieldErrorsOf(parsed.error, fieldOf, (field, message) => (field === 'community' ? '请选择社区' : message));
  };
  const form = useFormErrors<Field>(check, { name, community, street });
  const { errors } = form;

  async function submit() {
    setFormError(undefined);
    if (!form.submitAttempt()) return;
    try {
      await onSend(name);
    } catch (failure) {
      const { code, message } = failure as { code: string; message: string };
      if (code === 'NAME_TAKEN') form.serverError({ name: message });
      else setFormError(message);
    }
  }

  return (
    <div className={form.formClass}>
      <div className={fieldClass(errors.name)} data-testid="name-field">
        <input aria-label="姓名" value={name} onChange={(e) => setName(e.target.value)} />
        <FieldError message={errors.name} />
      </div>
      <div className={fieldClass(errors.community)} data-testid="community-field">
        <div role="radiogroup" aria-label="社区">
          <div role="radio" aria-checked={community === 'lianhua'} tabIndex={0} onClick={() => setCommunity('lianhua')}>
            莲花社区
          </div>
        </div>
        <FieldError message={errors.community} />
      </div>
      <div className={fieldClass(errors.street)}>
        <input aria-label="街道" value={street} onChange={(e) => setStreet(e.target.value)} />
        <FieldError message={errors.street} />
      </div>
      <FieldError message={formError} />
      <button type="button" onClick={() => void submit()}>
        提交
      </button>
    </div>
  );
}

const type = (label: string, value: string) => fireEvent.change(screen.getByRole('textbox', { name: label }), { target: { value } });
const submit = async () => {
  await act(async () => {
    fireEvent.click(screen.getByRole('button', { name: '提交' }));
  });
};
const alerts = () => screen.queryAllByRole('alert').map((a) => a.textContent);

describe('useFormErrors', () => {
  let scrolled: jest.SpyInstance;
  beforeEach(() => {
    scrolled = jest.spyOn(Element.prototype, 'scrollIntoView');
  });
  afterEach(() => scrolled.mockRestore());

  it('when nothing has been submitted yet, then an invalid draft shows no error, even while typing', () => {
    render(<PersonForm onSend={jest.fn()} />);
    type('姓名', 'a');
    type('街道', 'b');
    expect(alerts()).toEqual([]);
    expect(scrolled).not.toHaveBeenCalled();
  });

  it('when a submit fails, then each error goes as its field is corrected and comes back when it is broken again, without submitting', async () => {
    const onSend = jest.fn().mockResolvedValue(undefined);
    render(<PersonForm onSend={onSend} />);
    type('街道', '莲花路');
    await submit();
    expect(alerts()).toEqual(['姓名至少2个字', '请选择社区']);
    type('姓名', '王芳');
    expect(alerts()).toEqual(['请选择社区']);
    fireEvent.click(screen.getByRole('radio', { name: '莲花社区' }));
    expect(alerts()).toEqual([]);
    type('姓名', '王');
    expect(alerts()).toEqual(['姓名至少2个字']);
    expect(onSend).not.toHaveBeenCalled();
  });

  it('when a submit fails, then the first invalid field in page order is centred and its control has the focus', async () => {
    render(<PersonForm onSend={jest.fn()} />);
    await submit();
    expect(scrolled).toHaveBeenCalledTimes(1);
    expect(scrolled.mock.contexts[0]).toBe(screen.getByTestId('name-field'));
    expect(scrolled).toHaveBeenCalledWith({ block: 'center' });
    expect(document.activeElement).toBe(screen.getByRole('textbox', { name: '姓名' }));

    // with the name right, the community is first: its radio (a view reached with Tab) takes the focus
    type('姓名', '王芳');
    type('街道', '莲花路');
    screen.getByRole('button', { name: '提交' }).focus();
    await submit();
    expect(scrolled.mock.contexts[1]).toBe(screen.getByTestId('community-field'));
    expect(document.activeElement).toBe(screen.getByRole('radio', { name: '莲花社区' }));
  });

  it('when the server refuses a field, then its message shows beside it, stays while other fields change and goes when that field changes', async () => {
    const onSend = jest.fn().mockRejectedValue({ code: 'NAME_TAKEN', message: '该姓名已登记' });
    render(<PersonForm onSend={onSend} />);
    type('姓名', '王芳');
    fireEvent.click(screen.getByRole('radio', { name: '莲花社区' }));
    type('街道', '莲花路');
    screen.getByRole('button', { name: '提交' }).focus();
    await submit();
    expect(onSend).toHaveBeenCalledWith('王芳');
    expect(alerts()).toEqual(['该姓名已登记']);
    expect(document.activeElement).toBe(screen.getByRole('textbox', { name: '姓名' }));
    type('街道', '荷花路');
    expect(alerts()).toEqual(['该姓名已登记']);
    type('姓名', '王芳芳');
    expect(alerts()).toEqual([]);
  });

  it('when the server refuses something that is no field, then no field error shows and nothing moves', async () => {
    const onSend = jest.fn().mockRejectedValue({ code: 'RATE_LIMITED', message: '操作太频繁' });
    render(<PersonForm onSend={onSend} />);
    type('姓名', '王芳');
    fireEvent.click(screen.getByRole('radio', { name: '莲花社区' }));
    type('街道', '莲花路');
    await submit();
    expect(alerts()).toEqual(['操作太频繁']);
    expect(scrolled).not.toHaveBeenCalled();
  });

  it('when two forms are on one page, then a failed submit moves the focus inside its own form only', async () => {
    render(
      <>
        <PersonForm onSend={jest.fn()} />
        <PersonForm onSend={jest.fn()} />
      </>,
    );
    const [firstName, secondName] = screen.getAllByRole('textbox', { name: '姓名' });
    fireEvent.change(firstName!, { target: { value: 'a' } });
    await act(async () => {
      fireEvent.click(screen.getAllByRole('button', { name: '提交' })[0]!);
    });
    await act(async () => {
      fireEvent.click(screen.getAllByRole('button', { name: '提交' })[1]!);
    });
    expect(document.activeElement).toBe(secondName);
  });
});

/** The real-name form's case: the field the server refused is emptied in the same update. */
function CodeForm({ onSend }: { onSend: () => Promise<void> }) {
  const [code, setCode] = useState('code-1');
  const form = useFormErrors<'code'>(() => (code ? {} : { code: '请获取验证码' }), { code });
  async function submit() {
    if (!form.submitAttempt()) return;
    await onSend().catch(() => {
      setCode('');
      form.serverError({ code: '验证码已失效，请重新获取' });
    });
  }
  return (
    <div className={form.formClass}>
      <div className={fieldClass(form.errors.code)}>
        <button type="button" onClick={() => setCode('code-2')}>
          获取验证码
        </button>
        <FieldError message={form.errors.code} />
      </div>
      <button type="button" onClick={() => void submit()}>
        提交
      </button>
    </div>
  );
}

describe('useFormErrors with a field the form changes as the refusal arrives', () => {
  it('when the refused value is dropped in the same update, then the refusal stays until a new value comes', async () => {
    render(<CodeForm onSend={jest.fn().mockRejectedValue(new Error('refused'))} />);
    await submit();
    expect(alerts()).toEqual(['验证码已失效，请重新获取']);
    fireEvent.click(screen.getByRole('button', { name: '获取验证码' }));
    expect(alerts()).toEqual([]);
  });
});
