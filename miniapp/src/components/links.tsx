import { Children, type ReactNode } from 'react';
import { View } from '@tarojs/components';
import { a11y } from './a11y';
import { pressable } from './pressable';

/**
 * A view that acts as a link (or a button): reachable with Tab, acted on with Enter or Space.
 *
 * With a `label` (a card, a row with a hint), the label is the control's whole name. On H5 the control
 * is then a layer stretched over the drawn content rather than its parent, and the content is hidden
 * from the accessibility tree: a control whose name leaves out words drawn inside it fails WCAG 2.5.3
 * (axe's label-content-name-mismatch), and the label already says everything the card shows. Pointer
 * users click anywhere on the card as before. The mini-program keeps the label on the card itself.
 * Without a label, the content is the name.
 */
export function Pressable({
  role = 'link',
  label,
  className,
  onPress,
  children,
}: {
  role?: 'link' | 'button';
  label?: string;
  className?: string;
  onPress: () => void;
  children: ReactNode;
}) {
  if (label && process.env.TARO_ENV === 'h5') {
    return (
      <View className={className ? `${className} gz-pressable` : 'gz-pressable'}>
        <View className="gz-drawn" aria-hidden="true">
          {children}
        </View>
        <View className="gz-pressable-layer" {...a11y({ role, label })} {...pressable(onPress)} onClick={onPress} />
      </View>
    );
  }
  return (
    <View className={className} {...a11y({ role, label })} {...pressable(onPress)} onClick={onPress}>
      {children}
    </View>
  );
}

/** A list whose entries (links, rows) are each wrapped as a list item, as a list must hold. */
export function ItemList({ label, className, children }: { label: string; className?: string; children: ReactNode }) {
  return (
    <View className={className} {...a11y({ role: 'list', label })}>
      {Children.map(children, (child) => (child === null || child === undefined || child === false ? null : <View className="gz-listitem" {...a11y({ role: 'listitem' })}>
          {child}
        </View>))}
    </View>
  );
}
