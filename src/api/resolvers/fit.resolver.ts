import type { GraphQLResolveInfo } from 'graphql';
import { Arg, Args, Ctx, FieldResolver, Float, ID, Info, Query, Resolver, Root } from 'type-graphql';
import { PageArgs } from '../../common/pagination';
import { Account } from '../../model/account.types';
import { JSONScalar } from '../../common/scalars';
import type { AppContext } from '../../use-cases/context';
import { Segment } from '../../model/segment.types';
import { IcpVersion } from '../../model/icp-version.types';
import { fitId } from '../../domain/scoring/fit-id';
import type { FitService, FitsPageReads } from '../../use-cases/scoring/fit.service';
import { selectedFields } from './lookahead';
import { scorerFor } from '../../domain/scoring/scorer-cache';
import { CriterionResult, DimensionScore, Fit, FitConnection, FitFilter, Score } from '../../model/score.types';
import type { ScoreResult } from '../../domain/scoring/scoring-engine';
import { explainCriterion } from '../../domain/scoring/criterion-explanation';
import type { AttributeTest } from '../../model/icp-definition';
import { PublishResult } from '../../model/version.types';

async function versionOf(ctx: AppContext, id: string): Promise<IcpVersion> {
  const version = await ctx.loaders.versionById.load(id);
  if (!version) throw new Error(`version ${id} is missing`);
  return version;
}

const explanations = new WeakMap<Score, Promise<ScoreResult>>();

/** The explanation of a score, rebuilt once per score object from its version and outcome code. */
function explanationOf(ctx: AppContext, score: Score): Promise<ScoreResult> {
  let explanation = explanations.get(score);
  if (!explanation) {
    explanation = versionOf(ctx, score.versionId).then((v) => scorerFor(v).fromOutcomes(score.outcomes));
    explanations.set(score, explanation);
  }
  return explanation;
}

@Resolver(() => PublishResult)
export class PublishResultResolver {
  constructor(private readonly fitService: FitService) {}

  @FieldResolver(() => FitConnection, {
    description:
      "The fits of this version whose effective tier differs from the account's under the superseded version (every fit when none was superseded), as they stand now: right after the publish, the fits it changed, for client caches (a Fit's id names the account and the version). An account with an override in force kept its tier and is not listed. Ranked and paged like fits: effective score, highest first, then account id.",
  })
  changedFits(@Root() result: PublishResult, @Ctx() ctx: AppContext, @Args() page: PageArgs) {
    return this.fitService.changedFits(ctx, result, page);
  }
}

/** Fit fields answered from a ranking's columns (account, score, tier) and the ids the page knows. */
const RANKING_FIELDS = new Set(['__typename', 'id', 'account', 'segment', 'version', 'score', 'tier', 'action', 'overridden', 'override']);
/** Account fields answered from its names (toAccountName). */
const NAME_FIELDS = new Set(['__typename', 'id', 'externalId', 'name', 'domain']);
const within = (fields: Set<string>, allowed: Set<string>) => [...fields].every((f) => allowed.has(f));

/**
 * What a `fits` page must read, from what the query selects under its fits (edges' nodes and
 * nodes): a page that shows rankings and names reads neither the score rows' history nor the
 * accounts' attributes (fit-queries.ts). Any other field, today's or a future one, reads all.
 */
export function fitsPageReads(info: GraphQLResolveInfo): FitsPageReads {
  const routes = [['edges', 'node'], ['nodes']];
  const below = (field: string[]) => new Set(routes.flatMap((route) => [...selectedFields(info, [...route, ...field])]));
  const scores = within(below([]), RANKING_FIELDS) ? 'ranking' : 'full';
  // Whole accounts also when a field below reads the page's accounts through the request's
  // loader (an explanation's values, an override's account or fit): the page's statement then
  // primes it, instead of a second statement reading the same accounts again.
  const override = below(['override']);
  const loadsAccounts = scores === 'full' || override.has('account') || override.has('fit');
  return { scores, accounts: !loadsAccounts && within(below(['account']), NAME_FIELDS) ? 'names' : 'full' };
}

@Resolver(() => Fit)
export class FitResolver {
  constructor(private readonly fitService: FitService) {}

  @Query(() => FitConnection, { description: 'The ranked list of a segment for prioritisation.' })
  fits(
    @Ctx() ctx: AppContext,
    @Arg('segmentKey') segmentKey: string,
    @Arg('filter', () => FitFilter, { nullable: true }) filter: FitFilter | null,
    @Args() page: PageArgs,
    @Info() info: GraphQLResolveInfo,
  ) {
    return this.fitService.fits(ctx, segmentKey, filter, page, fitsPageReads(info));
  }

  @Query(() => Score, { description: 'Scores arbitrary attributes under any version; writes nothing.' })
  previewScore(
    @Ctx() ctx: AppContext,
    @Arg('versionId', () => ID) versionId: string,
    @Arg('attributes', () => JSONScalar, { validate: false }) attributes: unknown,
  ): Promise<Score> {
    return this.fitService.preview(ctx, versionId, attributes);
  }

  @FieldResolver(() => ID, { description: 'Stable for an account in a segment under a version.' })
  id(@Root() fit: Fit): string {
    return fitId(fit.accountId, fit.versionId);
  }

  @FieldResolver(() => Account)
  account(@Root() fit: Fit, @Ctx() ctx: AppContext): Account | Promise<Account> {
    // A fits page's fits carry their accounts (read in its statement); others load theirs.
    if (fit.account) return fit.account;
    return ctx.loaders.accountById.load(fit.accountId).then((account) => {
      if (!account) throw new Error(`account ${fit.accountId} is missing`);
      return account;
    });
  }

  @FieldResolver(() => Segment)
  async segment(@Root() fit: Fit, @Ctx() ctx: AppContext): Promise<Segment> {
    const segment = await ctx.loaders.segmentById.load(fit.segmentId);
    if (!segment) throw new Error(`segment ${fit.segmentId} is missing`);
    return segment;
  }

  @FieldResolver(() => IcpVersion)
  version(@Root() fit: Fit, @Ctx() ctx: AppContext): Promise<IcpVersion> {
    return versionOf(ctx, fit.versionId);
  }

  @FieldResolver(() => String, { nullable: true })
  async action(@Root() fit: Fit, @Ctx() ctx: AppContext): Promise<string | null> {
    const version = await versionOf(ctx, fit.versionId);
    return version.definition.actions.find((a) => a.tier === fit.tier)?.action ?? null;
  }
}

/** A criterion's result with what its value and explanation are read from, on demand. */
type CriterionData = CriterionResult & { test: AttributeTest; attributes: () => Promise<Record<string, unknown> | null> };

/** The attributes behind a score: a preview's own, else the account's while the score is current; null for past rows. */
async function attributesOf(ctx: AppContext, score: Score): Promise<Record<string, unknown> | null> {
  if (score.attributes) return score.attributes;
  if (!score.accountId || score.current === false) return null;
  return (await ctx.loaders.accountById.load(score.accountId))?.attributes ?? null;
}

@Resolver(() => CriterionResult)
export class CriterionResultResolver {
  @FieldResolver(() => JSONScalar, {
    nullable: true,
    description: "The account's value of the attribute; null when missing.",
  })
  /** Null too for past scores of the history, whose values are not kept. */
  async value(@Root() c: CriterionData): Promise<unknown> {
    return (await c.attributes())?.[c.test.attribute] ?? null;
  }

  @FieldResolver(() => String, { description: 'The test and the value in words, e.g. "employees 524: needs at least 1,000".' })
  async explanation(@Root() c: CriterionData): Promise<string> {
    const attributes = await c.attributes();
    return explainCriterion(c.test, c, attributes ? attributes[c.test.attribute] : undefined);
  }
}

@Resolver(() => Score)
export class ScoreResolver {
  @FieldResolver(() => Account, { nullable: true })
  account(@Root() score: Score, @Ctx() ctx: AppContext): Promise<Account | null> {
    return score.accountId ? ctx.loaders.accountById.load(score.accountId) : Promise.resolve(null);
  }

  @FieldResolver(() => IcpVersion)
  version(@Root() score: Score, @Ctx() ctx: AppContext): Promise<IcpVersion> {
    return versionOf(ctx, score.versionId);
  }

  @FieldResolver(() => [String])
  async disqualifiedBy(@Root() score: Score, @Ctx() ctx: AppContext): Promise<string[]> {
    return (await explanationOf(ctx, score)).disqualifiedBy;
  }

  @FieldResolver(() => [DimensionScore])
  async dimensions(@Root() score: Score, @Ctx() ctx: AppContext): Promise<DimensionScore[]> {
    const [explanation, version] = await Promise.all([explanationOf(ctx, score), versionOf(ctx, score.versionId)]);
    const attributes = () => attributesOf(ctx, score);
    // The explanation is this score's own (explanationOf builds one per score object), so its
    // criteria take what their fields read in place: copying each criterion cost an explained
    // lookup a few percent of its CPU.
    explanation.dimensions.forEach((d, i) =>
      d.criteria.forEach((c, j) => Object.assign(c as CriterionData, { test: version.definition.dimensions[i].criteria[j], attributes })),
    );
    return explanation.dimensions;
  }

  @FieldResolver(() => [String])
  async missingAttributes(@Root() score: Score, @Ctx() ctx: AppContext): Promise<string[]> {
    return (await explanationOf(ctx, score)).missingAttributes;
  }

  @FieldResolver(() => Float)
  async completeness(@Root() score: Score, @Ctx() ctx: AppContext): Promise<number> {
    return (await explanationOf(ctx, score)).completeness;
  }
}
