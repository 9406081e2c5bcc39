import { createHash, randomBytes } from 'node:crypto';
import { IsNull, type EntityManager } from 'typeorm';
import { auditService } from '../audit/audit.service';
import type { AppContext } from '../context';
import { runInTransaction } from '../db/transaction';
import { BadUserInputError, ConflictError, NotFoundError } from '../errors/domain-errors';
import { ApiKey } from './api-key.entity';
import { ROLES, type Principal, type Role } from './role';

/** Secrets carry 256 random bits, so a fast hash is enough; only the hash is stored. */
export function hashSecret(secret: string): string {
  return createHash('sha256').update(secret, 'utf8').digest('hex');
}

export function newSecret(): string {
  return `fgk_${randomBytes(32).toString('base64url')}`;
}

const keyView = (k: ApiKey) => ({ id: k.id, name: k.name, role: k.role, revokedAt: k.revokedAt ?? null });

export class ApiKeyService {
  /** The principal behind a bearer secret, or null when it is unknown or revoked. */
  async authenticate(em: EntityManager, secret: string): Promise<Principal | null> {
    const key = await em.getRepository(ApiKey).findOne({
      where: { secretHash: hashSecret(secret), revokedAt: IsNull() },
    });
    return key ? { keyId: key.id, name: key.name, role: key.role } : null;
  }

  async list(ctx: AppContext): Promise<ApiKey[]> {
    return ctx.em.getRepository(ApiKey).find({ order: { createdAt: 'ASC', id: 'ASC' } });
  }

  /** Creates a key and returns its secret, which is never shown again. */
  async create(ctx: AppContext, name: string, role: Role, secret = newSecret()): Promise<{ apiKey: ApiKey; secret: string }> {
    const trimmed = name.trim();
    if (trimmed.length === 0 || trimmed.length > 100) {
      throw BadUserInputError.forField('name', 'must be 1 to 100 characters');
    }
    if (!ROLES.includes(role)) throw BadUserInputError.forField('role', `must be one of ${ROLES.join(', ')}`);
    return runInTransaction(ctx, async (tx) => {
      const repo = tx.em.getRepository(ApiKey);
      const apiKey = await repo.save(repo.create({
        name: trimmed, role, secretHash: hashSecret(secret), createdAt: tx.clock.now(), createdBy: tx.principal.name, revokedAt: null,
      }));
      await auditService.record(tx, { action: 'apiKey.created', entityType: 'ApiKey', entityId: apiKey.id, after: keyView(apiKey) });
      return { apiKey, secret };
    });
  }

  /** Revocation is immediate: every request looks its key up. */
  async revoke(ctx: AppContext, id: string): Promise<ApiKey> {
    return runInTransaction(ctx, async (tx) => {
      const repo = tx.em.getRepository(ApiKey);
      const key = await repo.createQueryBuilder('k').setLock('pessimistic_write').where('k.id = :id', { id }).getOne();
      if (!key) throw NotFoundError.of('ApiKey', id);
      if (key.revokedAt) throw new ConflictError(`ApiKey ${id} is already revoked`);
      const before = keyView(key);
      key.revokedAt = tx.clock.now();
      key.revokedBy = tx.principal.name;
      await repo.save(key);
      await auditService.record(tx, { action: 'apiKey.revoked', entityType: 'ApiKey', entityId: key.id, before, after: keyView(key) });
      return key;
    });
  }

  /** Makes sure a live ADMIN key with exactly this secret exists (FITGRAPH_ADMIN_KEY). */
  async ensureAdminKey(ctx: AppContext, secret: string, name = 'admin'): Promise<void> {
    const existing = await this.authenticate(ctx.em, secret);
    if (existing?.role === 'ADMIN') return;
    if (existing) throw new Error(`FITGRAPH_ADMIN_KEY belongs to a live ${existing.role} key, not an ADMIN one`);
    await this.create(ctx, name, 'ADMIN', secret);
  }

  async hasLiveAdminKey(em: EntityManager): Promise<boolean> {
    const [row] = await em.query(`SELECT EXISTS (SELECT 1 FROM api_key WHERE role = 'ADMIN' AND revoked_at IS NULL) AS present`);
    return row.present === true;
  }
}

export const apiKeyService = new ApiKeyService();
