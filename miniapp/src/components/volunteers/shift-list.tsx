import type { ShiftView } from '@gongzhi/shared';
import { PagedItems } from '../paged-items';
import type { usePagedList } from '../paged-list';
import { ShiftCard } from './shift-card';

/** A page of shifts; coming back to it reloads (a sign-up changed it). */
export function ShiftList({
  list,
  label,
  empty,
  onOpen,
}: {
  list: ReturnType<typeof usePagedList<ShiftView>>;
  label: string;
  empty: string;
  onOpen: (id: string) => void;
}) {
  return <PagedItems list={list} label={label} empty={empty} renderItem={(shift) => <ShiftCard shift={shift} onOpen={onOpen} />} />;
}
