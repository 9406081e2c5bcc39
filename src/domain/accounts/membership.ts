import { compileMatchesAll } from '../scoring/attribute-test';
import type { AccountAttributes, AttributeTest } from '../../model/icp-definition';

export interface SegmentRule {
  id: string;
  key: string;
  membership: AttributeTest[];
}

/**
 * Which segments an account belongs to: those whose every membership criterion holds (an
 * empty list admits every account), and those it names explicitly. Returns segment ids.
 */
export function compileMembership(
  segments: SegmentRule[],
): (attributes: AccountAttributes, explicit: readonly string[], at: Date) => string[] {
  const rules = segments.map((s) => ({ id: s.id, key: s.key, matches: compileMatchesAll(s.membership) }));
  return (attributes, explicit, at) => rules.filter((r) => explicit.includes(r.key) || r.matches(attributes, at)).map((r) => r.id);
}
