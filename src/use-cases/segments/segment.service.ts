import type { AccountService } from '../accounts/account.service';
import type { AttributeService } from '../attributes/attribute.service';
import type { AuditService } from '../audit/audit.service';
import type { AppContext } from '../context';
import { runInTransaction } from '../transaction';
import { assertNoIssues, BadUserInputError, ConflictError, NotFoundError } from '../../errors/domain-errors';
import { normalizeCriteria } from '../../domain/definitions/canonical-definition';
import { validateCriteria } from '../../domain/definitions/criteria-validator';
import type { Segment } from '../../model/segment.types';
import { insertSegment, listSegments, segmentByKey, segmentKeyExists } from '../../stores/segment-store';
import type { CreateSegmentInput } from '../../model/segment.input';

export const segmentView = (s: Segment) => ({ id: s.id, key: s.key, name: s.name, description: s.description, membership: s.membership });

export class SegmentService {
  constructor(
    private readonly attributes: AttributeService,
    private readonly accounts: AccountService,
    private readonly audit: AuditService,
  ) {}

  async list(ctx: AppContext): Promise<Segment[]> {
    return listSegments(ctx.em);
  }

  async findByKey(ctx: AppContext, key: string): Promise<Segment | null> {
    return segmentByKey(ctx.em, key);
  }

  /** The segment, or NOT_FOUND naming the field the key came from. */
  async getByKey(ctx: AppContext, key: string, field = 'segmentKey'): Promise<Segment> {
    const segment = await this.findByKey(ctx, key);
    if (!segment) throw new NotFoundError(`${field}: segment "${key}" not found`, { field });
    return segment;
  }

  async create(ctx: AppContext, input: CreateSegmentInput): Promise<Segment> {
    if (!input.name.trim()) throw BadUserInputError.forField('input.name', 'must not be blank');
    const membership = normalizeCriteria(input.membership);
    assertNoIssues(validateCriteria(membership, await this.attributes.catalogue(ctx.em), 'input.membership'), 'Invalid segment');
    return runInTransaction(ctx, async (tx) => {
      if (await segmentKeyExists(tx.em, input.key)) {
        throw new ConflictError(`input.key: segment "${input.key}" already exists`, { field: 'input.key' });
      }
      const segment = await insertSegment(tx.em, {
        key: input.key,
        name: input.name.trim(),
        description: input.description?.trim() || null,
        membership,
        createdAt: tx.clock.now(),
        createdBy: tx.principal.name,
      });
      const members = await this.accounts.assignSegment(tx, segment);
      await this.audit.record(tx, {
        action: 'segment.created',
        entityType: 'Segment',
        entityId: segment.id,
        after: { ...segmentView(segment), members },
      });
      return segment;
    });
  }
}
