import { isEmpty, seedDemo } from '../../src/demo/demo-data';
import { startTestApp, type TestApp } from '../helpers/test-app';

let t: TestApp;
beforeAll(async () => { t = await startTestApp(); });
afterAll(() => t.close());

describe('demo data', () => {
  it('loads the three seed segments, each with a backfilled live version and an open draft, through the audited services', async () => {
    expect(await isEmpty(t.system)).toBe(true);
    expect(await seedDemo(t.system, { accounts: 2000 })).toEqual({ segments: 3, accounts: 2000 });
    expect(await isEmpty(t.system)).toBe(false);
    const { segments } = await t.data(`{ segments { key membership { attribute operator } liveVersion { number effectiveAt publishedAt definition { dimensions { dimension weight } } } versions { number status notes } } }`);
    expect(segments.map((s: any) => s.key)).toEqual(['enterprise', 'growth', 'strategic']);
    for (const s of segments) {
      expect(s.versions.map((v: any) => `${v.number}:${v.status}`)).toEqual(['1:PUBLISHED', '2:DRAFT']);
      expect(s.liveVersion.definition.dimensions.map((d: any) => `${d.dimension}:${d.weight}`))
        .toEqual(['FIRMOGRAPHICS:30', 'TECHNOGRAPHICS:20', 'BEHAVIORAL:25', 'BUSINESS_NEEDS:15', 'GROWTH:10']);
      expect(new Date(s.liveVersion.effectiveAt).getTime()).toBeLessThan(new Date(s.liveVersion.publishedAt).getTime());
      expect(s.membership[0].attribute).toBe('annualRevenue');
    }
    // Accounts are spread over the segments by revenue and scored under each live version, in every tier.
    for (const key of ['strategic', 'enterprise', 'growth']) {
      const fits = (await t.data(`{ fits(segmentKey: "${key}", first: 500) { totalCount edges { node { tier score } } } }`)).fits;
      expect(fits.totalCount).toBeGreaterThan(100);
      const tiers = new Set(fits.edges.map((e: any) => e.node.tier));
      expect(tiers.has('PERFECT') || tiers.has('STRONG')).toBe(true);
      const scores = fits.edges.map((e: any) => e.node.score);
      expect(scores).toEqual([...scores].sort((a, b) => b - a));
    }
    const unscored = await t.sql(`SELECT count(*)::int AS n FROM account a WHERE cardinality(a.segment_ids) > 0
      AND NOT EXISTS (SELECT 1 FROM account_score s JOIN icp_version v ON v.id = s.version_id AND v.status = 'PUBLISHED'
                      WHERE s.account_id = a.id AND s.valid_to IS NULL)`);
    expect(unscored[0].n).toBe(0);
    const actors = await t.sql(`SELECT DISTINCT actor FROM audit_event WHERE action <> 'apiKey.created'`);
    expect(actors).toEqual([{ actor: 'demo-seed' }]);
    expect((await t.data('{ auditIntegrity { ok } }')).auditIntegrity.ok).toBe(true);
  });
});
