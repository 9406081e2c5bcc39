import { Kind, type GraphQLResolveInfo, type SelectionSetNode } from 'graphql';

/**
 * The string values given to `argument` of the fields named `field` that the query selects on
 * this resolver's result, through fragments, variables resolved: what the fields below will
 * ask for, so that a resolver can read it beside its own row. A hint only: the fields still
 * read for themselves what it did not foresee.
 */
export function selectedArgument(info: GraphQLResolveInfo, field: string, argument: string): string[] {
  const values = new Set<string>();
  const seenFragments = new Set<string>();
  const visit = (set: SelectionSetNode | undefined): void => {
    for (const s of set?.selections ?? []) {
      if (s.kind === Kind.INLINE_FRAGMENT) visit(s.selectionSet);
      else if (s.kind === Kind.FRAGMENT_SPREAD) {
        if (seenFragments.has(s.name.value)) continue;
        seenFragments.add(s.name.value);
        visit(info.fragments[s.name.value]?.selectionSet);
      } else if (s.name.value === field) {
        const node = s.arguments?.find((a) => a.name.value === argument)?.value;
        const value =
          node?.kind === Kind.STRING ? node.value : node?.kind === Kind.VARIABLE ? info.variableValues[node.name.value] : undefined;
        if (typeof value === 'string') values.add(value);
      }
    }
  };
  for (const node of info.fieldNodes) visit(node.selectionSet);
  return [...values];
}

/**
 * The names of the fields the query selects at `path` below this resolver's field (through
 * fragments, whatever their directives: a field under `@skip` counts, so a reader reads more,
 * never less), merged over every route that reaches it: `selectedFields(info, ['edges', 'node'])`
 * on a connection. Empty when nothing reaches the path.
 */
export function selectedFields(info: GraphQLResolveInfo, path: readonly string[]): Set<string> {
  let sets: SelectionSetNode[] = info.fieldNodes.flatMap((n) => (n.selectionSet ? [n.selectionSet] : []));
  const names = new Set<string>();
  for (let depth = 0; depth <= path.length; depth++) {
    const next: SelectionSetNode[] = [];
    const seenFragments = new Set<string>();
    const visit = (set: SelectionSetNode): void => {
      for (const s of set.selections) {
        if (s.kind === Kind.INLINE_FRAGMENT) visit(s.selectionSet);
        else if (s.kind === Kind.FRAGMENT_SPREAD) {
          const fragment = info.fragments[s.name.value];
          if (fragment && !seenFragments.has(s.name.value)) {
            seenFragments.add(s.name.value);
            visit(fragment.selectionSet);
          }
        } else if (depth === path.length) names.add(s.name.value);
        else if (s.name.value === path[depth] && s.selectionSet) next.push(s.selectionSet);
      }
    };
    sets.forEach(visit);
    sets = next;
  }
  return names;
}
