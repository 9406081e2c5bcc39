import { Kind, type FieldNode, type GraphQLResolveInfo, type SelectionSetNode } from 'graphql';

/**
 * Calls `each` for every field of these selection sets, through inline fragments and named
 * fragments (each named one once), whatever their type conditions and directives: a field under
 * `@skip` counts, so a reader guided by it reads more, never less.
 */
function forEachField(info: GraphQLResolveInfo, sets: readonly SelectionSetNode[], each: (field: FieldNode) => void): void {
  const seenFragments = new Set<string>();
  const visit = (set: SelectionSetNode | undefined): void => {
    for (const s of set?.selections ?? []) {
      if (s.kind === Kind.FIELD) each(s);
      else if (s.kind === Kind.INLINE_FRAGMENT) visit(s.selectionSet);
      else if (!seenFragments.has(s.name.value)) {
        seenFragments.add(s.name.value);
        visit(info.fragments[s.name.value]?.selectionSet);
      }
    }
  };
  sets.forEach(visit);
}

/** The selection sets of this resolver's field (one per occurrence of it in the query). */
const ownSets = (info: GraphQLResolveInfo): SelectionSetNode[] => info.fieldNodes.flatMap((n) => (n.selectionSet ? [n.selectionSet] : []));

/**
 * The string values given to `argument` of the fields named `field` that the query selects on
 * this resolver's result, through fragments, variables resolved: what the fields below will
 * ask for, so that a resolver can read it beside its own row. A hint only: the fields still
 * read for themselves what it did not foresee.
 */
export function selectedArgument(info: GraphQLResolveInfo, field: string, argument: string): string[] {
  const values = new Set<string>();
  forEachField(info, ownSets(info), (s) => {
    if (s.name.value !== field) return;
    const node = s.arguments?.find((a) => a.name.value === argument)?.value;
    const value = node?.kind === Kind.STRING ? node.value : node?.kind === Kind.VARIABLE ? info.variableValues[node.name.value] : undefined;
    if (typeof value === 'string') values.add(value);
  });
  return [...values];
}

/**
 * The names of the fields the query selects at `path` below this resolver's field (through
 * fragments, as forEachField), merged over every route that reaches it:
 * `selectedFields(info, ['edges', 'node'])` on a connection. Empty when nothing reaches the path.
 */
export function selectedFields(info: GraphQLResolveInfo, path: readonly string[]): Set<string> {
  let sets = ownSets(info);
  for (const step of path) {
    const next: SelectionSetNode[] = [];
    forEachField(info, sets, (s) => {
      if (s.name.value === step && s.selectionSet) next.push(s.selectionSet);
    });
    sets = next;
  }
  const names = new Set<string>();
  forEachField(info, sets, (s) => names.add(s.name.value));
  return names;
}
