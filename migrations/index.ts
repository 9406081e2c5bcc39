import { Registry1764000000000 } from './1764000000000-Registry';

/** Every migration, oldest first. Explicit, so that ts-node, jest and compiled builds load the same list. */
export const migrations = [Registry1764000000000];
