import { createHash, randomBytes } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import type { AuditService } from '../audit/audit.service';
import type { AppContext } from '../context';
import { ProcessCache, type CacheBus } from '../../db/process-cache';
import { runInTransaction } from '../transaction';
import { BadUserInputError, ConflictError, NotFoundError } from '../../errors/domain-errors';
import { PgCode, pgCode, pgConstraint } from '../../db/database-errors';
import type { ApiKey } from '../../model/api-key.types';
import type { Sql } from '../../db/sql';
import * as apiKeyStore from '../../stores/api-key-store';
import { keyNameIdentity, keyNameProblem } from '../../domain/auth/key-name';
import { ROLES, type Principal, type Role } from '../../model/role';

/** Secrets carry 256 random bits, so a fast hash is enough; only the hash is stored. */
export function hashSecret(secret: string): string {
  return createHash('sha256').update(secret, 'utf8').digest('hex');
}

export function newSecret(): string {
  return `fgk_${randomBytes(32).toString('base64url')}`;
}

const keyView = (k: ApiKey) => ({ id: k.id, name: k.name, role: k.role, revokedAt: k.revokedAt ?? null });

export class ApiKeyService {
  /** Live keys by secret hash; any change to api_key in any process empties it (a revoked key fails at once everywhere). */
  private readonly liveKeys: ProcessCache<string, Principal>;

  constructor(
    private readonly audit: AuditService,
    private readonly cacheBus: CacheBus,
  ) {
    this.liveKeys = new ProcessCache(cacheBus, ['api_key']);
  }

  /** The principal behind a bearer secret, or null when it is unknown or revoked. */
  async authenticate(em: EntityManager, secret: string): Promise<Principal | null> {
    const secretHash = hashSecret(secret);
    const load = async () => {
      const key = await apiKeyStore.liveKeyBySecretHash(em, secretHash);
      return key ? { keyId: key.id, name: key.name, role: key.role } : undefined;
    };
    // Inside a transaction the row may not be committed: never cache what it sees.
    const principal = em.queryRunner?.isTransactionActive ? await load() : await this.liveKeys.get(secretHash, load);
    return principal ?? null;
  }

  /** For the log of a refused request: the revoked key behind a secret, if it is one. */
  async revokedKeyFor(em: EntityManager, secret: string): Promise<{ keyId: string; role: Role } | null> {
    const key = await apiKeyStore.revokedKeyBySecretHash(em, hashSecret(secret));
    return key ? { keyId: key.id, role: key.role } : null;
  }

  async list(ctx: AppContext): Promise<ApiKey[]> {
    return apiKeyStore.listApiKeys(ctx.em);
  }

  /**
   * Creates a key and returns its secret, which is never shown again. Names are unique as a
   * reader sees them, among revoked keys too: a name in the audit trail stays one key's.
   */
  async create(ctx: AppContext, name: string, role: Role, secret = newSecret()): Promise<{ apiKey: ApiKey; secret: string }> {
    const trimmed = name.trim();
    const problem = keyNameProblem(trimmed);
    if (problem) throw BadUserInputError.forField('name', problem);
    if (!ROLES.includes(role)) throw BadUserInputError.forField('role', `must be one of ${ROLES.join(', ')}`);
    return runInTransaction(ctx, async (tx) => {
      const nameIdentity = keyNameIdentity(trimmed);
      const clash = await apiKeyStore.nameWithIdentity(tx.em, nameIdentity);
      if (clash !== null)
        throw new ConflictError(`name: "${trimmed}" reads the same as the existing key "${clash}"; choose another name`, {
          field: 'name',
        });
      let apiKey: ApiKey;
      try {
        apiKey = await apiKeyStore.insertApiKey(tx.em, {
          name: trimmed,
          nameIdentity,
          role,
          secretHash: hashSecret(secret),
          createdAt: tx.clock.now(),
          createdBy: tx.principal.name,
        });
      } catch (err) {
        if (pgCode(err) === PgCode.uniqueViolation && pgConstraint(err) === 'api_key_name_identity_uq') {
          throw new ConflictError(`name: a key named like "${trimmed}" was created at the same time; choose another name`, {
            field: 'name',
          });
        }
        throw err;
      }
      await this.audit.record(tx, { action: 'apiKey.created', entityType: 'ApiKey', entityId: apiKey.id, after: keyView(apiKey) });
      return { apiKey, secret };
    });
  }

  /** For keys fitgraph makes itself (bootstrap): `base`, or `base-2`, `base-3`… when taken. */
  async createUnderFreeName(ctx: AppContext, base: string, role: Role, secret = newSecret()): Promise<{ apiKey: ApiKey; secret: string }> {
    const taken = await apiKeyStore.nameIdentities(ctx.em);
    let name = base;
    for (let n = 2; taken.has(keyNameIdentity(name)); n++) name = `${base}-${n}`;
    return this.create(ctx, name, role, secret);
  }

  /** Revocation is immediate: every request looks its key up. */
  /** Answers once every process has forgotten the key (see cacheBus.announce), so it fails at once everywhere. */
  async revoke(ctx: AppContext, id: string): Promise<ApiKey> {
    let announced: { acknowledged(): Promise<void> } | undefined;
    const revoked = await runInTransaction(ctx, async (tx) => {
      const key = await apiKeyStore.lockApiKey(tx.em, id);
      if (!key) throw NotFoundError.of('ApiKey', id);
      if (key.revokedAt) throw new ConflictError(`ApiKey ${id} is already revoked`);
      const revoked = await apiKeyStore.revokeApiKey(tx.em, key.id, tx.clock.now(), tx.principal.name);
      await this.audit.record(tx, {
        action: 'apiKey.revoked',
        entityType: 'ApiKey',
        entityId: key.id,
        before: keyView(key),
        after: keyView(revoked),
      });
      announced = await this.cacheBus.announce(tx.em, 'api_key');
      return revoked;
    });
    this.liveKeys.clear();
    await announced?.acknowledged();
    return revoked;
  }

  /** Makes sure a live ADMIN key with exactly this secret exists (FITGRAPH_ADMIN_KEY). */
  async ensureAdminKey(ctx: AppContext, secret: string, name = 'admin'): Promise<void> {
    const existing = await this.authenticate(ctx.em, secret);
    if (existing?.role === 'ADMIN') return;
    if (existing) throw new Error(`FITGRAPH_ADMIN_KEY belongs to a live ${existing.role} key, not an ADMIN one`);
    await this.createUnderFreeName(ctx, name, 'ADMIN', secret);
  }

  async hasLiveAdminKey(db: Sql): Promise<boolean> {
    return apiKeyStore.hasLiveAdminKey(db);
  }
}
