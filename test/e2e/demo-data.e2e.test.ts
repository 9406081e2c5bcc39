import { isEmpty, seedDemo } from '../../src/demo/demo-data';
import { startTestApp, type TestApp } from '../helpers/test-app';

let t: TestApp;
beforeAll(async () => { t = await startTestApp(); });
afterAll(() => t.close());

describe('demo data', () => {
  it('loads the three seed segments, each with a backfilled live version and an open draft, through the audited services', async () => {
    expect(await isEmpty(t.system)).toBe(true);
    expect(await seedDemo(t.system)).toEqual({ segments: 3 });
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
    const actors = await t.sql(`SELECT DISTINCT actor FROM audit_event WHERE action <> 'apiKey.created'`);
    expect(actors).toEqual([{ actor: 'demo-seed' }]);
    expect((await t.data('{ auditIntegrity { ok } }')).auditIntegrity.ok).toBe(true);
  });
});
