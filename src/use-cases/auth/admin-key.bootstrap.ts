import fs from 'node:fs';
import path from 'node:path';
import type { Config } from '../../config';
import type { AppContext } from '../context';
import { newSecret, type ApiKeyService } from './api-key.service';

export interface AdminKeyInfo {
  /** The secret to print, when we may show it. */
  secret: string | null;
  source: 'FITGRAPH_ADMIN_KEY' | 'local data folder' | 'new' | 'existing';
}

/**
 * Makes sure someone can administer the API:
 * - FITGRAPH_ADMIN_KEY set: that secret is a live ADMIN key;
 * - embedded database: a local admin key kept in the (git-ignored) data folder, printed at every start;
 * - otherwise: a new ADMIN key only when none is live, printed once.
 */
export async function bootstrapAdminKey(
  services: { apiKeys: ApiKeyService },
  ctx: AppContext,
  cfg: Readonly<Config>,
  embedded: boolean,
): Promise<AdminKeyInfo> {
  if (cfg.adminKey) {
    await services.apiKeys.ensureAdminKey(ctx, cfg.adminKey);
    return { secret: cfg.adminKey, source: 'FITGRAPH_ADMIN_KEY' };
  }
  if (embedded) {
    const file = path.join(cfg.dataDir, 'admin-key');
    const saved = fs.existsSync(file) ? fs.readFileSync(file, 'utf8').trim() : '';
    if (saved && (await services.apiKeys.authenticate(ctx.em, saved))?.role === 'ADMIN') {
      return { secret: saved, source: 'local data folder' };
    }
    const secret = newSecret();
    await services.apiKeys.createUnderFreeName(ctx, 'local-admin', 'ADMIN', secret);
    fs.writeFileSync(file, `${secret}\n`, { mode: 0o600 });
    return { secret, source: 'local data folder' };
  }
  if (await services.apiKeys.hasLiveAdminKey(ctx.em)) return { secret: null, source: 'existing' };
  const { secret } = await services.apiKeys.createUnderFreeName(ctx, 'bootstrap-admin', 'ADMIN');
  return { secret, source: 'new' };
}
