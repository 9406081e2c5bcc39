/**
 * Discovery: what the best customers of a segment have in common (icpInsights), and a draft
 * learned from older outcomes and checked on newer ones (suggestDraft). Reads outside any
 * transaction of the caller; the draft is saved through the ordinary, audited draft creation.
 */
import type { AttributeService } from '../attributes/attribute.service';
import type { AppContext } from '../context';
import { BadUserInputError } from '../../errors/domain-errors';
import { scorerFor } from '../../domain/scoring/scorer-cache';
import { compileScorer } from '../../domain/scoring/scoring-engine';
import type { Segment } from '../../model/segment.types';
import type { SegmentService } from '../segments/segment.service';
import type { CatalogueEntry, TierActionSpec } from '../../model/icp-definition';
import type { IcpVersion } from '../../model/icp-version.types';
import type { VersionService } from '../versions/version.service';
import { aucWithInterval, type AucInterval } from '../../domain/discovery/discovery-statistics';
import type { AttributeInsight, IcpInsights, InsightOptions, OutOfSampleCheck, SuggestedDraft } from '../../model/discovery.types';
import { planDraft, thresholdsFor } from '../../domain/discovery/draft-builder';
import {
  analyse,
  COUNTED_PER_CLASS,
  describeTest,
  MIN_OUTCOMES,
  samplingWarning,
  type Analysis,
  type Counts,
  type Finding,
} from '../../domain/discovery/insight-analysis';
import { countPopulation, scanLabelled, splitInstant, type Labelling } from '../../stores/outcome-store';
import type { InsightBasis } from '../../model/discovery';
import { DAY } from '../../common/dates';
import { MAX_VERSION_NOTES } from '../../domain/definitions/version-notes';

/** What discovery reads and writes through: the catalogue, segments, and drafts. */
export interface DiscoveryServices {
  attributes: AttributeService;
  segments: SegmentService;
  versions: VersionService;
}

const DEFAULT_DAYS = 365;
/** The older share of the period's outcomes teaches the suggestion; the newer rest tests it. */
const TRAIN_SHARE = 0.7;
const DEFAULT_ACTIONS: TierActionSpec[] = [
  { tier: 'PERFECT', action: 'ROUTE_TO_AE' },
  { tier: 'STRONG', action: 'PURSUE' },
  { tier: 'MODERATE', action: 'NURTURE' },
  { tier: 'WEAK', action: 'EXCLUDE' },
  { tier: 'DISQUALIFIED', action: 'EXCLUDE' },
];

interface Resolved {
  segment: Segment;
  labelling: Labelling;
  basis: InsightBasis;
  from: Date;
  to: Date;
  fdr: number;
  catalogue: CatalogueEntry[];
}

async function resolve(
  services: DiscoveryServices,
  ctx: AppContext,
  segmentKey: string,
  options: Partial<InsightOptions> | null | undefined,
): Promise<Resolved> {
  const o = options ?? {};
  const basis = o.basis ?? 'WON_VS_LOST';
  const to = o.to ?? ctx.clock.now();
  const from = o.from ?? new Date(to.getTime() - DEFAULT_DAYS * DAY);
  if (!(from.getTime() < to.getTime())) throw BadUserInputError.forField('options.from', `must be before options.to (${to.toISOString()})`);
  const topShare = o.topShare ?? 0.2;
  if (!(topShare > 0 && topShare <= 0.5))
    throw BadUserInputError.forField('options.topShare', `must be above 0 and at most 0.5 (got ${topShare})`);
  const fdr = o.fdr ?? 0.05;
  if (!(fdr > 0 && fdr < 1)) throw BadUserInputError.forField('options.fdr', `must be above 0 and below 1 (got ${fdr})`);
  const catalogue = await services.attributes.catalogue(ctx.em);
  const valueAttribute = o.valueAttribute ?? null;
  if (valueAttribute !== null) {
    if (basis !== 'TOP_VALUE') throw BadUserInputError.forField('options.valueAttribute', 'applies to the TOP_VALUE basis only');
    const entry = catalogue.get(valueAttribute);
    if (!entry) throw BadUserInputError.forField('options.valueAttribute', `unknown attribute "${valueAttribute}"`);
    if (entry.type !== 'NUMBER')
      throw BadUserInputError.forField('options.valueAttribute', `must be a NUMBER attribute ("${valueAttribute}" is ${entry.type})`);
  }
  const segment = await services.segments.getByKey(ctx, segmentKey);
  return {
    segment,
    basis,
    from,
    to,
    fdr,
    labelling: { basis, segmentId: segment.id, topShare, valueAttribute },
    catalogue: [...catalogue.values()].sort((a, b) => (a.key < b.key ? -1 : 1)),
  };
}

/** The GraphQL view of a finding; the criterion carries the suggested points. */
export function toInsight(f: Finding): AttributeInsight {
  return {
    attribute: f.attribute,
    dimension: f.dimension,
    criterion: { ...f.test, points: f.points, label: describeTest(f.test) },
    positiveShare: f.positiveShare,
    negativeShare: f.negativeShare,
    lift: f.lift,
    pValue: f.pValue,
    qValue: f.qValue,
    attributeQValue: f.attributeQValue,
    significant: f.significant,
    favourable: f.favourable,
    missingShare: f.missingShare,
    test: f.method,
    positivesHolding: f.table.positivesHolding,
    negativesHolding: f.table.negativesHolding,
    weightOfEvidence: f.weightOfEvidence,
    informationValue: f.informationValue,
    testsTried: f.testsTried,
  };
}

/** How discovery counts; tests lower `countedPerClass` to see the sampling on small data. */
export interface DiscoveryLimits {
  /** See COUNTED_PER_CLASS. */
  countedPerClass: number;
}
const LIMITS: DiscoveryLimits = { countedPerClass: COUNTED_PER_CLASS };

interface PeriodAnalysis extends Analysis {
  /** Every labelled account; the analysis's positives and negatives are the counted ones. */
  labelled: Counts;
}

async function analysePeriod(ctx: AppContext, r: Resolved, from: Date, to: Date, limits: DiscoveryLimits): Promise<PeriodAnalysis> {
  const counted = await ctx.em.transaction('REPEATABLE READ', (tx) =>
    countPopulation(tx, r.labelling, from, to, ctx.clock.now(), r.catalogue, limits.countedPerClass),
  );
  const a = analyse(counted.attributes, counted.totals, { fdr: r.fdr });
  const sampled = samplingWarning(counted.labelled, counted.totals);
  return { ...a, labelled: counted.labelled, warnings: sampled ? [...a.warnings, sampled] : a.warnings };
}

/**
 * For each catalogue attribute with enough data, the test that best separates the segment's
 * positives from its negatives in the period, with its evidence (see InsightBasis).
 */
export async function icpInsights(
  services: DiscoveryServices,
  ctx: AppContext,
  segmentKey: string,
  options?: Partial<InsightOptions> | null,
  limits: DiscoveryLimits = LIMITS,
): Promise<IcpInsights> {
  const r = await resolve(services, ctx, segmentKey, options);
  const a = await analysePeriod(ctx, r, r.from, r.to, limits);
  return {
    segment: r.segment,
    basis: r.basis,
    from: r.from,
    to: r.to,
    positives: a.labelled.positives,
    negatives: a.labelled.negatives,
    positivesCounted: a.positives,
    negativesCounted: a.negatives,
    testsTried: a.testsTried,
    insights: a.insights.map(toInsight),
    warnings: a.warnings,
  };
}

const fmt = (x: number | null | undefined, digits = 3) => (x === null || x === undefined || Number.isNaN(x) ? 'n/a' : x.toFixed(digits));
const p = (x: number) => (x < 0.001 ? x.toExponential(1) : x.toFixed(3));
const share = (x: number) => `${(100 * x).toFixed(1)} %`;

function evidence(f: Finding): string {
  return (
    `${describeTest(f.test)}: ${share(f.positiveShare)} of positives vs ${share(f.negativeShare)} of negatives` +
    `${f.lift === null ? '' : `, lift ${f.lift.toFixed(2)}`}, p = ${p(f.pValue)} (${f.method === 'FISHER_EXACT' ? "Fisher's exact" : 'chi-square'}), q = ${p(f.qValue)}, IV ${f.informationValue.toFixed(3)}`
  );
}

function notesFor(
  r: Resolved,
  split: Date,
  check: OutOfSampleCheck,
  live: IcpVersion | null,
  plan: NonNullable<ReturnType<typeof planDraft>>,
  trainScores: number[],
): string {
  const { perfect, strong, moderate } = plan.definition.thresholds;
  const atOrAbove = (x: number) => `${Math.round((100 * trainScores.filter((s) => s >= x).length) / Math.max(1, trainScores.length))} %`;
  const interval = (auc: number | null, lo: number | null, hi: number | null) =>
    auc === null ? 'n/a' : `${fmt(auc)} (95 % CI ${fmt(lo)}-${fmt(hi)}, DeLong)`;
  const lines = [
    `Suggested by suggestDraft from the outcomes of opportunities created ${r.from.toISOString().slice(0, 10)} to ${r.to.toISOString().slice(0, 10)} (${r.basis}, FDR ${r.fdr}).`,
    `Taught by the ${check.trainPositives} positives and ${check.trainNegatives} negatives before ${split.toISOString()}; tested on the ${check.testPositives} and ${check.testNegatives} after.`,
    `Out of sample: AUC ${interval(check.auc, check.aucCiLow, check.aucCiHigh)}; live version${live ? ` ${live.number}` : ''}: ${interval(check.liveAuc, check.liveAucCiLow, check.liveAucCiHigh)}.`,
    'Criteria (points = 10 x weight of evidence; dimension weights = share of information value):',
    ...plan.criteria.map((f) => `- ${evidence(f)} -> ${f.points} points in ${f.dimension ?? 'BUSINESS_NEEDS'}`),
    ...(plan.disqualifiers.length
      ? ['Disqualifier candidates (strongly unfavourable):', ...plan.disqualifiers.map((f) => `- ${evidence(f)}`)]
      : []),
    `Thresholds ${perfect}/${strong}/${moderate}: ${atOrAbove(perfect)}, ${atOrAbove(strong)} and ${atOrAbove(moderate)} of the teaching accounts (not disqualified) at or above PERFECT, STRONG and MODERATE.`,
  ];
  let text = '';
  for (const [i, line] of lines.entries()) {
    const more = `… and ${lines.length - i} more lines (see insightsUsed).`;
    if (text.length + line.length + 1 + more.length > MAX_VERSION_NOTES) return `${text}${more}`;
    text += `${line}\n`;
  }
  return text.trimEnd();
}

/**
 * Learns a definition from the outcomes before a split instant (the older 70 % of the period's
 * closed opportunities), checks it and the live version on the outcomes after it by AUC, and
 * saves it as a draft whose notes cite each finding. Nothing is published.
 */
export async function suggestDraft(
  services: DiscoveryServices,
  ctx: AppContext,
  segmentKey: string,
  options?: Partial<InsightOptions> | null,
  limits: DiscoveryLimits = LIMITS,
): Promise<SuggestedDraft> {
  const r = await resolve(services, ctx, segmentKey, options);
  const split = await splitInstant(ctx.em, r.labelling, r.from, r.to, TRAIN_SHARE);
  if (!split || split.getTime() <= r.from.getTime()) {
    throw BadUserInputError.forField(
      'options',
      `segment "${r.segment.key}" has too few ${r.basis === 'WON_VS_LOST' ? 'closed' : 'won'} opportunities created in the period to split into older and newer outcomes`,
    );
  }
  const train = await analysePeriod(ctx, r, r.from, split, limits);
  const live = await services.versions.liveVersion(ctx, r.segment.id);
  const plan = planDraft(train.insights, train.unfavourable, live?.definition.actions ?? DEFAULT_ACTIONS);
  if (!plan) {
    throw BadUserInputError.forField(
      'options',
      `no significant favourable finding in the ${train.positives} positives and ${train.negatives} negatives before ${split.toISOString()}: nothing to suggest${train.warnings.length ? ` (${train.warnings[0]})` : ''}`,
    );
  }

  // One read of the labelled accounts: the draft's scores on the teaching ones place its
  // thresholds (scores do not depend on thresholds), both versions' scores on the testing ones give the AUCs.
  const now = ctx.clock.now();
  const scorer = compileScorer(plan.definition);
  const liveScorer = live ? scorerFor(live) : null;
  const trainScores: number[] = [];
  const test = { pos: [] as number[], neg: [] as number[], livePos: [] as number[], liveNeg: [] as number[] };
  let trainPositives = 0;
  let trainNegatives = 0;
  await ctx.em.transaction('REPEATABLE READ', (tx) =>
    scanLabelled(tx, r.labelling, r.from, split, r.to, (a) => {
      if (a.train !== null) {
        if (a.train) trainPositives++;
        else trainNegatives++;
        const s = scorer.quick(a.attributes, now);
        if (s.tier !== 'DISQUALIFIED') trainScores.push(s.score);
      }
      if (a.test !== null) {
        (a.test ? test.pos : test.neg).push(scorer.quick(a.attributes, now).score);
        if (liveScorer) (a.test ? test.livePos : test.liveNeg).push(liveScorer.quick(a.attributes, now).score);
      }
    }),
  );
  plan.definition.thresholds = thresholdsFor(trainScores);

  const draftAuc: AucInterval | null = aucWithInterval(test.pos, test.neg);
  const liveAuc: AucInterval | null = liveScorer ? aucWithInterval(test.livePos, test.liveNeg) : null;
  const ci = (x: number | undefined) => (x === undefined || Number.isNaN(x) ? null : x);
  const check: OutOfSampleCheck = {
    splitAt: split,
    trainPositives,
    trainNegatives,
    testPositives: test.pos.length,
    testNegatives: test.neg.length,
    auc: draftAuc?.auc ?? null,
    aucCiLow: ci(draftAuc?.ciLow),
    aucCiHigh: ci(draftAuc?.ciHigh),
    liveAuc: liveAuc?.auc ?? null,
    liveAucCiLow: ci(liveAuc?.ciLow),
    liveAucCiHigh: ci(liveAuc?.ciHigh),
  };
  const warnings = [...train.warnings];
  if (check.testPositives < MIN_OUTCOMES || check.testNegatives < MIN_OUTCOMES) {
    warnings.push(
      `Only ${check.testPositives} positives and ${check.testNegatives} negatives after ${split.toISOString()}: the out-of-sample check is weak (its interval shows how weak).`,
    );
  }
  if (!live) warnings.push(`Segment "${r.segment.key}" has no live version to compare with.`);

  const draft = await services.versions.createDraft(ctx, {
    segmentKey: r.segment.key,
    definition: plan.definition,
    notes: notesFor(r, split, check, live, plan, trainScores),
  });
  return { draft, insightsUsed: [...plan.criteria, ...plan.disqualifiers].map(toInsight), check, warnings };
}
