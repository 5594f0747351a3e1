import type { ComponentProps } from 'react';
import NutButton from '@nutui/nutui-react-taro/dist/es/packages/button';
// NutUI pieces, each with its own CSS only (importing the whole library would bloat the main package).
import '@nutui/nutui-react-taro/dist/es/packages/button/style/css';
import { a11y } from './a11y';
import { pressable } from './pressable';

type ButtonProps = ComponentProps<typeof NutButton>;

/**
 * NutUI's button renders Taro's <taro-button-core> on H5, which browsers do not treat as a
 * button: give it the role, and say when it is disabled (not only by its grey colour).
 *
 * NutUI draws `loading` with an icon element that the weapp build has no template for (WeChat logs
 * "Template tmpl_0_i not found" and shows nothing), so the wait is said in words instead, on every
 * platform, and the button is disabled meanwhile.
 */
export function Button({ loading, children, ...props }: ButtonProps) {
  const disabled = Boolean(props.disabled || loading);
  const roleProps = a11y({ role: 'button', disabled });
  // <taro-button-core> is no native button: it joins the Tab order and answers Enter and Space here
  const { onClick } = props;
  const keyProps = pressable(() => onClick?.({} as Parameters<NonNullable<ButtonProps['onClick']>>[0]), { disabled });
  return (
    <NutButton {...(roleProps as Partial<ButtonProps>)} {...(keyProps as Partial<ButtonProps>)} {...props} disabled={disabled}>
      {children}
      {loading ? '（处理中）' : null}
    </NutButton>
  );
}
