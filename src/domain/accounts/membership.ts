import { compileTest, isMissing } from '../scoring/attribute-test';
import type { AccountAttributes, AttributeTest } from '../../model/icp-definition';

export interface SegmentRule {
  id: string;
  key: string;
  membership: AttributeTest[];
}

/** The segments an account belongs to at an instant, and when time alone may change that. */
export interface MembershipAt {
  /** Segment ids. */
  segmentIds: string[];
  /**
   * The first instant after the evaluation instant at which a segment's rule may hold or stop
   * holding by the passing of time alone (a WITHIN_DAYS window of a membership rule ends, or a
   * future date enters it); null when time alone never changes the membership. Membership is
   * evaluated again then (it may turn out unchanged when another test of the rule fails).
   */
  nextChangeAt: Date | null;
}

/** A membership rule prepared once: whether it holds at `atMs`, and the next instant time may change that (NaN: never). */
function compileRule(tests: AttributeTest[]): (attributes: AccountAttributes, atMs: number) => { holds: boolean; next: number } {
  const compiled = tests.map((t) => compileTest(t));
  return (attributes, atMs) => {
    let holds = true;
    let next = NaN;
    for (const t of compiled) {
      const value = t.read(attributes);
      const matched = !isMissing(value) && t.matches(value, atMs);
      if (!t.nextChange || isMissing(value)) {
        // A test time cannot change: failing, it keeps the rule from holding for ever.
        if (!matched) return { holds: false, next: NaN };
        continue;
      }
      const change = t.nextChange(value, atMs);
      if (!matched && change !== change) return { holds: false, next: NaN }; // failing for ever
      if (!matched) holds = false;
      if (change === change && !(change >= next)) next = change;
    }
    return { holds, next };
  };
}

/**
 * Which segments an account belongs to at `at`: those whose every membership criterion holds
 * (an empty list admits every account), and those it names explicitly, with the next instant
 * at which time alone may change that (a segment named explicitly never changes by time).
 */
export function compileMembership(
  segments: SegmentRule[],
): (attributes: AccountAttributes, explicit: readonly string[], at: Date) => MembershipAt {
  const rules = segments.map((s) => ({ id: s.id, key: s.key, rule: compileRule(s.membership) }));
  return (attributes, explicit, at) => {
    const atMs = at.getTime();
    const segmentIds: string[] = [];
    let next = NaN;
    for (const r of rules) {
      if (explicit.includes(r.key)) {
        segmentIds.push(r.id);
        continue;
      }
      const { holds, next: change } = r.rule(attributes, atMs);
      if (holds) segmentIds.push(r.id);
      if (change === change && !(change >= next)) next = change;
    }
    return { segmentIds, nextChangeAt: next === next ? new Date(next) : null };
  };
}
