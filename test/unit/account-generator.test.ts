import { createRng } from '../../src/common/random';
import { DEFAULT_NOW, generateAccounts, generateAccountStream, type GeneratedAccount } from '../../src/demo/account-generator';

/** The attribute catalogue of migrations/1764000000000-Registry.ts (key -> type). */
const CATALOGUE: Record<string, 'NUMBER' | 'STRING' | 'STRING_LIST' | 'BOOLEAN' | 'DATE'> = {
  industry: 'STRING',
  employees: 'NUMBER',
  annualRevenue: 'NUMBER',
  country: 'STRING',
  region: 'STRING',
  fundingStage: 'STRING',
  foundedYear: 'NUMBER',
  businessModel: 'STRING',
  isPublic: 'BOOLEAN',
  techStack: 'STRING_LIST',
  cloudProvider: 'STRING',
  deployment: 'STRING',
  mlMaturity: 'STRING',
  usesCompetitor: 'BOOLEAN',
  websiteVisits30d: 'NUMBER',
  contentDownloads90d: 'NUMBER',
  demoRequested: 'BOOLEAN',
  emailEngagementRate: 'NUMBER',
  eventsAttended: 'NUMBER',
  openRoles: 'NUMBER',
  lastFundingAt: 'DATE',
  lastEngagedAt: 'DATE',
  painPoints: 'STRING_LIST',
  useCases: 'STRING_LIST',
  budgetUsd: 'NUMBER',
  urgency: 'STRING',
  headcountGrowth12m: 'NUMBER',
  expansionPotential: 'STRING',
  referencePotential: 'BOOLEAN',
};

const DAY_MS = 86_400_000;

function hasCatalogueType(type: string, v: unknown): boolean {
  switch (type) {
    case 'NUMBER':
      return typeof v === 'number' && Number.isFinite(v);
    case 'STRING':
      return typeof v === 'string';
    case 'BOOLEAN':
      return typeof v === 'boolean';
    case 'STRING_LIST':
      return Array.isArray(v) && v.every((x) => typeof x === 'string');
    case 'DATE':
      return typeof v === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(v) && new Date(`${v}T00:00:00Z`).toISOString().startsWith(v);
    default:
      return false;
  }
}

describe('createRng', () => {
  it('is deterministic per seed and returns numbers in [0, 1)', () => {
    const a = createRng(7),
      b = createRng(7),
      c = createRng(8);
    const xs = Array.from({ length: 1000 }, a);
    expect(Array.from({ length: 1000 }, b)).toEqual(xs);
    expect(Array.from({ length: 1000 }, c)).not.toEqual(xs);
    expect(xs.every((x) => x >= 0 && x < 1)).toBe(true);
  });
});

describe('generateAccounts', () => {
  it('gives identical accounts for the same seed', () => {
    expect(generateAccounts(200, { seed: 11 })).toEqual(generateAccounts(200, { seed: 11 }));
  });

  it('makes account i independent of the batch it is generated in', () => {
    const big = generateAccounts(1000, { seed: 3 });
    expect(generateAccounts(10, { seed: 3 })).toEqual(big.slice(0, 10));
    expect(generateAccounts(10, { seed: 3, startIndex: 990 })).toEqual(big.slice(990));
    expect(generateAccounts(1, { seed: 3, startIndex: 42 })[0]).toEqual(big[42]);
    expect(big[42].externalId).toBe('acc-0000042');
  });

  it('streams the same sequence as the batch form', () => {
    const batch = generateAccounts(300, { seed: 5, startIndex: 1000 });
    expect([...generateAccountStream(300, { seed: 5, startIndex: 1000 })]).toEqual(batch);
  });

  it('differs between seeds', () => {
    const a = generateAccounts(50, { seed: 1 });
    const b = generateAccounts(50, { seed: 2 });
    const same = a.filter((x, i) => JSON.stringify(x) === JSON.stringify(b[i])).length;
    expect(same).toBe(0);
  });

  it('rejects bad ranges at the call', () => {
    expect(() => generateAccounts(-1)).toThrow(RangeError);
    expect(() => generateAccountStream(10, { startIndex: 1.5 })).toThrow(RangeError);
  });

  describe('over 20,000 accounts', () => {
    let accounts: GeneratedAccount[];
    beforeAll(() => {
      accounts = generateAccounts(20_000, { seed: 2026 });
    });

    it('uses only catalogue keys, with values of the catalogue type', () => {
      const bad: string[] = [];
      for (const acc of accounts) {
        for (const [key, value] of Object.entries(acc.attributes)) {
          const type = CATALOGUE[key];
          if (type === undefined) bad.push(`${acc.externalId}: unknown key ${key}`);
          else if (value !== null && !hasCatalogueType(type, value))
            bad.push(`${acc.externalId}: ${key}=${JSON.stringify(value)} is not ${type}`);
        }
      }
      expect(bad.slice(0, 10)).toEqual([]);
    });

    it('puts revenue in the stated bands (10/30/40/20 %, within 5 points)', () => {
      const bands = [0, 0, 0, 0];
      for (const acc of accounts) {
        const r = acc.attributes.annualRevenue as number;
        bands[r >= 1e9 ? 0 : r >= 1e8 ? 1 : r >= 1e7 ? 2 : 3]++;
      }
      const shares = bands.map((n) => (100 * n) / accounts.length);
      [10, 30, 40, 20].forEach((want, i) => expect(Math.abs(shares[i] - want)).toBeLessThanOrEqual(5));
    });

    it('has unique externalIds and domains', () => {
      expect(new Set(accounts.map((a) => a.externalId)).size).toBe(accounts.length);
      expect(new Set(accounts.map((a) => a.domain)).size).toBe(accounts.length);
    });

    // Violations are collected and compared once: an expect per account made these tests slow.
    it('keeps region consistent with country and isPublic with fundingStage', () => {
      const regionOf = new Map<string, string>();
      const bad: string[] = [];
      for (const { externalId, attributes: a } of accounts) {
        const prev = regionOf.get(a.country as string);
        if (prev !== undefined && a.region !== prev) bad.push(`${externalId}: ${a.country} in ${a.region}`);
        regionOf.set(a.country as string, a.region as string);
        if (a.isPublic !== undefined && a.fundingStage !== undefined && a.isPublic !== (a.fundingStage === 'public')) {
          bad.push(`${externalId}: isPublic ${a.isPublic} at ${a.fundingStage}`);
        }
      }
      expect(bad.slice(0, 10)).toEqual([]);
      expect(new Set(regionOf.values())).toEqual(new Set(['NA', 'EMEA', 'APAC', 'LATAM']));
    });

    it('dates lie within ~2 years (funding) and 120 days (engagement) of now', () => {
      const now = DEFAULT_NOW.getTime();
      const bad: string[] = [];
      for (const { externalId, attributes: a } of accounts) {
        const funded = a.lastFundingAt === undefined ? now : Date.parse(a.lastFundingAt as string);
        const engaged = a.lastEngagedAt === undefined ? now : Date.parse(a.lastEngagedAt as string);
        if (!(funded <= now && funded >= now - 731 * DAY_MS)) bad.push(`${externalId}: lastFundingAt ${a.lastFundingAt}`);
        if (!(engaged <= now && engaged >= now - 120 * DAY_MS)) bad.push(`${externalId}: lastEngagedAt ${a.lastEngagedAt}`);
      }
      expect(bad.slice(0, 10)).toEqual([]);
    });

    it('leaves 5-10 % of each optional attribute missing, and completeness varies', () => {
      const core = ['industry', 'annualRevenue', 'employees', 'country', 'region'];
      // lastFundingAt is also absent by design for most public/private companies.
      for (const key of Object.keys(CATALOGUE).filter((k) => !core.includes(k) && k !== 'lastFundingAt')) {
        const missing = accounts.filter((a) => a.attributes[key] === undefined || a.attributes[key] === null).length;
        const share = missing / accounts.length;
        expect([key, share >= 0.05 && share <= 0.1]).toEqual([key, true]);
      }
      const sizes = new Set(accounts.map((a) => Object.keys(a.attributes).length));
      expect(sizes.size).toBeGreaterThan(5);
    });

    it('sizes lists as specified and keeps growth and engagement in range', () => {
      const bad: string[] = [];
      for (const { externalId, attributes: a } of accounts) {
        const tech = a.techStack as string[] | undefined;
        if (tech && (tech.length < 2 || tech.length > 7 || new Set(tech).size !== tech.length))
          bad.push(`${externalId}: techStack ${tech}`);
        const g = a.headcountGrowth12m as number | undefined;
        if (g !== undefined && (g < -0.1 || g > 0.8)) bad.push(`${externalId}: headcountGrowth12m ${g}`);
        const e = a.emailEngagementRate as number | undefined;
        if (e !== undefined && (e < 0 || e > 1)) bad.push(`${externalId}: emailEngagementRate ${e}`);
      }
      expect(bad.slice(0, 10)).toEqual([]);
      const demo = accounts.filter((a) => a.attributes.demoRequested === true).length / accounts.length;
      expect(demo).toBeGreaterThan(0.1);
      expect(demo).toBeLessThan(0.2);
    });
  });
});
