import type { AttributeService } from '../attributes/attribute.service';
import type { AuditService } from '../audit/audit.service';
import { isUuid } from '../../common/ids';
import type { AppContext } from '../context';
import { runInTransaction } from '../transaction';
import { assertNoIssues, BadUserInputError, ConflictError, NotFoundError } from '../../errors/domain-errors';
import type { SegmentService } from '../segments/segment.service';
import { definitionHash, normalizeDefinition } from '../../domain/definitions/canonical-definition';
import { diffDefinitions } from '../../domain/definitions/definition-diff';
import { validateDefinition } from '../../domain/definitions/definition-validator';
import type { IcpDefinitionSpec } from '../../model/icp-definition';
import type { IcpDefinitionInput } from '../../model/icp-definition.types';
import type { IcpVersion } from '../../model/icp-version.types';
import type { VersionDiff } from '../../model/version.types';
import { takeVersionNumber } from '../../stores/segment-store';
import { lockUnfinishedJob } from '../../stores/publish-job-store';
import * as versionStore from '../../stores/version-store';
import { checkVersionNotes } from '../../domain/definitions/version-notes';

export interface CreateDraftArgs {
  segmentKey: string;
  definition?: IcpDefinitionInput | null;
  basedOnVersionId?: string | null;
  notes?: string | null;
}

export interface UpdateDraftArgs {
  id: string;
  definition: IcpDefinitionInput;
  expectedRevision: number;
  notes?: string | null;
}

export interface PublishArgs {
  id: string;
  notes?: string | null;
  effectiveAt?: Date | null;
}

/** What an audit row keeps of a version. */
export const versionView = (v: IcpVersion, withDefinition = false) => ({
  id: v.id,
  segmentId: v.segmentId,
  number: v.number,
  status: v.status,
  revision: v.revision,
  contentHash: v.contentHash,
  notes: v.notes,
  basedOnId: v.basedOnId,
  effectiveAt: v.effectiveAt,
  ...(withDefinition ? { definition: v.definition } : {}),
});

export class VersionService {
  constructor(
    private readonly attributes: AttributeService,
    private readonly segments: SegmentService,
    private readonly audit: AuditService,
  ) {}

  /** A version by id; discarded drafts and malformed ids read as absent. */
  async findById(ctx: AppContext, id: string): Promise<IcpVersion | null> {
    if (!isUuid(id)) return null;
    const version = await versionStore.versionById(ctx.em, id);
    return version && !version.discardedAt ? version : null;
  }

  async getById(ctx: AppContext, id: string, field = 'id'): Promise<IcpVersion> {
    const version = await this.findById(ctx, id);
    if (!version) throw new NotFoundError(`${field}: version ${id} not found`, { field });
    return version;
  }

  async liveVersion(ctx: AppContext, segmentId: string): Promise<IcpVersion | null> {
    return versionStore.liveVersionOf(ctx.em, segmentId);
  }

  /** Locks the version row for the rest of the transaction. */
  private async lock(tx: AppContext, id: string, field = 'id'): Promise<IcpVersion> {
    const version = isUuid(id) ? await versionStore.lockVersion(tx.em, id) : null;
    if (!version || version.discardedAt) throw new NotFoundError(`${field}: version ${id} not found`, { field });
    return version;
  }

  private async validated(ctx: AppContext, input: IcpDefinitionInput): Promise<IcpDefinitionSpec> {
    const definition = normalizeDefinition(input);
    assertNoIssues(validateDefinition(definition, await this.attributes.catalogue(ctx.em)), 'Invalid definition');
    return definition;
  }

  /** A new draft from the given definition, or a copy of `basedOnVersionId`, or of the live version. */
  async createDraft(ctx: AppContext, args: CreateDraftArgs): Promise<IcpVersion> {
    const notes = checkVersionNotes(args.notes);
    const segment = await this.segments.getByKey(ctx, args.segmentKey);
    let basedOn: IcpVersion | null;
    if (args.basedOnVersionId) {
      basedOn = await this.getById(ctx, args.basedOnVersionId, 'basedOnVersionId');
      if (basedOn.segmentId !== segment.id) {
        throw BadUserInputError.forField('basedOnVersionId', `version ${basedOn.id} belongs to another segment than "${segment.key}"`);
      }
    } else {
      basedOn = await this.liveVersion(ctx, segment.id);
    }
    let definition: IcpDefinitionSpec;
    if (args.definition) definition = await this.validated(ctx, args.definition);
    else if (basedOn) definition = basedOn.definition;
    else throw BadUserInputError.forField('definition', `is required: segment "${segment.key}" has no live version to copy`);

    return runInTransaction(ctx, async (tx) => {
      const number = await takeVersionNumber(tx.em, segment.id);
      const now = tx.clock.now();
      const draft = await versionStore.insertDraft(tx.em, {
        segmentId: segment.id,
        number,
        definition,
        contentHash: definitionHash(definition),
        notes: notes ?? null,
        basedOnId: basedOn?.id ?? null,
        createdBy: tx.principal.name,
        createdAt: now,
      });
      await this.audit.record(tx, {
        action: 'version.created',
        entityType: 'IcpVersion',
        entityId: draft.id,
        after: versionView(draft, true),
      });
      return draft;
    });
  }

  /** Optimistic concurrency: the caller names the revision it read; a stale one is CONFLICT. */
  async updateDraft(ctx: AppContext, args: UpdateDraftArgs): Promise<IcpVersion> {
    const notes = checkVersionNotes(args.notes);
    const definition = await this.validated(ctx, args.definition);
    return runInTransaction(ctx, async (tx) => {
      const draft = await this.lock(tx, args.id);
      if (draft.status !== 'DRAFT') throw new ConflictError(`version ${draft.number} is ${draft.status}: only drafts can be edited`);
      // Its publish's batches score the definition they read: an edit now would mix two definitions.
      const publishing = await lockUnfinishedJob(tx.em, draft.segmentId, draft.id);
      if (publishing) {
        throw new ConflictError(
          `id: the draft is being published (publish job ${publishing}); cancel that publish or wait for it, then edit`,
          {
            field: 'id',
            publishJobId: publishing,
          },
        );
      }
      if (draft.revision !== args.expectedRevision) {
        throw new ConflictError(
          `expectedRevision: the draft is at revision ${draft.revision}, not ${args.expectedRevision}; reload it and apply your change again`,
          { field: 'expectedRevision', currentRevision: draft.revision },
        );
      }
      const before = versionView(draft, true);
      await versionStore.updateDraft(tx.em, draft.id, {
        definition,
        contentHash: definitionHash(definition),
        notes: notes === undefined ? draft.notes : notes,
        updatedAt: tx.clock.now(),
      });
      const updated = await versionStore.existingVersion(tx.em, draft.id);
      await this.audit.record(tx, {
        action: 'version.updated',
        entityType: 'IcpVersion',
        entityId: draft.id,
        before,
        after: versionView(updated, true),
      });
      return updated;
    });
  }

  async discardDraft(ctx: AppContext, id: string): Promise<boolean> {
    return runInTransaction(ctx, async (tx) => {
      const draft = await this.lock(tx, id);
      if (draft.status !== 'DRAFT') throw new ConflictError(`version ${draft.number} is ${draft.status}: only drafts can be discarded`);
      await versionStore.discardDraft(tx.em, draft.id, tx.clock.now());
      await this.audit.record(tx, {
        action: 'version.discarded',
        entityType: 'IcpVersion',
        entityId: draft.id,
        before: versionView(draft),
      });
      return true;
    });
  }

  async diff(ctx: AppContext, fromId: string, toId: string): Promise<VersionDiff> {
    const [from, to] = await Promise.all([this.getById(ctx, fromId, 'fromId'), this.getById(ctx, toId, 'toId')]);
    return { from, to, changes: diffDefinitions(from.definition, to.definition) };
  }
}
