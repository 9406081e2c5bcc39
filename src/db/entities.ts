import { Account } from '../accounts/account.entity';
import { AttributeDefinition } from '../attributes/attribute-definition.entity';
import { ApiKey } from '../auth/api-key.entity';
import { Segment } from '../segments/segment.entity';
import { IcpVersion } from '../versions/icp-version.entity';

/** Every TypeORM entity, listed explicitly (no globs: ts-node, jest and compiled builds see the same). */
export const entities = [ApiKey, AttributeDefinition, Segment, IcpVersion, Account];
