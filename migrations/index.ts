import { Registry1764000000000 } from './1764000000000-Registry';
import { AccountsAndScores1764100000000 } from './1764100000000-AccountsAndScores';
import { Overrides1764200000000 } from './1764200000000-Overrides';
import { Outcomes1764300000000 } from './1764300000000-Outcomes';
import { AuditActors1764700000000 } from './1764700000000-AuditActors';
import { OverrideRevokerKey1764700000001 } from './1764700000001-OverrideRevokerKey';
import { CacheInvalidation1764800000000 } from './1764800000000-CacheInvalidation';
import { PublishJobs1764800000001 } from './1764800000001-PublishJobs';
import { ScoreNextChange1764900000000 } from './1764900000000-ScoreNextChange';
import { Delivery1765300000000 } from './1765300000000-Delivery';
import { MembershipChange1765400000000 } from './1765400000000-MembershipChange';
import { PreparedScores1765500000000 } from './1765500000000-PreparedScores';
import { FitRemovedEvent1765600000000 } from './1765600000000-FitRemovedEvent';
import { ScoreGuardWhen1765710000000 } from './1765710000000-ScoreGuardWhen';
import { ScoreVersionCheckPerStatement1765710000001 } from './1765710000001-ScoreVersionCheckPerStatement';
import { FitChangesFollowPublish1765900000000 } from './1765900000000-FitChangesFollowPublish';
import { MembershipChecked1765910000000 } from './1765910000000-MembershipChecked';

/** Every migration, oldest first. Explicit, so that ts-node, jest and compiled builds load the same list. */
export const migrations = [
  Registry1764000000000,
  AccountsAndScores1764100000000,
  Overrides1764200000000,
  Outcomes1764300000000,
  AuditActors1764700000000,
  OverrideRevokerKey1764700000001,
  CacheInvalidation1764800000000,
  PublishJobs1764800000001,
  ScoreNextChange1764900000000,
  Delivery1765300000000,
  MembershipChange1765400000000,
  PreparedScores1765500000000,
  FitRemovedEvent1765600000000,
  ScoreGuardWhen1765710000000,
  ScoreVersionCheckPerStatement1765710000001,
  FitChangesFollowPublish1765900000000,
  MembershipChecked1765910000000,
];
