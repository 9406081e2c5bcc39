import { Account } from '../model/account.entity';
import { IcpVersion } from '../model/icp-version.entity';

/** Every TypeORM entity, listed explicitly (no globs: ts-node, jest and compiled builds see the same). */
export const entities = [IcpVersion, Account];
