import { Account } from '../model/account.entity';
import { AttributeDefinition } from '../model/attribute-definition.entity';
import { ApiKey } from '../model/api-key.entity';
import { Segment } from '../model/segment.entity';
import { IcpVersion } from '../model/icp-version.entity';

/** Every TypeORM entity, listed explicitly (no globs: ts-node, jest and compiled builds see the same). */
export const entities = [ApiKey, AttributeDefinition, Segment, IcpVersion, Account];
