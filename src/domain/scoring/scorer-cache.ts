import type { IcpVersion } from '../../model/icp-version.types';
import { compileScorer, type CompiledScorer } from './scoring-engine';

const MAX_ENTRIES = 1000;
const cache = new Map<string, CompiledScorer>();

/**
 * The compiled scorer of a version. Keyed by id and content hash: published versions never
 * change, and a draft's hash changes with every edit, so an entry is never stale.
 */
export function scorerFor(version: Pick<IcpVersion, 'id' | 'contentHash' | 'definition'>): CompiledScorer {
  const key = `${version.id}:${version.contentHash}`;
  let scorer = cache.get(key);
  if (!scorer) {
    if (cache.size >= MAX_ENTRIES) cache.delete(cache.keys().next().value as string);
    scorer = compileScorer(version.definition);
    cache.set(key, scorer);
  }
  return scorer;
}

/** Every attribute a version's criteria and disqualifiers read. */
export function attributesRead(version: IcpVersion): string[] {
  const { dimensions, disqualifiers } = version.definition;
  return [...new Set([...dimensions.flatMap((d) => d.criteria.map((c) => c.attribute)), ...disqualifiers.map((q) => q.attribute)])];
}
