import type { mongo } from 'mongoose';
import type { ProposalPage } from '@gongzhi/shared';
import { keysetAfter, keysetCursor, keysetSort, type Keyset } from '../../platform/pagination';
import type { ProposalRecord, ProposalStore } from './proposal-store';

type Filter = mongo.Filter<ProposalRecord>;

/** A list's order and the index of proposal-store.ts that serves it (named as a hint: FerretDB 2's planner may guess otherwise). */
export interface ProposalOrder {
  keyset: Keyset<ProposalRecord>;
  index: string;
}

export const ORDERS = {
  newest: { keyset: { fields: [], idOrder: -1 }, index: 'community_newest' },
  supported: { keyset: { fields: [['supports', -1]], idOrder: -1 }, index: 'community_supported' },
  mine: { keyset: { fields: [], idOrder: -1 }, index: 'author_newest' },
  awaiting: { keyset: { fields: [['answerDeadline', 1]], idOrder: 1 }, index: 'community_state_deadline' },
  adopted: { keyset: { fields: [], idOrder: -1 }, index: 'community_state_newest' },
} as const satisfies Record<string, ProposalOrder>;

function compare(keyset: Keyset<ProposalRecord>) {
  return (a: ProposalRecord, b: ProposalRecord): number => {
    for (const [f, dir] of keyset.fields) {
      const d = Number(a[f] ?? 0) - Number(b[f] ?? 0);
      if (d !== 0) return d * dir;
    }
    return a._id.toHexString().localeCompare(b._id.toHexString()) * keyset.idOrder;
  };
}

/**
 * One page of the union of `parts` (each an equality prefix of the order's index, e.g. one per
 * community a staff member answers for), in the order's sort: each part read as its own page through
 * the index, the pages merged. The cursor is the last row's sort values (platform/pagination.ts).
 */
export async function pageProposals<V>(
  store: ProposalStore,
  parts: Filter[],
  order: ProposalOrder,
  query: { cursor?: string; limit: number },
  toView: (p: ProposalRecord) => V,
): Promise<{ items: V[]; nextCursor: string | null }> {
  const after = keysetAfter(order.keyset, query.cursor) as Filter;
  const pages = await Promise.all(
    parts.map((filter) =>
      store.proposals()
        .find({ ...filter, ...after }, { hint: order.index, projection: { events: 0, progress: 0 } })
        .sort(keysetSort(order.keyset))
        .limit(query.limit + 1)
        .toArray(),
    ),
  );
  const merged = pages.flat().sort(compare(order.keyset));
  const page = merged.slice(0, query.limit);
  const last = page[page.length - 1];
  return { items: page.map(toView), nextCursor: merged.length > query.limit && last ? keysetCursor(order.keyset, last) : null };
}

export type { ProposalPage };
