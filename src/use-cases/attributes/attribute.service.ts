import type { EntityManager } from 'typeorm';
import { auditService } from '../audit/audit.service';
import type { AppContext } from '../context';
import { runInTransaction } from '../transaction';
import { ConflictError } from '../../errors/domain-errors';
import type { AttributeCatalogue } from '../../model/icp-definition';
import { AttributeDefinition } from '../../model/attribute-definition.entity';
import type { AttributeInput } from '../../model/attribute.input';

export class AttributeService {
  async list(ctx: AppContext): Promise<AttributeDefinition[]> {
    return ctx.em.getRepository(AttributeDefinition).find({ order: { key: 'ASC' } });
  }

  /** The catalogue as the validators and the scoring engine see it. */
  async catalogue(em: EntityManager): Promise<AttributeCatalogue> {
    const rows = await em.getRepository(AttributeDefinition).find();
    return new Map(rows.map((a) => [a.key, { key: a.key, type: a.type, dimension: a.dimension }]));
  }

  /** Attributes are append-only: changing a type would silently break definitions and stored values. */
  async define(ctx: AppContext, input: AttributeInput): Promise<AttributeDefinition> {
    return runInTransaction(ctx, async (tx) => {
      const repo = tx.em.getRepository(AttributeDefinition);
      // Keys are unique case-insensitively, so that `annualrevenue` cannot shadow `annualRevenue`.
      const clash = await repo.createQueryBuilder('a').where('lower(a.key) = lower(:key)', { key: input.key }).getOne();
      if (clash) throw new ConflictError(`attribute "${clash.key}" already exists`, { field: 'input.key' });
      const attribute = await repo.save(
        repo.create({
          key: input.key,
          type: input.type,
          dimension: input.dimension ?? null,
          description: input.description?.trim() || null,
          createdAt: tx.clock.now(),
        }),
      );
      await auditService.record(tx, {
        action: 'attribute.defined',
        entityType: 'AttributeDefinition',
        entityId: attribute.key,
        after: { key: attribute.key, type: attribute.type, dimension: attribute.dimension, description: attribute.description },
      });
      return attribute;
    });
  }
}

export const attributeService = new AttributeService();
