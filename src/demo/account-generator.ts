/**
 * Deterministic generator of realistic B2B accounts for the demo and benchmarks. Every
 * account is derived from (seed, index) alone, so account 42 is the same whether 10 or
 * 1,000,000 accounts are generated, and a benchmark can regenerate exactly the demo's rows.
 * Attribute keys and types follow the catalogue of migration 1764000000000-Registry.
 */
import { createRng } from '../common/random';
import { DAY } from '../common/dates';

/** An attribute value as the catalogue types allow (DATE values are `YYYY-MM-DD` strings). */
export type GeneratedValue = string | number | boolean | string[] | null;

/** One generated account. Optional attributes may be absent (data completeness varies). */
export interface GeneratedAccount {
  externalId: string;
  name: string;
  domain: string;
  attributes: Record<string, GeneratedValue>;
}

/** Options of {@link generateAccounts} and {@link generateAccountStream}. */
export interface GenerateOptions {
  /** Seed of the whole population (default 1). */
  seed?: number;
  /** Index of the first account (default 0): account i is the same in any batch. */
  startIndex?: number;
  /** Reference instant for the date attributes (default {@link DEFAULT_NOW}). */
  now?: Date;
}

/** Default reference instant: fixed so that output never depends on the clock. */
export const DEFAULT_NOW = new Date('2026-11-01T00:00:00Z');

/** murmur3's finaliser: spreads (seed, index) so that neighbouring indexes get unrelated streams. */
function fmix(h: number): number {
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b);
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
  return (h ^ (h >>> 16)) >>> 0;
}

/** Weighted choice from "value:weight" pairs; `r` is a uniform draw in [0, 1). */
function weighted(spec: string): (r: number) => string {
  const pairs = spec.split(',').map((p) => p.split(':'));
  const values = pairs.map((p) => p[0]);
  const total = pairs.reduce((s, p) => s + Number(p[1]), 0);
  let acc = 0;
  const cum = pairs.map((p) => (acc += Number(p[1]) / total));
  return (r) => {
    for (let i = 0; i < cum.length - 1; i++) if (r < cum[i]) return values[i];
    return values[values.length - 1];
  };
}

const INDUSTRY = weighted(
  'saas:18,financial services:12,healthcare:10,e-commerce:9,media:6,gaming:5,' +
    'manufacturing:12,retail:9,logistics:7,education:9,government:2.5',
);
const TARGET = new Set(['financial services', 'e-commerce', 'media', 'saas', 'healthcare', 'gaming']);

// Country and region are drawn together so that they always agree.
const COUNTRY = weighted('US:42,CA:6,GB:8,DE:6,FR:4,NL:3,SE:2,IE:2,IL:2,ES:2,AE:1,JP:4,AU:3,IN:4,SG:2,KR:1,BR:4,MX:3,AR:1,CO:1');
const REGION: Record<string, string> = {};
for (const c of 'US,CA'.split(',')) REGION[c] = 'NA';
for (const c of 'GB,DE,FR,NL,SE,IE,IL,ES,AE'.split(',')) REGION[c] = 'EMEA';
for (const c of 'JP,AU,IN,SG,KR'.split(',')) REGION[c] = 'APAC';
for (const c of 'BR,MX,AR,CO'.split(',')) REGION[c] = 'LATAM';
const TLD: Record<string, string> = {
  GB: '.co.uk',
  DE: '.de',
  FR: '.fr',
  NL: '.nl',
  SE: '.se',
  IE: '.ie',
  ES: '.es',
  JP: '.jp',
  AU: '.com.au',
  IN: '.in',
  BR: '.com.br',
  MX: '.mx',
};

// Revenue bands: <$10M, $10M-$100M, $100M-$1B, $1B+ (index = band).
const FUNDING = [
  weighted('seed:45,series-a:35,series-b:10,private:10'),
  weighted('seed:6,series-a:30,series-b:32,series-c:12,private:20'),
  weighted('series-b:12,series-c:24,growth:18,private:28,public:18'),
  weighted('series-c:3,growth:20,private:20,public:57'),
];
const MATURITY = [
  weighted('none:40,early:45,growing:15'),
  weighted('none:15,early:40,growing:32,dedicated-team:13'),
  weighted('none:8,early:27,growing:42,dedicated-team:23'),
  weighted('none:3,early:12,growing:38,dedicated-team:47'),
];
const MATURITY_UP: Record<string, string> = { none: 'early', early: 'growing', growing: 'dedicated-team' };
const MATURITY_DOWN: Record<string, string> = { early: 'none', growing: 'early', 'dedicated-team': 'growing' };
const GROWTH_BY_STAGE: Record<string, number> = {
  seed: 0.35,
  'series-a': 0.32,
  'series-b': 0.25,
  'series-c': 0.2,
  growth: 0.17,
  private: 0.05,
  public: 0.05,
};
const CLOUD = weighted('aws:50,azure:25,gcp:18,other:7');
const DEPLOYMENT = weighted('cloud:80,hybrid:17,on-premise-only:2.5');
const TECH = 'salesforce,hubspot,aws,gcp,azure,kubernetes,snowflake,databricks,marketo,segment,pytorch,tensorflow'.split(',');
const MODEL: Record<string, (r: number) => string> = {
  saas: weighted('b2b:85,b2b2c:15'),
  'e-commerce': weighted('b2c:60,marketplace:35,b2b:5'),
  media: weighted('b2c:70,b2b:20,b2b2c:10'),
  gaming: weighted('b2c:90,b2b:10'),
  'financial services': weighted('b2b:45,b2c:35,b2b2c:20'),
  healthcare: weighted('b2b:50,b2b2c:40,b2c:10'),
  retail: weighted('b2c:75,marketplace:15,b2b:10'),
  education: weighted('b2c:45,b2b:35,b2b2c:20'),
};
const MODEL_DEFAULT = weighted('b2b:90,b2b2c:10');

// Per industry: name suffixes | pains | use cases (from seed 000's "use case patterns"), then
// the suffixes' domain slugs (appended as entry 3).
const PROFILE: Record<string, string[][]> = Object.fromEntries(
  Object.entries({
    saas: 'Analytics,Software,Cloud,Labs,Systems,AI|scaling,cost,latency,time-to-market,talent-shortage|chatbots,ai-features,data-enrichment,recommendations,document-processing',
    'financial services':
      'Capital,Financial,Pay,Ledger,Trust,Bank|latency,compliance,scaling,explainability|fraud-detection,risk-scoring,document-processing,chatbots',
    healthcare:
      'Health,Medical,Bio,Care,Therapeutics|compliance,accuracy,explainability,cost|medical-imaging,clinical-nlp,drug-discovery,document-processing',
    'e-commerce':
      'Commerce,Market,Shop,Goods,Direct|scaling,personalization,cost,latency|recommendations,visual-search,dynamic-pricing,personalization',
    media:
      'Media,Studios,Broadcasting,News,Entertainment|content-volume,latency,global-distribution,cost|content-moderation,content-generation,personalization,recommendations',
    gaming:
      'Games,Interactive,Play,Studios|latency,player-experience,dynamic-content,scaling|ai-npcs,procedural-generation,anti-cheat,content-moderation',
    manufacturing:
      'Industries,Manufacturing,Robotics,Materials|cost,reliability,legacy-systems,data-silos|predictive-maintenance,quality-inspection,forecasting,document-processing',
    retail: 'Retail,Outfitters,Stores,Brands|cost,personalization,data-silos,scaling|recommendations,forecasting,dynamic-pricing,chatbots',
    logistics:
      'Logistics,Freight,Shipping,Supply|cost,reliability,data-silos,latency|route-optimization,forecasting,document-processing,anomaly-detection',
    education:
      'Learning,Academy,Education,Institute|cost,compliance,talent-shortage,accuracy|chatbots,personalization,document-processing,data-enrichment',
    government:
      'Public Services,Transit Authority,Civic Services|compliance,legacy-systems,data-silos,cost|document-processing,chatbots,anomaly-detection,forecasting',
  }).map(([k, v]) => {
    const parts = v.split('|').map((p) => p.split(','));
    return [k, [...parts, parts[0].map((x) => x.toLowerCase().replace(/ /g, ''))]];
  }),
);
const GENERIC_USE_CASES = 'chatbots,data-enrichment,document-processing,recommendations,anomaly-detection,forecasting'.split(',');
const NAME_A =
  'North,Blue,Silver,Bright,Iron,Red,Green,Stone,Clear,Swift,High,Deep,Star,Sun,Oak,Pine,Cedar,Maple,Summit,River,Harbor,True,Prime,Nova,Vertex,Apex,Lumen,Quant,Atlas,Orbit'.split(
    ',',
  );
const SLUG_A = NAME_A.map((x) => x.toLowerCase());
const NAME_B = 'wind,peak,line,wave,field,bridge,gate,stone,forge,path,point,crest,works,light,view,ridge,vale,mark,rock,spring'.split(',');

// Missing values follow one of 64 fixed patterns (bit i set = the i-th optional attribute absent):
// enrichment gaps come in a few shapes in practice, and a bounded set of object shapes keeps
// V8's property stores cached (a fresh random shape per account made generation ~5x slower).
// Each attribute is absent in exactly 5 patterns (7.8 % of accounts): in one of the 24 "partly
// enriched" patterns and in four of the 24 "poorly enriched" ones; 16 patterns are complete.
const OPTIONAL_COUNT = 24;
const MISSING_PATTERNS = ((r) => {
  const masks = new Array<number>(64).fill(0);
  for (let bit = 0; bit < OPTIONAL_COUNT; bit++) {
    masks[16 + ((r() * 24) | 0)] |= 1 << bit;
    for (let n = 0; n < 4;) {
      const p = 40 + ((r() * 24) | 0);
      if (!(masks[p] & (1 << bit))) {
        masks[p] |= 1 << bit;
        n++;
      }
    }
  }
  return masks;
})(createRng(0x5eed));
let dateCache: { nowMs: number; days: string[] } | undefined;

/** `YYYY-MM-DD` of now minus 0..800 days, built once per `now` (toISOString per account is slow). */
function datesBefore(now: Date): string[] {
  const nowMs = now.getTime();
  if (dateCache?.nowMs !== nowMs) {
    const days = Array.from({ length: 801 }, (_, d) => new Date(nowMs - d * DAY).toISOString().slice(0, 10));
    dateCache = { nowMs, days };
  }
  return dateCache.days;
}

/** Returns the account builder for one population; it reseeds its PRNG from (seed, index). */
function accountFactory(seed: number, now: Date): (index: number) => GeneratedAccount {
  const dates = datesBefore(now);
  const nowYear = now.getUTCFullYear();
  const seedHash = fmix((seed | 0) ^ 0x9e3779b9);
  let s = 0;
  // The account being built and its missing pattern, shared with `keep` (no closure per account).
  let a: Record<string, GeneratedValue> = {};
  let missing = 0;
  let bit = 0;
  const rnd = (): number => {
    // mulberry32 inlined on shared state: no closure per account
    s = (s + 0x6d2b79f5) | 0;
    let t = Math.imul(s ^ (s >>> 15), 1 | s);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const normal = (): number => Math.sqrt(-2 * Math.log(1 - rnd())) * Math.cos(2 * Math.PI * rnd());
  const poisson = (mean: number): number => {
    // Knuth: fine for the small means used here
    const l = Math.exp(-mean);
    let k = 0;
    for (let p = rnd(); p > l; p *= rnd()) k++;
    return k;
  };
  // Every optional attribute calls this once, in a fixed order (its bit), before its named
  // store: named stores stay cached where a shared keyed-store helper went megamorphic.
  const keep = (): boolean => !(missing & (1 << bit++));
  /**
   * k distinct items of `from` after `extra` (unless null), in an array of exactly that size:
   * push() would reserve 17 slots, and a 1M-account batch is bound by the memory it retains.
   */
  const pickDistinct = (from: string[], k: number, extra: string | null = null): string[] => {
    const first = extra === null ? 0 : 1;
    const out = new Array<string>(first + Math.min(k, from.length - first));
    let mask = 0;
    if (extra !== null) {
      out[0] = extra;
      const e = from.indexOf(extra);
      if (e >= 0) mask = 1 << e;
    }
    for (let i = first; i < out.length;) {
      const j = (rnd() * from.length) | 0;
      if (!(mask & (1 << j))) {
        mask |= 1 << j;
        out[i++] = from[j];
      }
    }
    return out;
  };

  return (index) => {
    s = fmix(seedHash ^ fmix((index >>> 0) + Math.imul(Math.floor(index / 4294967296), 0x27d4eb2d)));
    missing = MISSING_PATTERNS[(rnd() * MISSING_PATTERNS.length) | 0];
    bit = 0;

    const industry = INDUSTRY(rnd());
    const profile = PROFILE[industry];
    // log10(revenue) ~ N(7.79, 0.94): 20 % below $10M, 39 % to $100M, 31 % to $1B, 10 % above.
    const logRev = Math.min(11.7, Math.max(5.3, 7.793 + 0.942 * normal()));
    const revenue = Math.round(10 ** logRev / 1000) * 1000;
    const band = revenue < 1e7 ? 0 : revenue < 1e8 ? 1 : revenue < 1e9 ? 2 : 3;
    // Revenue per employee around $280K: employees follow revenue with some spread.
    const employees = Math.max(1, Math.round(10 ** (logRev - 5.45 + 0.3 * normal())));
    // Warmth: one latent buying intent behind the behavioural and needs signals, so that signals
    // cluster as they do in real pipelines (hot accounts are hot everywhere); target verticals run warmer.
    // sin² twice makes it U-shaped: most accounts are clearly cold or clearly warm, few lukewarm.
    const w0 = TARGET.has(industry) ? 1 - (1 - rnd()) ** 2.2 : rnd() ** 2;
    const w = Math.sin((Math.PI / 2) * Math.sin((Math.PI / 2) * w0) ** 2) ** 2;

    const ai = (rnd() * NAME_A.length) | 0,
      bi = (rnd() * NAME_B.length) | 0;
    const si = (rnd() * profile[0].length) | 0;
    // join() yields one flat string; `+` chains of cons strings retained ~100 more bytes each.
    const name = [NAME_A[ai], NAME_B[bi], ' ', profile[0][si]].join('');
    const country = COUNTRY(rnd());
    // The base-36 index after the last '-' makes the domain unique (no slug contains a '-').
    const domain = [SLUG_A[ai], NAME_B[bi], profile[3][si], '-', index.toString(36), TLD[country] ?? '.com'].join('');

    // Core firmographics are always known; one literal gives every account the same first shape.
    a = { industry, annualRevenue: revenue, employees, country, region: REGION[country] };
    const stage = FUNDING[band](rnd());
    if (keep()) a.fundingStage = stage;
    const age = band === 0 ? 1 + rnd() * 10 : band === 1 ? 3 + rnd() * 17 : band === 2 ? 6 + rnd() * 34 : 10 + rnd() * 110;
    if (keep()) a.foundedYear = Math.max(1850, nowYear - Math.round(age));
    if (keep()) a.businessModel = (MODEL[industry] ?? MODEL_DEFAULT)(rnd());
    if (keep()) a.isPublic = stage === 'public';

    const cloud = CLOUD(rnd());
    // Warm accounts are the cloud-native ones: their primary cloud shows in a larger stack.
    const showCloud = cloud !== 'other' && rnd() < 0.4 + 0.6 * w;
    const techSize = 2 + ((rnd() * (2 + 4 * w)) | 0);
    const tech = showCloud ? pickDistinct(TECH, techSize - 1, cloud) : pickDistinct(TECH, techSize);
    if (keep()) a.techStack = tech;
    if (keep()) a.cloudProvider = cloud;
    if (keep()) a.deployment = industry === 'government' && rnd() < 0.3 ? 'on-premise-only' : DEPLOYMENT(rnd());
    const maturity = MATURITY[band](rnd());
    const m = rnd();
    if (keep())
      a.mlMaturity =
        m < 0.6 * w ? (MATURITY_UP[maturity] ?? maturity) : m > 0.6 + 0.4 * w ? (MATURITY_DOWN[maturity] ?? maturity) : maturity;
    if (keep()) a.usesCompetitor = rnd() < 0.05 + 0.45 * w;

    if (keep()) a.websiteVisits30d = Math.round(Math.exp(Math.log(1 + 40 * w * w * w) + 0.9 * normal()));
    if (keep()) a.contentDownloads90d = poisson(0.2 + 5 * w * w);
    if (keep()) a.demoRequested = rnd() < 0.32 * w * w * w + 0.02;
    if (keep()) a.emailEngagementRate = Math.round(Math.min(1, (0.03 + 0.5 * w) * (0.4 + 1.2 * rnd())) * 1000) / 1000;
    if (keep()) a.eventsAttended = poisson(0.03 + 2 * w * w * w);
    const growth = Math.min(0.8, Math.max(-0.1, GROWTH_BY_STAGE[stage] * (0.5 + w) + 0.12 * normal()));
    if (keep()) a.openRoles = Math.round(Math.sqrt(employees) * Math.max(0, growth + 0.05) * (0.3 + w) * rnd());
    // Listed and privately held companies mostly have no recent round to report.
    const funded = (stage !== 'public' && stage !== 'private') || rnd() < 0.4;
    if (keep() && funded) a.lastFundingAt = dates[(rnd() * 730) | 0];
    if (keep()) a.lastEngagedAt = dates[(120 * rnd() ** (0.3 + 3.5 * w * w * w)) | 0];

    if (keep()) a.painPoints = pickDistinct(profile[1], 1 + ((rnd() * (1 + 2.5 * w)) | 0));
    // Industry use cases, sometimes led by a cross-industry one (chatbots, forecasting...).
    const generic = rnd() < 0.25 + 0.3 * w ? GENERIC_USE_CASES[(rnd() * GENERIC_USE_CASES.length) | 0] : null;
    const cases = pickDistinct(profile[2], 1 + ((rnd() * 2.5 * (0.3 + w)) | 0), generic);
    if (keep()) a.useCases = cases;
    // Seed 000: about $20K-$100K at $10M-$100M revenue, $100K-$500K up to $1B, $500K+ beyond.
    const budget = 10 ** (-0.6 + 0.7 * logRev + 0.25 * normal() + 0.5 * (w - 0.4));
    if (keep()) a.budgetUsd = Math.max(1000, Math.round(budget / 1000) * 1000);
    if (keep()) a.urgency = rnd() < 0.08 + 0.35 * w ? 'critical' : rnd() < 0.55 ? 'important' : 'nice-to-have';
    if (keep()) a.headcountGrowth12m = Math.round(growth * 100) / 100;
    const r = rnd();
    if (keep()) a.expansionPotential = r < 0.02 + 0.6 * w ? 'high' : r < 0.6 + 0.2 * w ? 'medium' : 'low';
    if (keep()) a.referencePotential = rnd() < 0.03 + 0.55 * w;
    return { externalId: `acc-${String(index).padStart(7, '0')}`, name, domain, attributes: a };
  };
}

// Indexes must be non-negative integers: ids, domains and the per-index seed assume it.
function checkRange(count: number, options: GenerateOptions): number {
  const start = options.startIndex ?? 0;
  if (!Number.isSafeInteger(count) || count < 0 || !Number.isSafeInteger(start) || start < 0 || !Number.isSafeInteger(start + count)) {
    throw new RangeError(`count and startIndex must be non-negative integers (got ${count}, ${start})`);
  }
  if (options.now !== undefined && Number.isNaN(options.now.getTime())) throw new RangeError('now is an invalid Date');
  return start;
}

/**
 * Yields `count` accounts, indexes `startIndex` to `startIndex + count - 1`; the same sequence
 * as {@link generateAccounts} without holding them all in memory.
 */
export function generateAccountStream(count: number, options: GenerateOptions = {}): Generator<GeneratedAccount> {
  // Validated here, not inside the generator body, so that bad arguments throw at the call.
  const start = checkRange(count, options);
  const build = accountFactory(options.seed ?? 1, options.now ?? DEFAULT_NOW);
  return (function* stream() {
    for (let i = 0; i < count; i++) yield build(start + i);
  })();
}

/**
 * Generates `count` accounts. Account i depends only on the seed, its index and `now`, so
 * any batch split (or {@link generateAccountStream}) reproduces the same rows.
 */
export function generateAccounts(count: number, options: GenerateOptions = {}): GeneratedAccount[] {
  const start = checkRange(count, options);
  const build = accountFactory(options.seed ?? 1, options.now ?? DEFAULT_NOW);
  // push, not new Array(count): V8 gives a large preallocated array slow dictionary elements.
  const out: GeneratedAccount[] = [];
  for (let i = 0; i < count; i++) out.push(build(start + i));
  return out;
}
