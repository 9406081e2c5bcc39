import type { AuditService } from '../audit/audit.service';
import type { AppContext } from '../context';
import { runInTransaction } from '../transaction';
import { ConflictError } from '../../errors/domain-errors';
import type { AttributeCatalogue } from '../../model/icp-definition';
import type { AttributeDefinition } from '../../model/attribute-definition.types';
import type { Sql } from '../../db/sql';
import { attributeCatalogue, attributeLike, insertAttribute, listAttributes } from '../../stores/attribute-store';
import type { AttributeInput } from '../../model/attribute.input';

export class AttributeService {
  constructor(private readonly audit: AuditService) {}

  async list(ctx: AppContext): Promise<AttributeDefinition[]> {
    return listAttributes(ctx.em);
  }

  /** The catalogue as the validators and the scoring engine see it. */
  async catalogue(db: Sql): Promise<AttributeCatalogue> {
    return attributeCatalogue(db);
  }

  /** Attributes are append-only: changing a type would silently break definitions and stored values. */
  async define(ctx: AppContext, input: AttributeInput): Promise<AttributeDefinition> {
    return runInTransaction(ctx, async (tx) => {
      // Keys are unique case-insensitively, so that `annualrevenue` cannot shadow `annualRevenue`.
      const clash = await attributeLike(tx.em, input.key);
      if (clash) throw new ConflictError(`attribute "${clash.key}" already exists`, { field: 'input.key' });
      const attribute = await insertAttribute(tx.em, {
        key: input.key,
        type: input.type,
        dimension: input.dimension ?? null,
        description: input.description?.trim() || null,
        createdAt: tx.clock.now(),
      });
      await this.audit.record(tx, {
        action: 'attribute.defined',
        entityType: 'AttributeDefinition',
        entityId: attribute.key,
        after: { key: attribute.key, type: attribute.type, dimension: attribute.dimension, description: attribute.description },
      });
      return attribute;
    });
  }
}
