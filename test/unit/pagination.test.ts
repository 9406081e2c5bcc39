/**
 * Paging a list held in memory (versions, history, opportunities, exceptions) with every
 * combination of Relay's arguments, against slices of the list worked out apart.
 */
import { encodeCursor, listScope, pageOfList, pageRequest, type PageArgs } from '../../src/common/pagination';

const items = Array.from({ length: 12 }, (_, i) => ({ n: i + 1 }));
const scope = listScope('versions', { segmentId: 'x' });
const cursorOf = (i: number) => encodeCursor(scope, [items[i].n]);
const read = (args: PageArgs) => {
  const page = pageOfList(items, pageRequest(scope, args, ['integer']), (v) => [v.n]);
  return { ns: page.nodes.map((v) => v.n), ...page.pageInfo };
};

describe('pageOfList', () => {
  it('reads after and before together, forward with first and backward with last', () => {
    // items[2] is n=3, items[9] is n=10: the window is 4..9.
    expect(read({ after: cursorOf(2), before: cursorOf(9), first: 4 })).toMatchObject({
      ns: [4, 5, 6, 7],
      hasPreviousPage: true,
      hasNextPage: true,
    });
    expect(read({ after: cursorOf(2), before: cursorOf(9), last: 4 })).toMatchObject({
      ns: [6, 7, 8, 9],
      hasPreviousPage: true,
      hasNextPage: true,
    });
    expect(read({ after: cursorOf(2), last: 2 })).toMatchObject({ ns: [11, 12], hasPreviousPage: true, hasNextPage: false });
    expect(read({ before: cursorOf(3), first: 10 })).toMatchObject({ ns: [1, 2, 3], hasPreviousPage: false, hasNextPage: true });
    expect(read({ after: cursorOf(8), before: cursorOf(9), last: 3 })).toMatchObject({ ns: [], hasPreviousPage: true });
    // Crossed cursors: an empty window.
    expect(read({ after: cursorOf(9), before: cursorOf(2), first: 3 }).ns).toEqual([]);
    // last wins over first.
    expect(read({ first: 2, last: 3 }).ns).toEqual([10, 11, 12]);
  });

  it('gives an empty page for a cursor whose row is gone, on either side', () => {
    const gone = encodeCursor(scope, [99]);
    expect(read({ after: gone, last: 3 }).ns).toEqual([]);
    expect(read({ before: gone, first: 3 }).ns).toEqual([]);
  });
});
