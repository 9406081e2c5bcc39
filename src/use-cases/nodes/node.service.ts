import { nodeReaders, type NodeType } from '../../domain/auth/permissions';
import { isUuid } from '../../common/ids';
import { MAX_PAGE_SIZE } from '../../common/pagination';
import type { AppContext } from '../context';
import { BadUserInputError } from '../../errors/domain-errors';
import { parseFitId } from '../../domain/scoring/fit-id';
import { fitOf } from '../scoring/fit.service';
import { asNode } from '../../model/node.types';

const may = (ctx: AppContext, type: NodeType) => (nodeReaders[type] as readonly string[]).includes(ctx.principal.role);

/** The object behind a row id of a known type, through the request's loaders (one statement per type and batch). */
function load(ctx: AppContext, type: Exclude<NodeType, 'Fit'>, id: string): Promise<object | null> {
  switch (type) {
    case 'Account':
      return ctx.loaders.accountById.load(id);
    case 'Segment':
      return ctx.loaders.segmentById.load(id);
    case 'IcpVersion':
      return ctx.loaders.versionById.load(id);
    case 'Override':
      return ctx.loaders.overrideById.load(id);
    case 'Opportunity':
      return ctx.loaders.opportunityById.load(id);
    case 'ApiKey':
      return ctx.loaders.apiKeyById.load(id);
  }
}

/** A fit by its id: the account's effective fit while that version is live in its segment, else null. */
async function findFit(ctx: AppContext, accountId: string, versionId: string): Promise<object | null> {
  const version = await ctx.loaders.versionById.load(versionId);
  if (!version || version.status !== 'PUBLISHED') return null;
  const fit = await ctx.loaders.fitRow.load(`${version.id}:${version.segmentId}:${accountId}`);
  return fit
    ? asNode('Fit', fitOf(fit.row, fit.override, { thresholds: version.definition.thresholds, effectiveAt: version.effectiveAt }))
    : null;
}

export class NodeService {
  /** Any object by its id; null when none exists or the caller's role may not read its type. */
  async find(ctx: AppContext, id: string): Promise<object | null> {
    const fit = parseFitId(id);
    if (fit) return may(ctx, 'Fit') ? findFit(ctx, fit.accountId, fit.versionId) : null;
    if (!isUuid(id)) return null;
    const type = await ctx.loaders.nodeTypeById.load(id.toLowerCase());
    if (!type || !may(ctx, type)) return null;
    const value = await load(ctx, type, id.toLowerCase());
    return value ? asNode(type, value) : null;
  }

  /** Objects in the order of the ids, each null where `find` would be; loaders batch the lookups. */
  async findMany(ctx: AppContext, ids: string[]): Promise<Array<object | null>> {
    if (ids.length > MAX_PAGE_SIZE) throw BadUserInputError.forField('ids', `at most ${MAX_PAGE_SIZE} ids (got ${ids.length})`);
    return Promise.all(ids.map((id) => this.find(ctx, id)));
  }
}
