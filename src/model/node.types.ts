import { Field, ID, InterfaceType } from 'type-graphql';

/**
 * The type name of each object `node`/`nodes` return. The objects behind GraphQL types are plain
 * rows, so the resolver records what it found rather than guessing from the shape.
 */
const nodeTypes = new WeakMap<object, string>();

export function asNode<T extends object>(typeName: string, value: T): T {
  nodeTypes.set(value, typeName);
  return value;
}

@InterfaceType({
  description: 'An object with a global id (Relay): refetch it with node(id:).',
  resolveType: (value: object) => nodeTypes.get(value),
})
export abstract class Node {
  @Field(() => ID)
  id: string;
}
