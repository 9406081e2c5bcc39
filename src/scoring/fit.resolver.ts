import { Arg, Ctx, FieldResolver, Float, ID, Int, Query, Resolver, Root } from 'type-graphql';
import { Account } from '../accounts/account.entity';
import { JSONScalar } from '../common/scalars';
import type { AppContext } from '../context';
import { Segment } from '../segments/segment.entity';
import { IcpVersion } from '../versions/icp-version.entity';
import { fitService } from './fit.service';
import { scorerFor } from './scorer-cache';
import { CriterionResult, DimensionScore, Fit, FitConnection, FitFilter, Score, type FitData, type ScoreData } from './score.types';
import type { ScoreResult } from './scoring-engine';

async function versionOf(ctx: AppContext, id: string): Promise<IcpVersion> {
  const version = await ctx.loaders.versionById.load(id);
  if (!version) throw new Error(`version ${id} is missing`);
  return version;
}

const explanations = new WeakMap<ScoreData, Promise<ScoreResult>>();

/** The explanation of a score, rebuilt once per score object from its version and outcome code. */
function explanationOf(ctx: AppContext, score: ScoreData): Promise<ScoreResult> {
  let explanation = explanations.get(score);
  if (!explanation) {
    explanation = versionOf(ctx, score.versionId).then((v) => scorerFor(v).fromOutcomes(score.outcomes));
    explanations.set(score, explanation);
  }
  return explanation;
}

@Resolver(() => Fit)
export class FitResolver {
  @Query(() => FitConnection, { description: 'The ranked list of a segment for prioritisation.' })
  fits(
    @Ctx() ctx: AppContext,
    @Arg('segmentKey') segmentKey: string,
    @Arg('filter', () => FitFilter, { nullable: true }) filter: FitFilter | null,
    @Arg('first', () => Int, { nullable: true, defaultValue: 50 }) first: number,
    @Arg('after', () => String, { nullable: true }) after: string | null,
  ) {
    return fitService.fits(ctx, segmentKey, filter, first, after);
  }

  @Query(() => Score, { description: 'Scores arbitrary attributes under any version; writes nothing.' })
  previewScore(@Ctx() ctx: AppContext, @Arg('versionId', () => ID) versionId: string, @Arg('attributes', () => JSONScalar, { validate: false }) attributes: unknown): Promise<ScoreData> {
    return fitService.preview(ctx, versionId, attributes);
  }

  @FieldResolver(() => Account)
  async account(@Root() fit: FitData, @Ctx() ctx: AppContext): Promise<Account> {
    const account = await ctx.loaders.accountById.load(fit.accountId);
    if (!account) throw new Error(`account ${fit.accountId} is missing`);
    return account;
  }

  @FieldResolver(() => Segment)
  async segment(@Root() fit: FitData, @Ctx() ctx: AppContext): Promise<Segment> {
    const segment = await ctx.loaders.segmentById.load(fit.segmentId);
    if (!segment) throw new Error(`segment ${fit.segmentId} is missing`);
    return segment;
  }

  @FieldResolver(() => IcpVersion)
  version(@Root() fit: FitData, @Ctx() ctx: AppContext): Promise<IcpVersion> {
    return versionOf(ctx, fit.versionId);
  }

  @FieldResolver(() => String, { nullable: true })
  async action(@Root() fit: FitData, @Ctx() ctx: AppContext): Promise<string | null> {
    const version = await versionOf(ctx, fit.versionId);
    return version.definition.actions.find((a) => a.tier === fit.tier)?.action ?? null;
  }
}

@Resolver(() => Score)
export class ScoreResolver {
  @FieldResolver(() => Account, { nullable: true })
  account(@Root() score: ScoreData, @Ctx() ctx: AppContext): Promise<Account | null> {
    return score.accountId ? ctx.loaders.accountById.load(score.accountId) : Promise.resolve(null);
  }

  @FieldResolver(() => IcpVersion)
  version(@Root() score: ScoreData, @Ctx() ctx: AppContext): Promise<IcpVersion> {
    return versionOf(ctx, score.versionId);
  }

  @FieldResolver(() => [String])
  async disqualifiedBy(@Root() score: ScoreData, @Ctx() ctx: AppContext): Promise<string[]> {
    return (await explanationOf(ctx, score)).disqualifiedBy;
  }

  @FieldResolver(() => [DimensionScore])
  async dimensions(@Root() score: ScoreData, @Ctx() ctx: AppContext): Promise<DimensionScore[]> {
    return (await explanationOf(ctx, score)).dimensions as Array<DimensionScore & { criteria: CriterionResult[] }>;
  }

  @FieldResolver(() => [String])
  async missingAttributes(@Root() score: ScoreData, @Ctx() ctx: AppContext): Promise<string[]> {
    return (await explanationOf(ctx, score)).missingAttributes;
  }

  @FieldResolver(() => Float)
  async completeness(@Root() score: ScoreData, @Ctx() ctx: AppContext): Promise<number> {
    return (await explanationOf(ctx, score)).completeness;
  }
}
