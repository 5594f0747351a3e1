import type { ComponentProps } from 'react';
import NutButton from '@nutui/nutui-react-taro/dist/es/packages/button';
// NutUI pieces, each with its own CSS only (importing the whole library would bloat the main package).
import '@nutui/nutui-react-taro/dist/es/packages/button/style/css';
import { a11y } from './a11y';

type ButtonProps = ComponentProps<typeof NutButton>;

/**
 * NutUI's button renders Taro's <taro-button-core> on H5, which browsers do not treat as a
 * button: give it the role, and say when it is disabled (not only by its grey colour).
 */
export function Button(props: ButtonProps) {
  const roleProps = a11y({ role: 'button', disabled: Boolean(props.disabled || props.loading) });
  return <NutButton {...(roleProps as Partial<ButtonProps>)} {...props} />;
}
