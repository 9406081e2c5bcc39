import { Account } from '../model/account.entity';

/** Every TypeORM entity, listed explicitly (no globs: ts-node, jest and compiled builds see the same). */
export const entities = [Account];
