import { compileMembership } from '../../src/domain/accounts/membership';
import type { AttributeTest } from '../../src/model/icp-definition';

const at = new Date('2026-11-24T12:00:00Z');
const within10: AttributeTest = { attribute: 'lastEngagedAt', operator: 'WITHIN_DAYS', value: 10 };
const emea: AttributeTest = { attribute: 'region', operator: 'EQ', value: 'EMEA' };
const recentFunding: AttributeTest = { attribute: 'lastFundingAt', operator: 'WITHIN_DAYS', value: 30 };
const membership = compileMembership([
  { id: 'engaged', key: 'engaged', membership: [emea, within10] },
  { id: 'funded', key: 'funded', membership: [recentFunding] },
  { id: 'all', key: 'all', membership: [] },
]);

describe('membership and the instant time changes it', () => {
  it('a member by a window leaves the first millisecond after the window ends', () => {
    // Nov 20 12:00 + 10 days = Nov 30 12:00, inclusive.
    expect(membership({ region: 'EMEA', lastEngagedAt: '2026-11-20T12:00:00Z' }, [], at)).toEqual({
      segmentIds: ['engaged', 'all'],
      nextChangeAt: new Date('2026-11-30T12:00:00.001Z'),
    });
    // One millisecond before the end it still holds; at the end + 1 ms it does not, and never changes again.
    expect(
      membership({ region: 'EMEA', lastEngagedAt: '2026-11-20T12:00:00Z' }, [], new Date('2026-11-30T12:00:00.000Z')).segmentIds,
    ).toContain('engaged');
    expect(membership({ region: 'EMEA', lastEngagedAt: '2026-11-20T12:00:00Z' }, [], new Date('2026-11-30T12:00:00.001Z'))).toEqual({
      segmentIds: ['all'],
      nextChangeAt: null,
    });
  });

  it('a future date joins when it comes', () => {
    expect(membership({ region: 'EMEA', lastEngagedAt: '2026-12-01T00:00:00Z' }, [], at)).toEqual({
      segmentIds: ['all'],
      nextChangeAt: new Date('2026-12-01T00:00:00.000Z'),
    });
  });

  it('a test time cannot change that fails keeps time from changing the rule', () => {
    expect(membership({ region: 'NA', lastEngagedAt: '2026-11-20T12:00:00Z' }, [], at)).toEqual({
      segmentIds: ['all'],
      nextChangeAt: null,
    });
    expect(membership({ lastEngagedAt: '2026-11-20T12:00:00Z' }, [], at)).toEqual({ segmentIds: ['all'], nextChangeAt: null });
  });

  it('the soonest instant over every segment; a segment named explicitly never changes by time', () => {
    const attributes = { region: 'EMEA', lastEngagedAt: '2026-11-20T12:00:00Z', lastFundingAt: '2026-11-10T00:00:00Z' };
    // funded: Nov 10 + 30 days = Dec 10 00:00; engaged ends first (Nov 30 12:00).
    expect(membership(attributes, [], at)).toEqual({
      segmentIds: ['engaged', 'funded', 'all'],
      nextChangeAt: new Date('2026-11-30T12:00:00.001Z'),
    });
    expect(membership(attributes, ['engaged'], at)).toEqual({
      segmentIds: ['engaged', 'funded', 'all'],
      nextChangeAt: new Date('2026-12-10T00:00:00.001Z'),
    });
  });
});
