/* eslint-disable */
import * as types from './graphql';
import type { TypedDocumentNode as DocumentNode } from '@graphql-typed-document-node/core';

/**
 * Map of all GraphQL operations in the project.
 *
 * This map has several performance disadvantages:
 * 1. It is not tree-shakeable, so it will include all operations in the project.
 * 2. It is not minifiable, so the string of a GraphQL query will be multiple times inside the bundle.
 * 3. It does not support dead code elimination, so it will add unused operations.
 *
 * Therefore it is highly recommended to use the babel or swc plugin for production.
 * Learn more about it here: https://the-guild.dev/graphql/codegen/plugins/presets/preset-client#reducing-bundle-size
 */
type Documents = {
    "\n  query AccountByExternalId($externalId: String!) {\n    account(externalId: $externalId) { id externalId name domain attributes explicitSegments }\n  }\n": typeof types.AccountByExternalIdDocument,
    "\n  query AccountExternalIdById($id: ID) { account(id: $id) { externalId } }\n": typeof types.AccountExternalIdByIdDocument,
    "\n  query AccountsPage($filter: AccountFilter, $first: Int, $after: String) {\n    accounts(filter: $filter, first: $first, after: $after) {\n      totalCount pageInfo { hasNextPage endCursor } edges { node { externalId } }\n    }\n  }\n": typeof types.AccountsPageDocument,
    "\n  query FitsAfterCursor($a: String) { fits(segmentKey: \"saas\", after: $a) { totalCount } }\n": typeof types.FitsAfterCursorDocument,
    "\n  query WorkedFitExplained {\n    account(externalId: \"worked\") {\n      fit(segmentKey: \"saas\") {\n        score tier action overridden version { number } segment { key }\n        computed {\n          score tier missingAttributes completeness disqualifiedBy\n          dimensions { dimension weight score criteria { attribute matched missing earned } }\n        }\n      }\n    }\n  }\n": typeof types.WorkedFitExplainedDocument,
    "\n  query WorkedFitAndHistory {\n    account(externalId: \"worked\") {\n      fit(segmentKey: \"saas\") { score tier }\n      scoreHistory(segmentKey: \"saas\") { score tier version { number } }\n    }\n  }\n": typeof types.WorkedFitAndHistoryDocument,
    "\n  query WorkedFitAndFits { account(externalId: \"worked\") { fit(segmentKey: \"saas\") { score } fits { segment { key } } } }\n": typeof types.WorkedFitAndFitsDocument,
    "\n  query WorkedFitScores { account(externalId: \"worked\") { fits { segment { key } score } } }\n": typeof types.WorkedFitScoresDocument,
    "\n  query WorkedStoredScore {\n    account(externalId: \"worked\") {\n      attributes\n      fit(segmentKey: \"saas\") { score tier computed { dimensions { score } completeness } }\n    }\n  }\n": typeof types.WorkedStoredScoreDocument,
    "\n  query PreviewScore($v: ID!, $a: JSON!) {\n    previewScore(versionId: $v, attributes: $a) { account { id } score tier completeness dimensions { score } version { number } }\n  }\n": typeof types.PreviewScoreDocument,
    "\n  query PreviewScoreOfInvalidAttributes($v: ID!) { previewScore(versionId: $v, attributes: { employees: \"many\" }) { score } }\n": typeof types.PreviewScoreOfInvalidAttributesDocument,
    "\n  query SaasTiers { fits(segmentKey: \"saas\", first: 100) { edges { node { account { externalId } tier } } } }\n": typeof types.SaasTiersDocument,
    "\n  query SaasTiersAndVersions { fits(segmentKey: \"saas\", first: 100) { edges { node { account { externalId } tier version { number } } } } }\n": typeof types.SaasTiersAndVersionsDocument,
    "\n  query WorkedLatestHistory { account(externalId: \"worked\") { scoreHistory(segmentKey: \"saas\", first: 1) { tier version { number } } } }\n": typeof types.WorkedLatestHistoryDocument,
    "\n  mutation OverrideFitNamingKey($input: OverrideFitInput!) { overrideFit(input: $input) { id createdBy createdByKeyId } }\n": typeof types.OverrideFitNamingKeyDocument,
    "\n  mutation RevokeOverrideNamingKeys($id: ID!, $r: String!) { revokeOverride(id: $id, reason: $r) { revokedBy revokedByKeyId createdByKeyId } }\n": typeof types.RevokeOverrideNamingKeysDocument,
    "\n  query AuditEventsOfKey($id: ID) {\n    auditEvents(filter: { actorKeyId: $id }) { totalCount edges { node { actor actorKeyId clientRequestId requestId } } }\n  }\n": typeof types.AuditEventsOfKeyDocument,
    "\n  query OverrideAuthors { overrides(first: 10) { edges { node { id createdBy createdByKeyId } } } }\n": typeof types.OverrideAuthorsDocument,
    "\n  query Snoop { segments { key } apiKeys { id name } }\n": typeof types.SnoopDocument,
    "\n  query Trail($f: AuditFilter) { auditEvents(filter: $f, first: 5) { edges { node { action actorKeyId } } } }\n": typeof types.TrailDocument,
    "\n  query OverrideTiers { overrides(first: 5) { edges { node { id tier } } } }\n": typeof types.OverrideTiersDocument,
    "\n  query Justifications { overrides(first: 5) { edges { node { justification } } } }\n": typeof types.JustificationsDocument,
    "\n  query AuditReaders { auditEvents(filter: { action: \"audit.read\" }, first: 50) { edges { node { actor actorKeyId } } } }\n": typeof types.AuditReadersDocument,
    "\n  query AuditCountAndKeys { auditEvents { totalCount } apiKeys { id } }\n": typeof types.AuditCountAndKeysDocument,
    "\n  query OverriddenCoreFitsAsViewer {\n    fits(segmentKey: \"core\", first: 10, filter: { overridden: true }) {\n      edges { node { overridden override { id tier status category expiresAt createdAt } } }\n    }\n  }\n": typeof types.OverriddenCoreFitsAsViewerDocument,
    "\n  query FitJustifications { fits(segmentKey: \"core\", first: 5) { edges { node { override { justification } } } } }\n": typeof types.FitJustificationsDocument,
    "\n  query FitOverrideAuthors { fits(segmentKey: \"core\", first: 5) { edges { node { override { createdBy createdByKeyId } } } } }\n": typeof types.FitOverrideAuthorsDocument,
    "\n  query FitOverrideRevokers {\n    fits(segmentKey: \"core\", first: 5) { edges { node { override { revokedBy revokedByKeyId revokeReason } } } }\n  }\n": typeof types.FitOverrideRevokersDocument,
    "\n  query AccountFitJustification($id: ID!) { account(id: $id) { fit(segmentKey: \"core\") { override { justification } } } }\n": typeof types.AccountFitJustificationDocument,
    "\n  query AccountOverrideTiers($id: ID!) { account(id: $id) { overrides { tier } } }\n": typeof types.AccountOverrideTiersDocument,
    "\n  query OverridesCount { overrides { totalCount } }\n": typeof types.OverridesCountDocument,
    "\n  query CoreExceptionsShare { exceptions(segmentKey: \"core\") { shareOfPipeline } }\n": typeof types.CoreExceptionsShareDocument,
    "\n  query CoreVersionAuthors { segment(key: \"core\") { versions { number createdBy } } }\n": typeof types.CoreVersionAuthorsDocument,
    "\n  query CoreLivePublisher { segment(key: \"core\") { liveVersion { publishedBy } } }\n": typeof types.CoreLivePublisherDocument,
    "\n  query WhoAndWhyViaFits {\n    fits(segmentKey: \"core\", first: 10, filter: { overridden: true }) { edges { node { override { id justification createdBy } } } }\n  }\n": typeof types.WhoAndWhyViaFitsDocument,
    "\n  query WhoAndWhyViaList { overrides(first: 10, filter: { status: ACTIVE }) { edges { node { id justification createdBy } } } }\n": typeof types.WhoAndWhyViaListDocument,
    "\n  query WhoAndWhyViaAccount($id: ID!) { account(id: $id) { overrides { id justification createdBy } } }\n": typeof types.WhoAndWhyViaAccountDocument,
    "\n  query AuditTrailPage($filter: AuditFilter, $first: Int, $after: String) {\n    auditEvents(filter: $filter, first: $first, after: $after) {\n      totalCount pageInfo { hasNextPage endCursor }\n      edges {\n        cursor\n        node {\n          id sequence occurredAt actor actorKeyId action entityType entityId before after justification requestId clientRequestId previousHash hash\n        }\n      }\n    }\n  }\n": typeof types.AuditTrailPageDocument,
    "\n  query AuditIntegrityCheck { auditIntegrity { ok checkedEvents firstBrokenSequence } }\n": typeof types.AuditIntegrityCheckDocument,
    "\n  query ApiKeys { apiKeys { id name role } }\n": typeof types.ApiKeysDocument,
    "\n  mutation PublishReturningChangedFits($id: ID!, $first: Int, $after: String, $last: Int, $before: String) {\n    publishVersion(id: $id) {\n      version { id number }\n      superseded { number }\n      changedFits(first: $first, after: $after, last: $last, before: $before) {\n        totalCount\n        edges { cursor node { id score tier overridden account { externalId } version { number } } }\n        pageInfo { hasNextPage hasPreviousPage startCursor endCursor }\n      }\n    }\n  }\n": typeof types.PublishReturningChangedFitsDocument,
    "\n  query SizedJobs { publishJobs(segmentKey: \"sized\", first: 2) { id version { number } } }\n": typeof types.SizedJobsDocument,
    "\n  query ChangedFitsOfJob($id: ID!, $first: Int, $after: String, $last: Int, $before: String) {\n    publishJob(id: $id) {\n      result {\n        changedFits(first: $first, after: $after, last: $last, before: $before) {\n          totalCount\n          edges { cursor node { id score tier account { externalId } } }\n          pageInfo { hasNextPage hasPreviousPage }\n        }\n      }\n    }\n  }\n": typeof types.ChangedFitsOfJobDocument,
    "\n  query SizedFits($after: String) {\n    fits(segmentKey: \"sized\", first: 50, after: $after) { edges { node { id score tier account { externalId } } } }\n  }\n": typeof types.SizedFitsDocument,
    "\n  query SizedAccountIds { accounts(first: 50) { nodes { id externalId } } }\n": typeof types.SizedAccountIdsDocument,
    "\n  query FitNode($id: ID!) { node(id: $id) { id ... on Fit { tier score account { externalId } } } }\n": typeof types.FitNodeDocument,
    "\n  query Rp3FitVersion { account(externalId: \"rp-3\") { fit(segmentKey: \"race-pub\") { version { number } } } }\n": typeof types.Rp3FitVersionDocument,
    "\n  query Rp3FitAndHistory {\n    account(externalId: \"rp-3\") {\n      fit(segmentKey: \"race-pub\") { version { number } score tier }\n      scoreHistory(segmentKey: \"race-pub\") { version { number } }\n    }\n  }\n": typeof types.Rp3FitAndHistoryDocument,
    "\n  query DemoSegments { segments { key membership { attribute operator } liveVersion { number effectiveAt publishedAt definition { dimensions { dimension weight } } } versions { number status notes } } }\n": typeof types.DemoSegmentsDocument,
    "\n  query DemoFits($key: String!) { fits(segmentKey: $key, first: 500) { totalCount edges { node { tier score } } } }\n": typeof types.DemoFitsDocument,
    "\n  query DemoConversionComparison($key: String!) { conversionComparison(segmentKey: $key) { before { version { number } metrics { leadToOpportunityRate medianSalesCycleDays } }\n        after { version { number } metrics { leadToOpportunityRate medianSalesCycleDays } } deltas { metric significant } } }\n": typeof types.DemoConversionComparisonDocument,
    "\n  query DemoInsights($key: String!) { icpInsights(segmentKey: $key) { insights { attribute significant favourable criterion { operator values } } } }\n": typeof types.DemoInsightsDocument,
    "\n  query EnterpriseComparisonFollowedUp($f: Int) { conversionComparison(segmentKey: \"enterprise\", followUpDays: $f) {\n      warnings after { metrics { opportunities openOpportunities } } deltas { metric significant } } }\n": typeof types.EnterpriseComparisonFollowedUpDocument,
    "\n  query StrategicVersions { segment(key: \"strategic\") { versions { id number status definition {\n      dimensions { dimension key name weight } thresholds { perfect strong moderate } actions { tier action } } } } }\n": typeof types.StrategicVersionsDocument,
    "\n  query PreviewFramework($v: ID!, $a: JSON!) { previewScore(versionId: $v, attributes: $a) {\n      score tier nextChangeAt dimensions { key score criteria { label band earned } } } }\n": typeof types.PreviewFrameworkDocument,
    "\n  query DemoBacktest($v: ID!) { backtest(versionId: $v) { baseline { number } accountsScored\n      migration { from to accounts } tiers { tier accounts } auc baselineAuc } }\n": typeof types.DemoBacktestDocument,
    "\n  fragment InsightFields on AttributeInsight {\n    attribute dimension criterion { attribute operator value values min max points } positiveShare negativeShare lift\n    pValue qValue significant favourable missingShare test positivesHolding negativesHolding weightOfEvidence informationValue testsTried\n  }\n": typeof types.InsightFieldsFragmentDoc,
    "\n  query IcpInsights($k: String!, $o: InsightOptions) { icpInsights(segmentKey: $k, options: $o) {\n  segment { key } basis from to positives negatives positivesCounted negativesCounted testsTried warnings insights { ...InsightFields } } }\n": typeof types.IcpInsightsDocument,
    "\n  mutation SuggestDraft($k: String!, $o: InsightOptions) { suggestDraft(segmentKey: $k, options: $o) {\n  draft { id number status notes createdBy definition { dimensions { dimension weight criteria { attribute operator value values min max points } }\n    disqualifiers { attribute operator value reason } thresholds { perfect strong moderate } } }\n  insightsUsed { ...InsightFields }\n  check { splitAt trainPositives trainNegatives testPositives testNegatives auc aucCiLow aucCiHigh liveAuc liveAucCiLow liveAucCiHigh }\n  warnings } }\n": typeof types.SuggestDraftDocument,
    "\n  query SmallAccountId { account(externalId: \"small\") { id } }\n": typeof types.SmallAccountIdDocument,
    "\n  query ExplorerIntrospection { __schema { queryType { name } } }\n": typeof types.ExplorerIntrospectionDocument,
    "\n  query RankedFits($filter: FitFilter, $first: Int, $after: String) { fits(segmentKey: \"all\", filter: $filter, first: $first, after: $after) {\n  totalCount pageInfo { hasNextPage endCursor } edges { cursor node { score tier account { id externalId } } } } }\n": typeof types.RankedFitsDocument,
    "\n  query FitsOfUnknownSegment { fits(segmentKey: \"nope\") { totalCount } }\n": typeof types.FitsOfUnknownSegmentDocument,
    "\n  query ExplainedFitsPage($first: Int) { fits(segmentKey: \"all\", first: $first) { edges { node {\n      score tier action overridden account { name domain attributes } version { number contentHash segment { key } } segment { key liveVersion { number } }\n      computed { score tier completeness missingAttributes disqualifiedBy version { number } account { externalId }\n        dimensions { dimension weight score criteria { attribute operator matched missing points earned } } } } } } }\n": typeof types.ExplainedFitsPageDocument,
    "\n  query AccountsWithTheirFits { accounts(first: 100, filter: { segmentKey: \"all\" }) { edges { node { externalId fit(segmentKey: \"all\") { score tier computed { completeness } } fits { segment { key } tier } } } } }\n": typeof types.AccountsWithTheirFitsDocument,
    "\n  query ExplainedAccountFit($id: ID) { account(id: $id) { fit(segmentKey: \"all\") { score tier overridden version { number }\n      computed { score completeness missingAttributes disqualifiedBy dimensions { dimension score criteria { attribute matched missing earned } } } } } }\n": typeof types.ExplainedAccountFitDocument,
    "\n  query CoreTierDashboard { tierDashboard(segmentKey: \"core\") { version { number } tiers { tier accounts } } }\n": typeof types.CoreTierDashboardDocument,
    "\n  query MissingTierDashboard { tierDashboard(segmentKey: \"missing\") { tiers { tier } } }\n": typeof types.MissingTierDashboardDocument,
    "\n  query QueryTypename { __typename }\n": typeof types.QueryTypenameDocument,
    "\n  query AcmeAccountId { account(externalId: \"acme\") { id } }\n": typeof types.AcmeAccountIdDocument,
    "\n  query AccountsMatching($f: AccountFilter) { accounts(filter: $f) { totalCount } }\n": typeof types.AccountsMatchingDocument,
    "\n  query AuditEventsMatching($f: AuditFilter) { auditEvents(filter: $f) { totalCount } }\n": typeof types.AuditEventsMatchingDocument,
    "\n  query OverridesAfter($a: String) { overrides(after: $a) { totalCount } }\n": typeof types.OverridesAfterDocument,
    "\n  query ImportedAccount($e: String) { account(externalId: $e) { name domain attributes explicitSegments } }\n": typeof types.ImportedAccountDocument,
    "\n  query TimedFit($id: ID!) { account(id: $id) { fit(segmentKey: \"timed\") { score tier computed { validFrom nextChangeAt } } } }\n": typeof types.TimedFitDocument,
    "\n  query SharedFitVersions { fits(segmentKey: \"shared\", first: 100) { totalCount edges { node { version { number } } } } }\n": typeof types.SharedFitVersionsDocument,
    "\n  query CoreFitOfAccount($id: ID!) {\n    account(id: $id) {\n      fit(segmentKey: \"core\") { score tier action overridden override { id tier status } computed { score tier } }\n      fits { tier overridden }\n    }\n  }\n": typeof types.CoreFitOfAccountDocument,
    "\n  query CoreFitsByEffectiveValues($filter: FitFilter) {\n    fits(segmentKey: \"core\", filter: $filter, first: 50) { totalCount edges { node { score tier overridden account { externalId } } } }\n  }\n": typeof types.CoreFitsByEffectiveValuesDocument,
    "\n  query OverrideStatuses($f: OverrideFilter) { overrides(filter: $f) { edges { node { id status } } } }\n": typeof types.OverrideStatusesDocument,
    "\n  query OverrideIds($f: OverrideFilter) { overrides(filter: $f) { edges { node { id } } } }\n": typeof types.OverrideIdsDocument,
    "\n  mutation PublishFlaggingOverrides($id: ID!) { publishVersion(id: $id) { overridesFlagged } }\n": typeof types.PublishFlaggingOverridesDocument,
    "\n  query OverridesToReview {\n    overrides(filter: { needsReview: true }) { totalCount edges { node { account { externalId } computedTier needsReview } } }\n  }\n": typeof types.OverridesToReviewDocument,
    "\n  query AuditorsOverrides($f: OverrideFilter, $first: Int, $after: String) {\n    overrides(filter: $f, first: $first, after: $after) {\n      totalCount pageInfo { hasNextPage endCursor } edges { node { createdAt createdBy status account { externalId } } }\n    }\n  }\n": typeof types.AuditorsOverridesDocument,
    "\n  query AccountOverrideIds($id: ID!) { account(id: $id) { overrides { id } } }\n": typeof types.AccountOverrideIdsDocument,
    "\n  query AccountCoreOverrideStatuses($id: ID!) { account(id: $id) { overrides(segmentKey: \"core\") { status } } }\n": typeof types.AccountCoreOverrideStatusesDocument,
    "\n  query BulkDashboardVersion { tierDashboard(segmentKey: \"bulk\") { version { number } } }\n": typeof types.BulkDashboardVersionDocument,
    "\n  query CachedFitsPage { fits(segmentKey: \"cached\", first: 5) { edges { node { score version { number } segment { name liveVersion { number } } } } } }\n": typeof types.CachedFitsPageDocument,
    "\n  query PublishedAccountId($externalId: String!) { account(externalId: $externalId) { id } }\n": typeof types.PublishedAccountIdDocument,
    "\n  mutation CancelFlippingPublish($id: ID!) { cancelPublish(jobId: $id) { id } }\n": typeof types.CancelFlippingPublishDocument,
    "\n  mutation CancelPublish($id: ID!) { cancelPublish(jobId: $id) { ...PublishJobFields } }\n": typeof types.CancelPublishDocument,
    "\n  query HistoryOfPublished($externalId: String!, $segmentKey: String!) {\n    account(externalId: $externalId) {\n      fit(segmentKey: $segmentKey) { version { number } computed { validFrom } }\n      scoreHistory(segmentKey: $segmentKey) { version { number } validFrom validTo }\n    }\n  }\n": typeof types.HistoryOfPublishedDocument,
    "\n  query PublishJobsOfQueued { publishJobs(segmentKey: \"queued\") { id state version { number } } }\n": typeof types.PublishJobsOfQueuedDocument,
    "\n  query LiveVersionNumber($key: String!) { segment(key: $key) { liveVersion { number } } }\n": typeof types.LiveVersionNumberDocument,
    "\n  query SegmentFitsWithVersions($segmentKey: String!) {\n    fits(segmentKey: $segmentKey, first: 100) { edges { node { score tier version { number } account { externalId } } } }\n  }\n": typeof types.SegmentFitsWithVersionsDocument,
    "\n  query ReadersFitVersionsCounted { fits(segmentKey: \"readers\", first: 100) { totalCount edges { node { version { number } } } } }\n": typeof types.ReadersFitVersionsCountedDocument,
    "\n  query ReadersFitVersions { fits(segmentKey: \"readers\", first: 100) { edges { node { version { number } } } } }\n": typeof types.ReadersFitVersionsDocument,
    "\n  query AttributeCatalogue { attributes { key type dimension } }\n": typeof types.AttributeCatalogueDocument,
    "\n  mutation DefineAttribute($input: AttributeInput!) { defineAttribute(input: $input) { key type dimension description } }\n": typeof types.DefineAttributeDocument,
    "\n  query VersionExists($id: ID!) { icpVersion(id: $id) { id } }\n": typeof types.VersionExistsDocument,
    "\n  query EpsilonVersionNumbers { segment(key: \"epsilon\") { versions { number } } }\n": typeof types.EpsilonVersionNumbersDocument,
    "\n  query MalformedVersionId { icpVersion(id: \"nope\") { id } }\n": typeof types.MalformedVersionIdDocument,
    "\n  query ZetaLiveVersion { segment(key: \"zeta\") { liveVersion { number } versions { number status } } }\n": typeof types.ZetaLiveVersionDocument,
    "\n  query VersionPublishedEvents($entityId: String) {\n    auditEvents(filter: { action: \"version.published\", entityId: $entityId }) { edges { node { before after } } }\n  }\n": typeof types.VersionPublishedEventsDocument,
    "\n  query VersionDiff($a: ID!, $b: ID!) { versionDiff(fromId: $a, toId: $b) { from { number } to { number } changes { path kind before after } } }\n": typeof types.VersionDiffDocument,
    "\n  query RelayFitsPage($segmentKey: String!, $filter: FitFilter, $first: Int, $after: String, $last: Int, $before: String) {\n    fits(segmentKey: $segmentKey, filter: $filter, first: $first, after: $after, last: $last, before: $before) {\n      pageInfo { hasNextPage hasPreviousPage startCursor endCursor } edges { cursor node { id score account { id } } } nodes { id }\n    }\n  }\n": typeof types.RelayFitsPageDocument,
    "\n  query AllAccountIds { accounts(first: 500) { nodes { id } } }\n": typeof types.AllAccountIdsDocument,
    "\n  query AccountIdsBackward($last: Int, $before: String) {\n    accounts(last: $last, before: $before) { nodes { id } pageInfo { startCursor hasPreviousPage hasNextPage } }\n  }\n": typeof types.AccountIdsBackwardDocument,
    "\n  query AllOverrideEventIds { auditEvents(first: 500, filter: { entityType: \"Override\" }) { nodes { id } } }\n": typeof types.AllOverrideEventIdsDocument,
    "\n  query OverrideEventIdsBackward($last: Int, $before: String) {\n    auditEvents(filter: { entityType: \"Override\" }, last: $last, before: $before) {\n      nodes { id } pageInfo { startCursor hasPreviousPage hasNextPage }\n    }\n  }\n": typeof types.OverrideEventIdsBackwardDocument,
    "\n  query AllOverrideIds { overrides(first: 500) { nodes { id } } }\n": typeof types.AllOverrideIdsDocument,
    "\n  query OverrideIdsBackward($last: Int, $before: String) {\n    overrides(last: $last, before: $before) { nodes { id } pageInfo { startCursor hasPreviousPage hasNextPage } }\n  }\n": typeof types.OverrideIdsBackwardDocument,
    "\n  query AccountsWindow($first: Int, $after: String, $last: Int, $before: String) {\n    accounts(first: $first, after: $after, last: $last, before: $before) {\n      edges { cursor node { id } } pageInfo { hasNextPage hasPreviousPage startCursor endCursor }\n    }\n  }\n": typeof types.AccountsWindowDocument,
    "\n  query OverridesWindow($first: Int, $after: String, $last: Int, $before: String) {\n    overrides(first: $first, after: $after, last: $last, before: $before) {\n      edges { cursor node { id } } pageInfo { hasNextPage hasPreviousPage startCursor endCursor }\n    }\n  }\n": typeof types.OverridesWindowDocument,
    "\n  query AccountsEndCursor { accounts(first: 2) { pageInfo { endCursor } } }\n": typeof types.AccountsEndCursorDocument,
    "\n  query NodeByGlobalId($id: ID!) {\n    node(id: $id) {\n      __typename id\n      ... on Account { externalId } ... on Segment { key } ... on IcpVersion { number } ... on Override { tier }\n      ... on Opportunity { externalId } ... on ApiKey { name } ... on Fit { score account { externalId } segment { key } }\n    }\n  }\n": typeof types.NodeByGlobalIdDocument,
    "\n  query IdsOfEveryType {\n    account(externalId: \"known\") { id fit(segmentKey: \"all\") { id score } opportunities { id } overrides { id } }\n    segment(key: \"all\") { id liveVersion { id } }\n    apiKeys { id name }\n    overrides(first: 1) { nodes { id tier } }\n  }\n": typeof types.IdsOfEveryTypeDocument,
    "\n  query NodesTypenames($ids: [ID!]!) { nodes(ids: $ids) { __typename id } }\n": typeof types.NodesTypenamesDocument,
    "\n  query KnownFitIds { account(externalId: \"known\") { id fits { id segment { key } } fit(segmentKey: \"other\") { id } } }\n": typeof types.KnownFitIdsDocument,
    "\n  query IdsOfGuardedTypes { apiKeys { id } overrides(first: 1) { nodes { id } } segment(key: \"all\") { id } }\n": typeof types.IdsOfGuardedTypesDocument,
    "\n  query NodesIds($ids: [ID!]!) { nodes(ids: $ids) { id } }\n": typeof types.NodesIdsDocument,
    "\n  query KnownOtherFitId { account(externalId: \"known\") { fit(segmentKey: \"other\") { id } } }\n": typeof types.KnownOtherFitIdDocument,
    "\n  query NodeId($id: ID!) { node(id: $id) { id } }\n": typeof types.NodeIdDocument,
    "\n  query KnownCriteriaInWords {\n    account(externalId: \"known\") {\n      fit(segmentKey: \"all\") { computed { dimensions { criteria { attribute value explanation matched missing } } } }\n    }\n  }\n": typeof types.KnownCriteriaInWordsDocument,
    "\n  query PreviewEmployeesInWords($v: ID!) {\n    previewScore(versionId: $v, attributes: { employees: 12 }) { dimensions { criteria { attribute value explanation } } }\n  }\n": typeof types.PreviewEmployeesInWordsDocument,
    "\n  query AllLiveVersionId { segment(key: \"all\") { liveVersion { id } } }\n": typeof types.AllLiveVersionIdDocument,
    "\n  query RoleAndPermissions { me { role permissions } }\n": typeof types.RoleAndPermissionsDocument,
    "\n  query SegmentsLiveNumbers { segments { key liveVersion { number } } }\n": typeof types.SegmentsLiveNumbersDocument,
    "\n  query Dashboard {\n    segments { key }\n    report: exceptions(segmentKey: \"all\") { exceptions { account { ...DashboardCard } } }\n    apiKeys { id }\n  }\n  fragment DashboardCard on Account { name overrides { id } }\n": typeof types.DashboardDocument,
    "\n  query KnownConnections {\n    account(externalId: \"known\") {\n      opportunities { id }\n      opportunitiesConnection(first: 1) { totalCount nodes { id } pageInfo { hasNextPage } }\n      scoreHistory(segmentKey: \"other\") { computedAt version { number } }\n      historyBack: scoreHistoryConnection(segmentKey: \"other\", last: 1) {\n        totalCount nodes { computedAt version { number } } pageInfo { hasPreviousPage startCursor }\n      }\n    }\n    segment(key: \"other\") { versions { number } versionsConnection(last: 1) { nodes { number } pageInfo { hasPreviousPage startCursor } } }\n  }\n": typeof types.KnownConnectionsDocument,
    "\n  query OtherVersionsBefore($b: String) { segment(key: \"other\") { versionsConnection(last: 10, before: $b) { nodes { number } } } }\n": typeof types.OtherVersionsBeforeDocument,
    "\n  query AllVersionsBefore($b: String) { segment(key: \"all\") { versionsConnection(last: 1, before: $b) { nodes { number } } } }\n": typeof types.AllVersionsBeforeDocument,
    "\n  query AllExceptionsConnection {\n    exceptions(segmentKey: \"all\") {\n      exceptions { kind account { id } }\n      exceptionsConnection(first: 2) { totalCount edges { node { kind account { id } } } }\n    }\n  }\n": typeof types.AllExceptionsConnectionDocument,
    "\n  query KnownOtherFit { account(externalId: \"known\") { id fit(segmentKey: \"other\") { id tier computed { tier } } } }\n": typeof types.KnownOtherFitDocument,
    "\n  mutation OverrideFitReturningFit($input: OverrideFitInput!) { overrideFit(input: $input) { id fit { id tier overridden } } }\n": typeof types.OverrideFitReturningFitDocument,
    "\n  mutation RevokeOverrideReturningFit($id: ID!) {\n    revokeOverride(id: $id, reason: \"The pilot was cancelled by their board last week.\") { fit { id tier overridden } }\n  }\n": typeof types.RevokeOverrideReturningFitDocument,
    "\n  mutation UpsertAccountsReturningFits($a: [AccountInput!]!) {\n    upsertAccounts(accounts: $a) { updated fits { id account { externalId } segment { key } } }\n  }\n": typeof types.UpsertAccountsReturningFitsDocument,
    "\n  query KnownAttributeList {\n    account(externalId: \"known\") {\n      attributes attributeList { key type value numberValue stringValue stringListValue booleanValue dateValue }\n    }\n  }\n": typeof types.KnownAttributeListDocument,
    "\n  query OtherVersionStatuses { segment(key: \"other\") { versions { id status } } }\n": typeof types.OtherVersionStatusesDocument,
    "\n  query OtherMetricDeltas { conversionComparison(segmentKey: \"other\") { deltas { metric kind } } }\n": typeof types.OtherMetricDeltasDocument,
    "\n  query AccountCId { account(externalId: \"C\") { id } }\n": typeof types.AccountCIdDocument,
    "\n  fragment ReportMetrics on ConversionMetrics {\n    leads convertedLeads leadToOpportunityRate opportunities openOpportunities closed won winRate medianSalesCycleDays averageDealSize revenue\n  }\n": typeof types.ReportMetricsFragmentDoc,
    "\n  fragment ReportDelta on MetricDelta { metric before after absoluteChange relativeChange ciLow ciHigh pValue adjustedPValue significant }\n": typeof types.ReportDeltaFragmentDoc,
    "\n  query AccountCOpportunities { account(externalId: \"C\") { opportunities { externalId outcome amount } } }\n": typeof types.AccountCOpportunitiesDocument,
    "\n  query RepTierDashboard { tierDashboard(segmentKey: \"rep\") { version { number } tiers { tier accounts opportunities won winRate revenue } } }\n": typeof types.RepTierDashboardDocument,
    "\n  query RepTierDashboardOfVersion($v: ID) { tierDashboard(segmentKey: \"rep\", versionId: $v) { tiers { tier accounts opportunities won revenue } } }\n": typeof types.RepTierDashboardOfVersionDocument,
    "\n  query RepConversionComparison {\n    conversionComparison(segmentKey: \"rep\") {\n      before { version { number } from to metrics { ...ReportMetrics } }\n      after { version { number } from to metrics { ...ReportMetrics } }\n      deltas { ...ReportDelta } followUpDays warnings\n      byTier { tier before { opportunities won } after { opportunities won leads } deltas { ...ReportDelta } }\n    }\n  }\n": typeof types.RepConversionComparisonDocument,
    "\n  query RepComparisonFollowedUp($f: Int) {\n    conversionComparison(segmentKey: \"rep\", followUpDays: $f) {\n      followUpDays before { from to metrics { ...ReportMetrics } } after { from to metrics { ...ReportMetrics } } deltas { metric pValue } warnings\n    }\n  }\n": typeof types.RepComparisonFollowedUpDocument,
    "\n  query RepComparisonWithoutFollowUp { conversionComparison(segmentKey: \"rep\", followUpDays: 0) { warnings } }\n": typeof types.RepComparisonWithoutFollowUpDocument,
    "\n  query HolmComparisonByTier { conversionComparison(segmentKey: \"holm\") { byTier { tier deltas { ...ReportDelta } } } }\n": typeof types.HolmComparisonByTierDocument,
    "\n  query RepComparisonInWindow {\n    conversionComparison(segmentKey: \"rep\", windowDays: 31) {\n      before { from to metrics { opportunities leads } } after { from to metrics { opportunities leads } }\n    }\n  }\n": typeof types.RepComparisonInWindowDocument,
    "\n  query RepComparisonWithoutWindow { conversionComparison(segmentKey: \"rep\", windowDays: 0) { deltas { metric } } }\n": typeof types.RepComparisonWithoutWindowDocument,
    "\n  query RepExceptions {\n    exceptions(segmentKey: \"rep\", from: \"2026-01-01T00:00:00Z\", to: \"2026-06-01T00:00:00Z\") {\n      exceptions { account { externalId } kind computedTier effectiveTier override { tier } opportunities won revenue }\n      exceptionWinRate inIcpWinRate shareOfPipeline withinCapacity recommendation\n    }\n  }\n": typeof types.RepExceptionsDocument,
    "\n  query NarrowExceptions { exceptions(segmentKey: \"narrow\") { exceptionWinRate inIcpWinRate shareOfPipeline withinCapacity recommendation } }\n": typeof types.NarrowExceptionsDocument,
    "\n  query Backtest($v: ID!) {\n    backtest(versionId: $v) {\n      version { number } baseline { number } accountsScored\n      migration { from to accounts }\n      tiers { tier accounts closedOpportunities won winRate lift }\n      baselineTiers { tier accounts closedOpportunities won }\n      auc baselineAuc\n    }\n  }\n": typeof types.BacktestDocument,
    "\n  query RepOpportunitiesByTier { tierDashboard(segmentKey: \"rep\") { tiers { tier opportunities } } }\n": typeof types.RepOpportunitiesByTierDocument,
    "\n  query ForbiddenFieldInFragment { ...SegmentsAndApiKeys } fragment SegmentsAndApiKeys on Query { segments { key } apiKeys { id } }\n": typeof types.ForbiddenFieldInFragmentDocument,
    "\n  query DemoVersionStatuses { segments { key liveVersion { number } versions { status } } }\n": typeof types.DemoVersionStatusesDocument,
    "\n  query SegmentsAndIntegrity { segments { key } auditIntegrity { ok checkedEvents } }\n": typeof types.SegmentsAndIntegrityDocument,
    "\n  query RoleAndSegments { me { role } segments { key } }\n": typeof types.RoleAndSegmentsDocument,
    "\n  subscription CoreFitChanged { fitChanged(segmentKey: \"core\") { eventId cause before { tier } after { score tier overridden } account { externalId } segment { key } version { number } } }\n": typeof types.CoreFitChangedDocument,
    "\n  subscription CoreFitChangedIds { fitChanged(segmentKey: \"core\") { eventId } }\n": typeof types.CoreFitChangedIdsDocument,
    "\n  query CatchUpHistory($id: ID!, $segment: String!) {\n    account(id: $id) { scoreHistory(segmentKey: $segment) { score tier validFrom validTo nextChangeAt } }\n  }\n": typeof types.CatchUpHistoryDocument,
    "\n  query EngagedMembers {\n    accounts(first: 10, filter: { segmentKey: \"engaged\" }) { edges { node { externalId } } }\n    fits(segmentKey: \"engaged\", first: 10) { edges { node { account { externalId } score tier computed { validFrom } } } }\n  }\n": typeof types.EngagedMembersDocument,
    "\n  query DecayFitAndHistory($id: ID!) { account(id: $id) {\n  fit(segmentKey: \"decay\") { score tier action overridden\n    computed { score tier validFrom validTo nextChangeAt dimensions { dimension key name score criteria { attribute operator band earned matched } } } }\n  scoreHistory(segmentKey: \"decay\") { score tier validFrom validTo nextChangeAt } } }\n": typeof types.DecayFitAndHistoryDocument,
    "\n  query DecayVersionBands($id: ID!) { icpVersion(id: $id) { definition { dimensions { dimension key name\n      criteria { operator points bands { min max maxAgeDays points } } } } } }\n": typeof types.DecayVersionBandsDocument,
    "\n  query PreviewDecayBands($v: ID!, $a: JSON!) { previewScore(versionId: $v, attributes: $a) {\n      score tier computedAt validFrom validTo nextChangeAt dimensions { key criteria { band } } } }\n": typeof types.PreviewDecayBandsDocument,
    "\n  query DecayFits { fits(segmentKey: \"decay\", first: 10) { edges { node { account { externalId } score tier computed { tier } } } } }\n": typeof types.DecayFitsDocument,
    "\n  query WebhookDeliveriesPage($id: ID!) { webhookDeliveries(webhookId: $id, first: 50) { totalCount edges { node { status attempts lastStatusCode eventIds deliveredAt } } } }\n": typeof types.WebhookDeliveriesPageDocument,
    "\n  query WebhookDeliveries($id: ID!) { webhookDeliveries(webhookId: $id) { edges { node { id status attempts lastStatusCode lastError } } } }\n": typeof types.WebhookDeliveriesDocument,
    "\n  mutation RedeliverWebhook($id: ID!) { redeliverWebhook(deliveryId: $id) { id status } }\n": typeof types.RedeliverWebhookDocument,
    "\n  query WebhookIds { webhooks { id } }\n": typeof types.WebhookIdsDocument,
    "\n  query WebhookUrls { webhooks { id url } }\n": typeof types.WebhookUrlsDocument,
    "\n  mutation DeleteWebhook($id: ID!) { deleteWebhook(id: $id) }\n": typeof types.DeleteWebhookDocument,
    "\n  mutation UpsertAccounts($accounts: [AccountInput!]!) {\n    upsertAccounts(accounts: $accounts) { created updated unchanged rescored }\n  }\n": typeof types.UpsertAccountsDocument,
    "\n  query AccountIds { accounts(first: 10) { edges { node { id externalId } } } }\n": typeof types.AccountIdsDocument,
    "\n  query AuditIntegrityOk { auditIntegrity { ok } }\n": typeof types.AuditIntegrityOkDocument,
    "\n  query Me { me { keyId name role } }\n": typeof types.MeDocument,
    "\n  mutation CreateApiKey($name: String!, $role: Role!) {\n    createApiKey(name: $name, role: $role) { secret apiKey { id name role createdBy revokedAt } }\n  }\n": typeof types.CreateApiKeyDocument,
    "\n  mutation RevokeApiKey($id: ID!) { revokeApiKey(id: $id) { id revokedAt } }\n": typeof types.RevokeApiKeyDocument,
    "\n  query PreviewScoreAndTier($v: ID!, $a: JSON!) { previewScore(versionId: $v, attributes: $a) { score tier } }\n": typeof types.PreviewScoreAndTierDocument,
    "\n  mutation OverrideFit($input: OverrideFitInput!) {\n    overrideFit(input: $input) {\n      id tier score computedScore computedTier justification category createdBy status needsReview expiresAt\n      account { externalId } segment { key } version { number }\n    }\n  }\n": typeof types.OverrideFitDocument,
    "\n  mutation RevokeOverride($id: ID!, $reason: String!) {\n    revokeOverride(id: $id, reason: $reason) { id status revokedBy revokedAt revokeReason }\n  }\n": typeof types.RevokeOverrideDocument,
    "\n  mutation RecordOpportunities($o: [OpportunityInput!]!) { recordOpportunities(opportunities: $o) { created updated } }\n": typeof types.RecordOpportunitiesDocument,
    "\n  mutation RecordLeads($l: [LeadInput!]!) { recordLeads(leads: $l) { created updated } }\n": typeof types.RecordLeadsDocument,
    "\n  fragment PublishJobFields on PublishJob {\n    id state notes effectiveAt requestedBy requestedAt finishedAt accountsTotal accountsScored error version { number status }\n    result { accountsScored overridesFlagged superseded { number } tierChanges { from to accounts } }\n  }\n": typeof types.PublishJobFieldsFragmentDoc,
    "\n  mutation StartPublish($id: ID!, $notes: String, $effectiveAt: DateTime) { startPublish(id: $id, notes: $notes, effectiveAt: $effectiveAt) { ...PublishJobFields } }\n": typeof types.StartPublishDocument,
    "\n  query PublishJob($id: ID!) { publishJob(id: $id) { ...PublishJobFields } }\n": typeof types.PublishJobDocument,
    "\n  fragment VersionFields on IcpVersion {\n    id number status revision contentHash notes createdBy createdAt publishedBy publishedAt effectiveAt supersededAt\n    segment { key } basedOn { id number }\n    definition {\n      dimensions { dimension weight criteria { attribute operator value values min max points label } }\n      disqualifiers { attribute operator value values min max reason }\n      thresholds { perfect strong moderate }\n      actions { tier action }\n    }\n  }\n": typeof types.VersionFieldsFragmentDoc,
    "\n  mutation CreateSegment($input: CreateSegmentInput!) {\n    createSegment(input: $input) { id key name membership { attribute operator value } }\n  }\n": typeof types.CreateSegmentDocument,
    "\n  mutation CreateDraft($segmentKey: String!, $definition: IcpDefinitionInput, $basedOnVersionId: ID, $notes: String) {\n    createDraft(segmentKey: $segmentKey, definition: $definition, basedOnVersionId: $basedOnVersionId, notes: $notes) { ...VersionFields }\n  }\n": typeof types.CreateDraftDocument,
    "\n  mutation UpdateDraft($id: ID!, $definition: IcpDefinitionInput!, $expectedRevision: Int!, $notes: String) {\n    updateDraft(id: $id, definition: $definition, expectedRevision: $expectedRevision, notes: $notes) { ...VersionFields }\n  }\n": typeof types.UpdateDraftDocument,
    "\n  mutation PublishVersion($id: ID!, $notes: String, $effectiveAt: DateTime) {\n    publishVersion(id: $id, notes: $notes, effectiveAt: $effectiveAt) {\n      version { id number status effectiveAt publishedAt notes }\n      superseded { id number status supersededAt }\n      accountsScored\n      tierChanges { from to accounts }\n    }\n  }\n": typeof types.PublishVersionDocument,
    "\n  mutation DiscardDraft($id: ID!) { discardDraft(id: $id) }\n": typeof types.DiscardDraftDocument,
    "\n  query SegmentKeys { segments { key } }\n": typeof types.SegmentKeysDocument,
    "\n  mutation CreateWebhook($input: WebhookInput!) { createWebhook(input: $input) { secret webhook { id url events segmentKeys active createdBy } } }\n": typeof types.CreateWebhookDocument,
};
const documents: Documents = {
    "\n  query AccountByExternalId($externalId: String!) {\n    account(externalId: $externalId) { id externalId name domain attributes explicitSegments }\n  }\n": types.AccountByExternalIdDocument,
    "\n  query AccountExternalIdById($id: ID) { account(id: $id) { externalId } }\n": types.AccountExternalIdByIdDocument,
    "\n  query AccountsPage($filter: AccountFilter, $first: Int, $after: String) {\n    accounts(filter: $filter, first: $first, after: $after) {\n      totalCount pageInfo { hasNextPage endCursor } edges { node { externalId } }\n    }\n  }\n": types.AccountsPageDocument,
    "\n  query FitsAfterCursor($a: String) { fits(segmentKey: \"saas\", after: $a) { totalCount } }\n": types.FitsAfterCursorDocument,
    "\n  query WorkedFitExplained {\n    account(externalId: \"worked\") {\n      fit(segmentKey: \"saas\") {\n        score tier action overridden version { number } segment { key }\n        computed {\n          score tier missingAttributes completeness disqualifiedBy\n          dimensions { dimension weight score criteria { attribute matched missing earned } }\n        }\n      }\n    }\n  }\n": types.WorkedFitExplainedDocument,
    "\n  query WorkedFitAndHistory {\n    account(externalId: \"worked\") {\n      fit(segmentKey: \"saas\") { score tier }\n      scoreHistory(segmentKey: \"saas\") { score tier version { number } }\n    }\n  }\n": types.WorkedFitAndHistoryDocument,
    "\n  query WorkedFitAndFits { account(externalId: \"worked\") { fit(segmentKey: \"saas\") { score } fits { segment { key } } } }\n": types.WorkedFitAndFitsDocument,
    "\n  query WorkedFitScores { account(externalId: \"worked\") { fits { segment { key } score } } }\n": types.WorkedFitScoresDocument,
    "\n  query WorkedStoredScore {\n    account(externalId: \"worked\") {\n      attributes\n      fit(segmentKey: \"saas\") { score tier computed { dimensions { score } completeness } }\n    }\n  }\n": types.WorkedStoredScoreDocument,
    "\n  query PreviewScore($v: ID!, $a: JSON!) {\n    previewScore(versionId: $v, attributes: $a) { account { id } score tier completeness dimensions { score } version { number } }\n  }\n": types.PreviewScoreDocument,
    "\n  query PreviewScoreOfInvalidAttributes($v: ID!) { previewScore(versionId: $v, attributes: { employees: \"many\" }) { score } }\n": types.PreviewScoreOfInvalidAttributesDocument,
    "\n  query SaasTiers { fits(segmentKey: \"saas\", first: 100) { edges { node { account { externalId } tier } } } }\n": types.SaasTiersDocument,
    "\n  query SaasTiersAndVersions { fits(segmentKey: \"saas\", first: 100) { edges { node { account { externalId } tier version { number } } } } }\n": types.SaasTiersAndVersionsDocument,
    "\n  query WorkedLatestHistory { account(externalId: \"worked\") { scoreHistory(segmentKey: \"saas\", first: 1) { tier version { number } } } }\n": types.WorkedLatestHistoryDocument,
    "\n  mutation OverrideFitNamingKey($input: OverrideFitInput!) { overrideFit(input: $input) { id createdBy createdByKeyId } }\n": types.OverrideFitNamingKeyDocument,
    "\n  mutation RevokeOverrideNamingKeys($id: ID!, $r: String!) { revokeOverride(id: $id, reason: $r) { revokedBy revokedByKeyId createdByKeyId } }\n": types.RevokeOverrideNamingKeysDocument,
    "\n  query AuditEventsOfKey($id: ID) {\n    auditEvents(filter: { actorKeyId: $id }) { totalCount edges { node { actor actorKeyId clientRequestId requestId } } }\n  }\n": types.AuditEventsOfKeyDocument,
    "\n  query OverrideAuthors { overrides(first: 10) { edges { node { id createdBy createdByKeyId } } } }\n": types.OverrideAuthorsDocument,
    "\n  query Snoop { segments { key } apiKeys { id name } }\n": types.SnoopDocument,
    "\n  query Trail($f: AuditFilter) { auditEvents(filter: $f, first: 5) { edges { node { action actorKeyId } } } }\n": types.TrailDocument,
    "\n  query OverrideTiers { overrides(first: 5) { edges { node { id tier } } } }\n": types.OverrideTiersDocument,
    "\n  query Justifications { overrides(first: 5) { edges { node { justification } } } }\n": types.JustificationsDocument,
    "\n  query AuditReaders { auditEvents(filter: { action: \"audit.read\" }, first: 50) { edges { node { actor actorKeyId } } } }\n": types.AuditReadersDocument,
    "\n  query AuditCountAndKeys { auditEvents { totalCount } apiKeys { id } }\n": types.AuditCountAndKeysDocument,
    "\n  query OverriddenCoreFitsAsViewer {\n    fits(segmentKey: \"core\", first: 10, filter: { overridden: true }) {\n      edges { node { overridden override { id tier status category expiresAt createdAt } } }\n    }\n  }\n": types.OverriddenCoreFitsAsViewerDocument,
    "\n  query FitJustifications { fits(segmentKey: \"core\", first: 5) { edges { node { override { justification } } } } }\n": types.FitJustificationsDocument,
    "\n  query FitOverrideAuthors { fits(segmentKey: \"core\", first: 5) { edges { node { override { createdBy createdByKeyId } } } } }\n": types.FitOverrideAuthorsDocument,
    "\n  query FitOverrideRevokers {\n    fits(segmentKey: \"core\", first: 5) { edges { node { override { revokedBy revokedByKeyId revokeReason } } } }\n  }\n": types.FitOverrideRevokersDocument,
    "\n  query AccountFitJustification($id: ID!) { account(id: $id) { fit(segmentKey: \"core\") { override { justification } } } }\n": types.AccountFitJustificationDocument,
    "\n  query AccountOverrideTiers($id: ID!) { account(id: $id) { overrides { tier } } }\n": types.AccountOverrideTiersDocument,
    "\n  query OverridesCount { overrides { totalCount } }\n": types.OverridesCountDocument,
    "\n  query CoreExceptionsShare { exceptions(segmentKey: \"core\") { shareOfPipeline } }\n": types.CoreExceptionsShareDocument,
    "\n  query CoreVersionAuthors { segment(key: \"core\") { versions { number createdBy } } }\n": types.CoreVersionAuthorsDocument,
    "\n  query CoreLivePublisher { segment(key: \"core\") { liveVersion { publishedBy } } }\n": types.CoreLivePublisherDocument,
    "\n  query WhoAndWhyViaFits {\n    fits(segmentKey: \"core\", first: 10, filter: { overridden: true }) { edges { node { override { id justification createdBy } } } }\n  }\n": types.WhoAndWhyViaFitsDocument,
    "\n  query WhoAndWhyViaList { overrides(first: 10, filter: { status: ACTIVE }) { edges { node { id justification createdBy } } } }\n": types.WhoAndWhyViaListDocument,
    "\n  query WhoAndWhyViaAccount($id: ID!) { account(id: $id) { overrides { id justification createdBy } } }\n": types.WhoAndWhyViaAccountDocument,
    "\n  query AuditTrailPage($filter: AuditFilter, $first: Int, $after: String) {\n    auditEvents(filter: $filter, first: $first, after: $after) {\n      totalCount pageInfo { hasNextPage endCursor }\n      edges {\n        cursor\n        node {\n          id sequence occurredAt actor actorKeyId action entityType entityId before after justification requestId clientRequestId previousHash hash\n        }\n      }\n    }\n  }\n": types.AuditTrailPageDocument,
    "\n  query AuditIntegrityCheck { auditIntegrity { ok checkedEvents firstBrokenSequence } }\n": types.AuditIntegrityCheckDocument,
    "\n  query ApiKeys { apiKeys { id name role } }\n": types.ApiKeysDocument,
    "\n  mutation PublishReturningChangedFits($id: ID!, $first: Int, $after: String, $last: Int, $before: String) {\n    publishVersion(id: $id) {\n      version { id number }\n      superseded { number }\n      changedFits(first: $first, after: $after, last: $last, before: $before) {\n        totalCount\n        edges { cursor node { id score tier overridden account { externalId } version { number } } }\n        pageInfo { hasNextPage hasPreviousPage startCursor endCursor }\n      }\n    }\n  }\n": types.PublishReturningChangedFitsDocument,
    "\n  query SizedJobs { publishJobs(segmentKey: \"sized\", first: 2) { id version { number } } }\n": types.SizedJobsDocument,
    "\n  query ChangedFitsOfJob($id: ID!, $first: Int, $after: String, $last: Int, $before: String) {\n    publishJob(id: $id) {\n      result {\n        changedFits(first: $first, after: $after, last: $last, before: $before) {\n          totalCount\n          edges { cursor node { id score tier account { externalId } } }\n          pageInfo { hasNextPage hasPreviousPage }\n        }\n      }\n    }\n  }\n": types.ChangedFitsOfJobDocument,
    "\n  query SizedFits($after: String) {\n    fits(segmentKey: \"sized\", first: 50, after: $after) { edges { node { id score tier account { externalId } } } }\n  }\n": types.SizedFitsDocument,
    "\n  query SizedAccountIds { accounts(first: 50) { nodes { id externalId } } }\n": types.SizedAccountIdsDocument,
    "\n  query FitNode($id: ID!) { node(id: $id) { id ... on Fit { tier score account { externalId } } } }\n": types.FitNodeDocument,
    "\n  query Rp3FitVersion { account(externalId: \"rp-3\") { fit(segmentKey: \"race-pub\") { version { number } } } }\n": types.Rp3FitVersionDocument,
    "\n  query Rp3FitAndHistory {\n    account(externalId: \"rp-3\") {\n      fit(segmentKey: \"race-pub\") { version { number } score tier }\n      scoreHistory(segmentKey: \"race-pub\") { version { number } }\n    }\n  }\n": types.Rp3FitAndHistoryDocument,
    "\n  query DemoSegments { segments { key membership { attribute operator } liveVersion { number effectiveAt publishedAt definition { dimensions { dimension weight } } } versions { number status notes } } }\n": types.DemoSegmentsDocument,
    "\n  query DemoFits($key: String!) { fits(segmentKey: $key, first: 500) { totalCount edges { node { tier score } } } }\n": types.DemoFitsDocument,
    "\n  query DemoConversionComparison($key: String!) { conversionComparison(segmentKey: $key) { before { version { number } metrics { leadToOpportunityRate medianSalesCycleDays } }\n        after { version { number } metrics { leadToOpportunityRate medianSalesCycleDays } } deltas { metric significant } } }\n": types.DemoConversionComparisonDocument,
    "\n  query DemoInsights($key: String!) { icpInsights(segmentKey: $key) { insights { attribute significant favourable criterion { operator values } } } }\n": types.DemoInsightsDocument,
    "\n  query EnterpriseComparisonFollowedUp($f: Int) { conversionComparison(segmentKey: \"enterprise\", followUpDays: $f) {\n      warnings after { metrics { opportunities openOpportunities } } deltas { metric significant } } }\n": types.EnterpriseComparisonFollowedUpDocument,
    "\n  query StrategicVersions { segment(key: \"strategic\") { versions { id number status definition {\n      dimensions { dimension key name weight } thresholds { perfect strong moderate } actions { tier action } } } } }\n": types.StrategicVersionsDocument,
    "\n  query PreviewFramework($v: ID!, $a: JSON!) { previewScore(versionId: $v, attributes: $a) {\n      score tier nextChangeAt dimensions { key score criteria { label band earned } } } }\n": types.PreviewFrameworkDocument,
    "\n  query DemoBacktest($v: ID!) { backtest(versionId: $v) { baseline { number } accountsScored\n      migration { from to accounts } tiers { tier accounts } auc baselineAuc } }\n": types.DemoBacktestDocument,
    "\n  fragment InsightFields on AttributeInsight {\n    attribute dimension criterion { attribute operator value values min max points } positiveShare negativeShare lift\n    pValue qValue significant favourable missingShare test positivesHolding negativesHolding weightOfEvidence informationValue testsTried\n  }\n": types.InsightFieldsFragmentDoc,
    "\n  query IcpInsights($k: String!, $o: InsightOptions) { icpInsights(segmentKey: $k, options: $o) {\n  segment { key } basis from to positives negatives positivesCounted negativesCounted testsTried warnings insights { ...InsightFields } } }\n": types.IcpInsightsDocument,
    "\n  mutation SuggestDraft($k: String!, $o: InsightOptions) { suggestDraft(segmentKey: $k, options: $o) {\n  draft { id number status notes createdBy definition { dimensions { dimension weight criteria { attribute operator value values min max points } }\n    disqualifiers { attribute operator value reason } thresholds { perfect strong moderate } } }\n  insightsUsed { ...InsightFields }\n  check { splitAt trainPositives trainNegatives testPositives testNegatives auc aucCiLow aucCiHigh liveAuc liveAucCiLow liveAucCiHigh }\n  warnings } }\n": types.SuggestDraftDocument,
    "\n  query SmallAccountId { account(externalId: \"small\") { id } }\n": types.SmallAccountIdDocument,
    "\n  query ExplorerIntrospection { __schema { queryType { name } } }\n": types.ExplorerIntrospectionDocument,
    "\n  query RankedFits($filter: FitFilter, $first: Int, $after: String) { fits(segmentKey: \"all\", filter: $filter, first: $first, after: $after) {\n  totalCount pageInfo { hasNextPage endCursor } edges { cursor node { score tier account { id externalId } } } } }\n": types.RankedFitsDocument,
    "\n  query FitsOfUnknownSegment { fits(segmentKey: \"nope\") { totalCount } }\n": types.FitsOfUnknownSegmentDocument,
    "\n  query ExplainedFitsPage($first: Int) { fits(segmentKey: \"all\", first: $first) { edges { node {\n      score tier action overridden account { name domain attributes } version { number contentHash segment { key } } segment { key liveVersion { number } }\n      computed { score tier completeness missingAttributes disqualifiedBy version { number } account { externalId }\n        dimensions { dimension weight score criteria { attribute operator matched missing points earned } } } } } } }\n": types.ExplainedFitsPageDocument,
    "\n  query AccountsWithTheirFits { accounts(first: 100, filter: { segmentKey: \"all\" }) { edges { node { externalId fit(segmentKey: \"all\") { score tier computed { completeness } } fits { segment { key } tier } } } } }\n": types.AccountsWithTheirFitsDocument,
    "\n  query ExplainedAccountFit($id: ID) { account(id: $id) { fit(segmentKey: \"all\") { score tier overridden version { number }\n      computed { score completeness missingAttributes disqualifiedBy dimensions { dimension score criteria { attribute matched missing earned } } } } } }\n": types.ExplainedAccountFitDocument,
    "\n  query CoreTierDashboard { tierDashboard(segmentKey: \"core\") { version { number } tiers { tier accounts } } }\n": types.CoreTierDashboardDocument,
    "\n  query MissingTierDashboard { tierDashboard(segmentKey: \"missing\") { tiers { tier } } }\n": types.MissingTierDashboardDocument,
    "\n  query QueryTypename { __typename }\n": types.QueryTypenameDocument,
    "\n  query AcmeAccountId { account(externalId: \"acme\") { id } }\n": types.AcmeAccountIdDocument,
    "\n  query AccountsMatching($f: AccountFilter) { accounts(filter: $f) { totalCount } }\n": types.AccountsMatchingDocument,
    "\n  query AuditEventsMatching($f: AuditFilter) { auditEvents(filter: $f) { totalCount } }\n": types.AuditEventsMatchingDocument,
    "\n  query OverridesAfter($a: String) { overrides(after: $a) { totalCount } }\n": types.OverridesAfterDocument,
    "\n  query ImportedAccount($e: String) { account(externalId: $e) { name domain attributes explicitSegments } }\n": types.ImportedAccountDocument,
    "\n  query TimedFit($id: ID!) { account(id: $id) { fit(segmentKey: \"timed\") { score tier computed { validFrom nextChangeAt } } } }\n": types.TimedFitDocument,
    "\n  query SharedFitVersions { fits(segmentKey: \"shared\", first: 100) { totalCount edges { node { version { number } } } } }\n": types.SharedFitVersionsDocument,
    "\n  query CoreFitOfAccount($id: ID!) {\n    account(id: $id) {\n      fit(segmentKey: \"core\") { score tier action overridden override { id tier status } computed { score tier } }\n      fits { tier overridden }\n    }\n  }\n": types.CoreFitOfAccountDocument,
    "\n  query CoreFitsByEffectiveValues($filter: FitFilter) {\n    fits(segmentKey: \"core\", filter: $filter, first: 50) { totalCount edges { node { score tier overridden account { externalId } } } }\n  }\n": types.CoreFitsByEffectiveValuesDocument,
    "\n  query OverrideStatuses($f: OverrideFilter) { overrides(filter: $f) { edges { node { id status } } } }\n": types.OverrideStatusesDocument,
    "\n  query OverrideIds($f: OverrideFilter) { overrides(filter: $f) { edges { node { id } } } }\n": types.OverrideIdsDocument,
    "\n  mutation PublishFlaggingOverrides($id: ID!) { publishVersion(id: $id) { overridesFlagged } }\n": types.PublishFlaggingOverridesDocument,
    "\n  query OverridesToReview {\n    overrides(filter: { needsReview: true }) { totalCount edges { node { account { externalId } computedTier needsReview } } }\n  }\n": types.OverridesToReviewDocument,
    "\n  query AuditorsOverrides($f: OverrideFilter, $first: Int, $after: String) {\n    overrides(filter: $f, first: $first, after: $after) {\n      totalCount pageInfo { hasNextPage endCursor } edges { node { createdAt createdBy status account { externalId } } }\n    }\n  }\n": types.AuditorsOverridesDocument,
    "\n  query AccountOverrideIds($id: ID!) { account(id: $id) { overrides { id } } }\n": types.AccountOverrideIdsDocument,
    "\n  query AccountCoreOverrideStatuses($id: ID!) { account(id: $id) { overrides(segmentKey: \"core\") { status } } }\n": types.AccountCoreOverrideStatusesDocument,
    "\n  query BulkDashboardVersion { tierDashboard(segmentKey: \"bulk\") { version { number } } }\n": types.BulkDashboardVersionDocument,
    "\n  query CachedFitsPage { fits(segmentKey: \"cached\", first: 5) { edges { node { score version { number } segment { name liveVersion { number } } } } } }\n": types.CachedFitsPageDocument,
    "\n  query PublishedAccountId($externalId: String!) { account(externalId: $externalId) { id } }\n": types.PublishedAccountIdDocument,
    "\n  mutation CancelFlippingPublish($id: ID!) { cancelPublish(jobId: $id) { id } }\n": types.CancelFlippingPublishDocument,
    "\n  mutation CancelPublish($id: ID!) { cancelPublish(jobId: $id) { ...PublishJobFields } }\n": types.CancelPublishDocument,
    "\n  query HistoryOfPublished($externalId: String!, $segmentKey: String!) {\n    account(externalId: $externalId) {\n      fit(segmentKey: $segmentKey) { version { number } computed { validFrom } }\n      scoreHistory(segmentKey: $segmentKey) { version { number } validFrom validTo }\n    }\n  }\n": types.HistoryOfPublishedDocument,
    "\n  query PublishJobsOfQueued { publishJobs(segmentKey: \"queued\") { id state version { number } } }\n": types.PublishJobsOfQueuedDocument,
    "\n  query LiveVersionNumber($key: String!) { segment(key: $key) { liveVersion { number } } }\n": types.LiveVersionNumberDocument,
    "\n  query SegmentFitsWithVersions($segmentKey: String!) {\n    fits(segmentKey: $segmentKey, first: 100) { edges { node { score tier version { number } account { externalId } } } }\n  }\n": types.SegmentFitsWithVersionsDocument,
    "\n  query ReadersFitVersionsCounted { fits(segmentKey: \"readers\", first: 100) { totalCount edges { node { version { number } } } } }\n": types.ReadersFitVersionsCountedDocument,
    "\n  query ReadersFitVersions { fits(segmentKey: \"readers\", first: 100) { edges { node { version { number } } } } }\n": types.ReadersFitVersionsDocument,
    "\n  query AttributeCatalogue { attributes { key type dimension } }\n": types.AttributeCatalogueDocument,
    "\n  mutation DefineAttribute($input: AttributeInput!) { defineAttribute(input: $input) { key type dimension description } }\n": types.DefineAttributeDocument,
    "\n  query VersionExists($id: ID!) { icpVersion(id: $id) { id } }\n": types.VersionExistsDocument,
    "\n  query EpsilonVersionNumbers { segment(key: \"epsilon\") { versions { number } } }\n": types.EpsilonVersionNumbersDocument,
    "\n  query MalformedVersionId { icpVersion(id: \"nope\") { id } }\n": types.MalformedVersionIdDocument,
    "\n  query ZetaLiveVersion { segment(key: \"zeta\") { liveVersion { number } versions { number status } } }\n": types.ZetaLiveVersionDocument,
    "\n  query VersionPublishedEvents($entityId: String) {\n    auditEvents(filter: { action: \"version.published\", entityId: $entityId }) { edges { node { before after } } }\n  }\n": types.VersionPublishedEventsDocument,
    "\n  query VersionDiff($a: ID!, $b: ID!) { versionDiff(fromId: $a, toId: $b) { from { number } to { number } changes { path kind before after } } }\n": types.VersionDiffDocument,
    "\n  query RelayFitsPage($segmentKey: String!, $filter: FitFilter, $first: Int, $after: String, $last: Int, $before: String) {\n    fits(segmentKey: $segmentKey, filter: $filter, first: $first, after: $after, last: $last, before: $before) {\n      pageInfo { hasNextPage hasPreviousPage startCursor endCursor } edges { cursor node { id score account { id } } } nodes { id }\n    }\n  }\n": types.RelayFitsPageDocument,
    "\n  query AllAccountIds { accounts(first: 500) { nodes { id } } }\n": types.AllAccountIdsDocument,
    "\n  query AccountIdsBackward($last: Int, $before: String) {\n    accounts(last: $last, before: $before) { nodes { id } pageInfo { startCursor hasPreviousPage hasNextPage } }\n  }\n": types.AccountIdsBackwardDocument,
    "\n  query AllOverrideEventIds { auditEvents(first: 500, filter: { entityType: \"Override\" }) { nodes { id } } }\n": types.AllOverrideEventIdsDocument,
    "\n  query OverrideEventIdsBackward($last: Int, $before: String) {\n    auditEvents(filter: { entityType: \"Override\" }, last: $last, before: $before) {\n      nodes { id } pageInfo { startCursor hasPreviousPage hasNextPage }\n    }\n  }\n": types.OverrideEventIdsBackwardDocument,
    "\n  query AllOverrideIds { overrides(first: 500) { nodes { id } } }\n": types.AllOverrideIdsDocument,
    "\n  query OverrideIdsBackward($last: Int, $before: String) {\n    overrides(last: $last, before: $before) { nodes { id } pageInfo { startCursor hasPreviousPage hasNextPage } }\n  }\n": types.OverrideIdsBackwardDocument,
    "\n  query AccountsWindow($first: Int, $after: String, $last: Int, $before: String) {\n    accounts(first: $first, after: $after, last: $last, before: $before) {\n      edges { cursor node { id } } pageInfo { hasNextPage hasPreviousPage startCursor endCursor }\n    }\n  }\n": types.AccountsWindowDocument,
    "\n  query OverridesWindow($first: Int, $after: String, $last: Int, $before: String) {\n    overrides(first: $first, after: $after, last: $last, before: $before) {\n      edges { cursor node { id } } pageInfo { hasNextPage hasPreviousPage startCursor endCursor }\n    }\n  }\n": types.OverridesWindowDocument,
    "\n  query AccountsEndCursor { accounts(first: 2) { pageInfo { endCursor } } }\n": types.AccountsEndCursorDocument,
    "\n  query NodeByGlobalId($id: ID!) {\n    node(id: $id) {\n      __typename id\n      ... on Account { externalId } ... on Segment { key } ... on IcpVersion { number } ... on Override { tier }\n      ... on Opportunity { externalId } ... on ApiKey { name } ... on Fit { score account { externalId } segment { key } }\n    }\n  }\n": types.NodeByGlobalIdDocument,
    "\n  query IdsOfEveryType {\n    account(externalId: \"known\") { id fit(segmentKey: \"all\") { id score } opportunities { id } overrides { id } }\n    segment(key: \"all\") { id liveVersion { id } }\n    apiKeys { id name }\n    overrides(first: 1) { nodes { id tier } }\n  }\n": types.IdsOfEveryTypeDocument,
    "\n  query NodesTypenames($ids: [ID!]!) { nodes(ids: $ids) { __typename id } }\n": types.NodesTypenamesDocument,
    "\n  query KnownFitIds { account(externalId: \"known\") { id fits { id segment { key } } fit(segmentKey: \"other\") { id } } }\n": types.KnownFitIdsDocument,
    "\n  query IdsOfGuardedTypes { apiKeys { id } overrides(first: 1) { nodes { id } } segment(key: \"all\") { id } }\n": types.IdsOfGuardedTypesDocument,
    "\n  query NodesIds($ids: [ID!]!) { nodes(ids: $ids) { id } }\n": types.NodesIdsDocument,
    "\n  query KnownOtherFitId { account(externalId: \"known\") { fit(segmentKey: \"other\") { id } } }\n": types.KnownOtherFitIdDocument,
    "\n  query NodeId($id: ID!) { node(id: $id) { id } }\n": types.NodeIdDocument,
    "\n  query KnownCriteriaInWords {\n    account(externalId: \"known\") {\n      fit(segmentKey: \"all\") { computed { dimensions { criteria { attribute value explanation matched missing } } } }\n    }\n  }\n": types.KnownCriteriaInWordsDocument,
    "\n  query PreviewEmployeesInWords($v: ID!) {\n    previewScore(versionId: $v, attributes: { employees: 12 }) { dimensions { criteria { attribute value explanation } } }\n  }\n": types.PreviewEmployeesInWordsDocument,
    "\n  query AllLiveVersionId { segment(key: \"all\") { liveVersion { id } } }\n": types.AllLiveVersionIdDocument,
    "\n  query RoleAndPermissions { me { role permissions } }\n": types.RoleAndPermissionsDocument,
    "\n  query SegmentsLiveNumbers { segments { key liveVersion { number } } }\n": types.SegmentsLiveNumbersDocument,
    "\n  query Dashboard {\n    segments { key }\n    report: exceptions(segmentKey: \"all\") { exceptions { account { ...DashboardCard } } }\n    apiKeys { id }\n  }\n  fragment DashboardCard on Account { name overrides { id } }\n": types.DashboardDocument,
    "\n  query KnownConnections {\n    account(externalId: \"known\") {\n      opportunities { id }\n      opportunitiesConnection(first: 1) { totalCount nodes { id } pageInfo { hasNextPage } }\n      scoreHistory(segmentKey: \"other\") { computedAt version { number } }\n      historyBack: scoreHistoryConnection(segmentKey: \"other\", last: 1) {\n        totalCount nodes { computedAt version { number } } pageInfo { hasPreviousPage startCursor }\n      }\n    }\n    segment(key: \"other\") { versions { number } versionsConnection(last: 1) { nodes { number } pageInfo { hasPreviousPage startCursor } } }\n  }\n": types.KnownConnectionsDocument,
    "\n  query OtherVersionsBefore($b: String) { segment(key: \"other\") { versionsConnection(last: 10, before: $b) { nodes { number } } } }\n": types.OtherVersionsBeforeDocument,
    "\n  query AllVersionsBefore($b: String) { segment(key: \"all\") { versionsConnection(last: 1, before: $b) { nodes { number } } } }\n": types.AllVersionsBeforeDocument,
    "\n  query AllExceptionsConnection {\n    exceptions(segmentKey: \"all\") {\n      exceptions { kind account { id } }\n      exceptionsConnection(first: 2) { totalCount edges { node { kind account { id } } } }\n    }\n  }\n": types.AllExceptionsConnectionDocument,
    "\n  query KnownOtherFit { account(externalId: \"known\") { id fit(segmentKey: \"other\") { id tier computed { tier } } } }\n": types.KnownOtherFitDocument,
    "\n  mutation OverrideFitReturningFit($input: OverrideFitInput!) { overrideFit(input: $input) { id fit { id tier overridden } } }\n": types.OverrideFitReturningFitDocument,
    "\n  mutation RevokeOverrideReturningFit($id: ID!) {\n    revokeOverride(id: $id, reason: \"The pilot was cancelled by their board last week.\") { fit { id tier overridden } }\n  }\n": types.RevokeOverrideReturningFitDocument,
    "\n  mutation UpsertAccountsReturningFits($a: [AccountInput!]!) {\n    upsertAccounts(accounts: $a) { updated fits { id account { externalId } segment { key } } }\n  }\n": types.UpsertAccountsReturningFitsDocument,
    "\n  query KnownAttributeList {\n    account(externalId: \"known\") {\n      attributes attributeList { key type value numberValue stringValue stringListValue booleanValue dateValue }\n    }\n  }\n": types.KnownAttributeListDocument,
    "\n  query OtherVersionStatuses { segment(key: \"other\") { versions { id status } } }\n": types.OtherVersionStatusesDocument,
    "\n  query OtherMetricDeltas { conversionComparison(segmentKey: \"other\") { deltas { metric kind } } }\n": types.OtherMetricDeltasDocument,
    "\n  query AccountCId { account(externalId: \"C\") { id } }\n": types.AccountCIdDocument,
    "\n  fragment ReportMetrics on ConversionMetrics {\n    leads convertedLeads leadToOpportunityRate opportunities openOpportunities closed won winRate medianSalesCycleDays averageDealSize revenue\n  }\n": types.ReportMetricsFragmentDoc,
    "\n  fragment ReportDelta on MetricDelta { metric before after absoluteChange relativeChange ciLow ciHigh pValue adjustedPValue significant }\n": types.ReportDeltaFragmentDoc,
    "\n  query AccountCOpportunities { account(externalId: \"C\") { opportunities { externalId outcome amount } } }\n": types.AccountCOpportunitiesDocument,
    "\n  query RepTierDashboard { tierDashboard(segmentKey: \"rep\") { version { number } tiers { tier accounts opportunities won winRate revenue } } }\n": types.RepTierDashboardDocument,
    "\n  query RepTierDashboardOfVersion($v: ID) { tierDashboard(segmentKey: \"rep\", versionId: $v) { tiers { tier accounts opportunities won revenue } } }\n": types.RepTierDashboardOfVersionDocument,
    "\n  query RepConversionComparison {\n    conversionComparison(segmentKey: \"rep\") {\n      before { version { number } from to metrics { ...ReportMetrics } }\n      after { version { number } from to metrics { ...ReportMetrics } }\n      deltas { ...ReportDelta } followUpDays warnings\n      byTier { tier before { opportunities won } after { opportunities won leads } deltas { ...ReportDelta } }\n    }\n  }\n": types.RepConversionComparisonDocument,
    "\n  query RepComparisonFollowedUp($f: Int) {\n    conversionComparison(segmentKey: \"rep\", followUpDays: $f) {\n      followUpDays before { from to metrics { ...ReportMetrics } } after { from to metrics { ...ReportMetrics } } deltas { metric pValue } warnings\n    }\n  }\n": types.RepComparisonFollowedUpDocument,
    "\n  query RepComparisonWithoutFollowUp { conversionComparison(segmentKey: \"rep\", followUpDays: 0) { warnings } }\n": types.RepComparisonWithoutFollowUpDocument,
    "\n  query HolmComparisonByTier { conversionComparison(segmentKey: \"holm\") { byTier { tier deltas { ...ReportDelta } } } }\n": types.HolmComparisonByTierDocument,
    "\n  query RepComparisonInWindow {\n    conversionComparison(segmentKey: \"rep\", windowDays: 31) {\n      before { from to metrics { opportunities leads } } after { from to metrics { opportunities leads } }\n    }\n  }\n": types.RepComparisonInWindowDocument,
    "\n  query RepComparisonWithoutWindow { conversionComparison(segmentKey: \"rep\", windowDays: 0) { deltas { metric } } }\n": types.RepComparisonWithoutWindowDocument,
    "\n  query RepExceptions {\n    exceptions(segmentKey: \"rep\", from: \"2026-01-01T00:00:00Z\", to: \"2026-06-01T00:00:00Z\") {\n      exceptions { account { externalId } kind computedTier effectiveTier override { tier } opportunities won revenue }\n      exceptionWinRate inIcpWinRate shareOfPipeline withinCapacity recommendation\n    }\n  }\n": types.RepExceptionsDocument,
    "\n  query NarrowExceptions { exceptions(segmentKey: \"narrow\") { exceptionWinRate inIcpWinRate shareOfPipeline withinCapacity recommendation } }\n": types.NarrowExceptionsDocument,
    "\n  query Backtest($v: ID!) {\n    backtest(versionId: $v) {\n      version { number } baseline { number } accountsScored\n      migration { from to accounts }\n      tiers { tier accounts closedOpportunities won winRate lift }\n      baselineTiers { tier accounts closedOpportunities won }\n      auc baselineAuc\n    }\n  }\n": types.BacktestDocument,
    "\n  query RepOpportunitiesByTier { tierDashboard(segmentKey: \"rep\") { tiers { tier opportunities } } }\n": types.RepOpportunitiesByTierDocument,
    "\n  query ForbiddenFieldInFragment { ...SegmentsAndApiKeys } fragment SegmentsAndApiKeys on Query { segments { key } apiKeys { id } }\n": types.ForbiddenFieldInFragmentDocument,
    "\n  query DemoVersionStatuses { segments { key liveVersion { number } versions { status } } }\n": types.DemoVersionStatusesDocument,
    "\n  query SegmentsAndIntegrity { segments { key } auditIntegrity { ok checkedEvents } }\n": types.SegmentsAndIntegrityDocument,
    "\n  query RoleAndSegments { me { role } segments { key } }\n": types.RoleAndSegmentsDocument,
    "\n  subscription CoreFitChanged { fitChanged(segmentKey: \"core\") { eventId cause before { tier } after { score tier overridden } account { externalId } segment { key } version { number } } }\n": types.CoreFitChangedDocument,
    "\n  subscription CoreFitChangedIds { fitChanged(segmentKey: \"core\") { eventId } }\n": types.CoreFitChangedIdsDocument,
    "\n  query CatchUpHistory($id: ID!, $segment: String!) {\n    account(id: $id) { scoreHistory(segmentKey: $segment) { score tier validFrom validTo nextChangeAt } }\n  }\n": types.CatchUpHistoryDocument,
    "\n  query EngagedMembers {\n    accounts(first: 10, filter: { segmentKey: \"engaged\" }) { edges { node { externalId } } }\n    fits(segmentKey: \"engaged\", first: 10) { edges { node { account { externalId } score tier computed { validFrom } } } }\n  }\n": types.EngagedMembersDocument,
    "\n  query DecayFitAndHistory($id: ID!) { account(id: $id) {\n  fit(segmentKey: \"decay\") { score tier action overridden\n    computed { score tier validFrom validTo nextChangeAt dimensions { dimension key name score criteria { attribute operator band earned matched } } } }\n  scoreHistory(segmentKey: \"decay\") { score tier validFrom validTo nextChangeAt } } }\n": types.DecayFitAndHistoryDocument,
    "\n  query DecayVersionBands($id: ID!) { icpVersion(id: $id) { definition { dimensions { dimension key name\n      criteria { operator points bands { min max maxAgeDays points } } } } } }\n": types.DecayVersionBandsDocument,
    "\n  query PreviewDecayBands($v: ID!, $a: JSON!) { previewScore(versionId: $v, attributes: $a) {\n      score tier computedAt validFrom validTo nextChangeAt dimensions { key criteria { band } } } }\n": types.PreviewDecayBandsDocument,
    "\n  query DecayFits { fits(segmentKey: \"decay\", first: 10) { edges { node { account { externalId } score tier computed { tier } } } } }\n": types.DecayFitsDocument,
    "\n  query WebhookDeliveriesPage($id: ID!) { webhookDeliveries(webhookId: $id, first: 50) { totalCount edges { node { status attempts lastStatusCode eventIds deliveredAt } } } }\n": types.WebhookDeliveriesPageDocument,
    "\n  query WebhookDeliveries($id: ID!) { webhookDeliveries(webhookId: $id) { edges { node { id status attempts lastStatusCode lastError } } } }\n": types.WebhookDeliveriesDocument,
    "\n  mutation RedeliverWebhook($id: ID!) { redeliverWebhook(deliveryId: $id) { id status } }\n": types.RedeliverWebhookDocument,
    "\n  query WebhookIds { webhooks { id } }\n": types.WebhookIdsDocument,
    "\n  query WebhookUrls { webhooks { id url } }\n": types.WebhookUrlsDocument,
    "\n  mutation DeleteWebhook($id: ID!) { deleteWebhook(id: $id) }\n": types.DeleteWebhookDocument,
    "\n  mutation UpsertAccounts($accounts: [AccountInput!]!) {\n    upsertAccounts(accounts: $accounts) { created updated unchanged rescored }\n  }\n": types.UpsertAccountsDocument,
    "\n  query AccountIds { accounts(first: 10) { edges { node { id externalId } } } }\n": types.AccountIdsDocument,
    "\n  query AuditIntegrityOk { auditIntegrity { ok } }\n": types.AuditIntegrityOkDocument,
    "\n  query Me { me { keyId name role } }\n": types.MeDocument,
    "\n  mutation CreateApiKey($name: String!, $role: Role!) {\n    createApiKey(name: $name, role: $role) { secret apiKey { id name role createdBy revokedAt } }\n  }\n": types.CreateApiKeyDocument,
    "\n  mutation RevokeApiKey($id: ID!) { revokeApiKey(id: $id) { id revokedAt } }\n": types.RevokeApiKeyDocument,
    "\n  query PreviewScoreAndTier($v: ID!, $a: JSON!) { previewScore(versionId: $v, attributes: $a) { score tier } }\n": types.PreviewScoreAndTierDocument,
    "\n  mutation OverrideFit($input: OverrideFitInput!) {\n    overrideFit(input: $input) {\n      id tier score computedScore computedTier justification category createdBy status needsReview expiresAt\n      account { externalId } segment { key } version { number }\n    }\n  }\n": types.OverrideFitDocument,
    "\n  mutation RevokeOverride($id: ID!, $reason: String!) {\n    revokeOverride(id: $id, reason: $reason) { id status revokedBy revokedAt revokeReason }\n  }\n": types.RevokeOverrideDocument,
    "\n  mutation RecordOpportunities($o: [OpportunityInput!]!) { recordOpportunities(opportunities: $o) { created updated } }\n": types.RecordOpportunitiesDocument,
    "\n  mutation RecordLeads($l: [LeadInput!]!) { recordLeads(leads: $l) { created updated } }\n": types.RecordLeadsDocument,
    "\n  fragment PublishJobFields on PublishJob {\n    id state notes effectiveAt requestedBy requestedAt finishedAt accountsTotal accountsScored error version { number status }\n    result { accountsScored overridesFlagged superseded { number } tierChanges { from to accounts } }\n  }\n": types.PublishJobFieldsFragmentDoc,
    "\n  mutation StartPublish($id: ID!, $notes: String, $effectiveAt: DateTime) { startPublish(id: $id, notes: $notes, effectiveAt: $effectiveAt) { ...PublishJobFields } }\n": types.StartPublishDocument,
    "\n  query PublishJob($id: ID!) { publishJob(id: $id) { ...PublishJobFields } }\n": types.PublishJobDocument,
    "\n  fragment VersionFields on IcpVersion {\n    id number status revision contentHash notes createdBy createdAt publishedBy publishedAt effectiveAt supersededAt\n    segment { key } basedOn { id number }\n    definition {\n      dimensions { dimension weight criteria { attribute operator value values min max points label } }\n      disqualifiers { attribute operator value values min max reason }\n      thresholds { perfect strong moderate }\n      actions { tier action }\n    }\n  }\n": types.VersionFieldsFragmentDoc,
    "\n  mutation CreateSegment($input: CreateSegmentInput!) {\n    createSegment(input: $input) { id key name membership { attribute operator value } }\n  }\n": types.CreateSegmentDocument,
    "\n  mutation CreateDraft($segmentKey: String!, $definition: IcpDefinitionInput, $basedOnVersionId: ID, $notes: String) {\n    createDraft(segmentKey: $segmentKey, definition: $definition, basedOnVersionId: $basedOnVersionId, notes: $notes) { ...VersionFields }\n  }\n": types.CreateDraftDocument,
    "\n  mutation UpdateDraft($id: ID!, $definition: IcpDefinitionInput!, $expectedRevision: Int!, $notes: String) {\n    updateDraft(id: $id, definition: $definition, expectedRevision: $expectedRevision, notes: $notes) { ...VersionFields }\n  }\n": types.UpdateDraftDocument,
    "\n  mutation PublishVersion($id: ID!, $notes: String, $effectiveAt: DateTime) {\n    publishVersion(id: $id, notes: $notes, effectiveAt: $effectiveAt) {\n      version { id number status effectiveAt publishedAt notes }\n      superseded { id number status supersededAt }\n      accountsScored\n      tierChanges { from to accounts }\n    }\n  }\n": types.PublishVersionDocument,
    "\n  mutation DiscardDraft($id: ID!) { discardDraft(id: $id) }\n": types.DiscardDraftDocument,
    "\n  query SegmentKeys { segments { key } }\n": types.SegmentKeysDocument,
    "\n  mutation CreateWebhook($input: WebhookInput!) { createWebhook(input: $input) { secret webhook { id url events segmentKeys active createdBy } } }\n": types.CreateWebhookDocument,
};

/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 *
 *
 * @example
 * ```ts
 * const query = graphql(`query GetUser($id: ID!) { user(id: $id) { name } }`);
 * ```
 *
 * The query argument is unknown!
 * Please regenerate the types.
 */
export function graphql(source: string): unknown;

/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query AccountByExternalId($externalId: String!) {\n    account(externalId: $externalId) { id externalId name domain attributes explicitSegments }\n  }\n"): (typeof documents)["\n  query AccountByExternalId($externalId: String!) {\n    account(externalId: $externalId) { id externalId name domain attributes explicitSegments }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query AccountExternalIdById($id: ID) { account(id: $id) { externalId } }\n"): (typeof documents)["\n  query AccountExternalIdById($id: ID) { account(id: $id) { externalId } }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query AccountsPage($filter: AccountFilter, $first: Int, $after: String) {\n    accounts(filter: $filter, first: $first, after: $after) {\n      totalCount pageInfo { hasNextPage endCursor } edges { node { externalId } }\n    }\n  }\n"): (typeof documents)["\n  query AccountsPage($filter: AccountFilter, $first: Int, $after: String) {\n    accounts(filter: $filter, first: $first, after: $after) {\n      totalCount pageInfo { hasNextPage endCursor } edges { node { externalId } }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query FitsAfterCursor($a: String) { fits(segmentKey: \"saas\", after: $a) { totalCount } }\n"): (typeof documents)["\n  query FitsAfterCursor($a: String) { fits(segmentKey: \"saas\", after: $a) { totalCount } }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query WorkedFitExplained {\n    account(externalId: \"worked\") {\n      fit(segmentKey: \"saas\") {\n        score tier action overridden version { number } segment { key }\n        computed {\n          score tier missingAttributes completeness disqualifiedBy\n          dimensions { dimension weight score criteria { attribute matched missing earned } }\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  query WorkedFitExplained {\n    account(externalId: \"worked\") {\n      fit(segmentKey: \"saas\") {\n        score tier action overridden version { number } segment { key }\n        computed {\n          score tier missingAttributes completeness disqualifiedBy\n          dimensions { dimension weight score criteria { attribute matched missing earned } }\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query WorkedFitAndHistory {\n    account(externalId: \"worked\") {\n      fit(segmentKey: \"saas\") { score tier }\n      scoreHistory(segmentKey: \"saas\") { score tier version { number } }\n    }\n  }\n"): (typeof documents)["\n  query WorkedFitAndHistory {\n    account(externalId: \"worked\") {\n      fit(segmentKey: \"saas\") { score tier }\n      scoreHistory(segmentKey: \"saas\") { score tier version { number } }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query WorkedFitAndFits { account(externalId: \"worked\") { fit(segmentKey: \"saas\") { score } fits { segment { key } } } }\n"): (typeof documents)["\n  query WorkedFitAndFits { account(externalId: \"worked\") { fit(segmentKey: \"saas\") { score } fits { segment { key } } } }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query WorkedFitScores { account(externalId: \"worked\") { fits { segment { key } score } } }\n"): (typeof documents)["\n  query WorkedFitScores { account(externalId: \"worked\") { fits { segment { key } score } } }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query WorkedStoredScore {\n    account(externalId: \"worked\") {\n      attributes\n      fit(segmentKey: \"saas\") { score tier computed { dimensions { score } completeness } }\n    }\n  }\n"): (typeof documents)["\n  query WorkedStoredScore {\n    account(externalId: \"worked\") {\n      attributes\n      fit(segmentKey: \"saas\") { score tier computed { dimensions { score } completeness } }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query PreviewScore($v: ID!, $a: JSON!) {\n    previewScore(versionId: $v, attributes: $a) { account { id } score tier completeness dimensions { score } version { number } }\n  }\n"): (typeof documents)["\n  query PreviewScore($v: ID!, $a: JSON!) {\n    previewScore(versionId: $v, attributes: $a) { account { id } score tier completeness dimensions { score } version { number } }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query PreviewScoreOfInvalidAttributes($v: ID!) { previewScore(versionId: $v, attributes: { employees: \"many\" }) { score } }\n"): (typeof documents)["\n  query PreviewScoreOfInvalidAttributes($v: ID!) { previewScore(versionId: $v, attributes: { employees: \"many\" }) { score } }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query SaasTiers { fits(segmentKey: \"saas\", first: 100) { edges { node { account { externalId } tier } } } }\n"): (typeof documents)["\n  query SaasTiers { fits(segmentKey: \"saas\", first: 100) { edges { node { account { externalId } tier } } } }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query SaasTiersAndVersions { fits(segmentKey: \"saas\", first: 100) { edges { node { account { externalId } tier version { number } } } } }\n"): (typeof documents)["\n  query SaasTiersAndVersions { fits(segmentKey: \"saas\", first: 100) { edges { node { account { externalId } tier version { number } } } } }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query WorkedLatestHistory { account(externalId: \"worked\") { scoreHistory(segmentKey: \"saas\", first: 1) { tier version { number } } } }\n"): (typeof documents)["\n  query WorkedLatestHistory { account(externalId: \"worked\") { scoreHistory(segmentKey: \"saas\", first: 1) { tier version { number } } } }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation OverrideFitNamingKey($input: OverrideFitInput!) { overrideFit(input: $input) { id createdBy createdByKeyId } }\n"): (typeof documents)["\n  mutation OverrideFitNamingKey($input: OverrideFitInput!) { overrideFit(input: $input) { id createdBy createdByKeyId } }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation RevokeOverrideNamingKeys($id: ID!, $r: String!) { revokeOverride(id: $id, reason: $r) { revokedBy revokedByKeyId createdByKeyId } }\n"): (typeof documents)["\n  mutation RevokeOverrideNamingKeys($id: ID!, $r: String!) { revokeOverride(id: $id, reason: $r) { revokedBy revokedByKeyId createdByKeyId } }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query AuditEventsOfKey($id: ID) {\n    auditEvents(filter: { actorKeyId: $id }) { totalCount edges { node { actor actorKeyId clientRequestId requestId } } }\n  }\n"): (typeof documents)["\n  query AuditEventsOfKey($id: ID) {\n    auditEvents(filter: { actorKeyId: $id }) { totalCount edges { node { actor actorKeyId clientRequestId requestId } } }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query OverrideAuthors { overrides(first: 10) { edges { node { id createdBy createdByKeyId } } } }\n"): (typeof documents)["\n  query OverrideAuthors { overrides(first: 10) { edges { node { id createdBy createdByKeyId } } } }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Snoop { segments { key } apiKeys { id name } }\n"): (typeof documents)["\n  query Snoop { segments { key } apiKeys { id name } }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Trail($f: AuditFilter) { auditEvents(filter: $f, first: 5) { edges { node { action actorKeyId } } } }\n"): (typeof documents)["\n  query Trail($f: AuditFilter) { auditEvents(filter: $f, first: 5) { edges { node { action actorKeyId } } } }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query OverrideTiers { overrides(first: 5) { edges { node { id tier } } } }\n"): (typeof documents)["\n  query OverrideTiers { overrides(first: 5) { edges { node { id tier } } } }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Justifications { overrides(first: 5) { edges { node { justification } } } }\n"): (typeof documents)["\n  query Justifications { overrides(first: 5) { edges { node { justification } } } }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query AuditReaders { auditEvents(filter: { action: \"audit.read\" }, first: 50) { edges { node { actor actorKeyId } } } }\n"): (typeof documents)["\n  query AuditReaders { auditEvents(filter: { action: \"audit.read\" }, first: 50) { edges { node { actor actorKeyId } } } }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query AuditCountAndKeys { auditEvents { totalCount } apiKeys { id } }\n"): (typeof documents)["\n  query AuditCountAndKeys { auditEvents { totalCount } apiKeys { id } }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query OverriddenCoreFitsAsViewer {\n    fits(segmentKey: \"core\", first: 10, filter: { overridden: true }) {\n      edges { node { overridden override { id tier status category expiresAt createdAt } } }\n    }\n  }\n"): (typeof documents)["\n  query OverriddenCoreFitsAsViewer {\n    fits(segmentKey: \"core\", first: 10, filter: { overridden: true }) {\n      edges { node { overridden override { id tier status category expiresAt createdAt } } }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query FitJustifications { fits(segmentKey: \"core\", first: 5) { edges { node { override { justification } } } } }\n"): (typeof documents)["\n  query FitJustifications { fits(segmentKey: \"core\", first: 5) { edges { node { override { justification } } } } }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query FitOverrideAuthors { fits(segmentKey: \"core\", first: 5) { edges { node { override { createdBy createdByKeyId } } } } }\n"): (typeof documents)["\n  query FitOverrideAuthors { fits(segmentKey: \"core\", first: 5) { edges { node { override { createdBy createdByKeyId } } } } }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query FitOverrideRevokers {\n    fits(segmentKey: \"core\", first: 5) { edges { node { override { revokedBy revokedByKeyId revokeReason } } } }\n  }\n"): (typeof documents)["\n  query FitOverrideRevokers {\n    fits(segmentKey: \"core\", first: 5) { edges { node { override { revokedBy revokedByKeyId revokeReason } } } }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query AccountFitJustification($id: ID!) { account(id: $id) { fit(segmentKey: \"core\") { override { justification } } } }\n"): (typeof documents)["\n  query AccountFitJustification($id: ID!) { account(id: $id) { fit(segmentKey: \"core\") { override { justification } } } }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query AccountOverrideTiers($id: ID!) { account(id: $id) { overrides { tier } } }\n"): (typeof documents)["\n  query AccountOverrideTiers($id: ID!) { account(id: $id) { overrides { tier } } }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query OverridesCount { overrides { totalCount } }\n"): (typeof documents)["\n  query OverridesCount { overrides { totalCount } }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query CoreExceptionsShare { exceptions(segmentKey: \"core\") { shareOfPipeline } }\n"): (typeof documents)["\n  query CoreExceptionsShare { exceptions(segmentKey: \"core\") { shareOfPipeline } }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query CoreVersionAuthors { segment(key: \"core\") { versions { number createdBy } } }\n"): (typeof documents)["\n  query CoreVersionAuthors { segment(key: \"core\") { versions { number createdBy } } }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query CoreLivePublisher { segment(key: \"core\") { liveVersion { publishedBy } } }\n"): (typeof documents)["\n  query CoreLivePublisher { segment(key: \"core\") { liveVersion { publishedBy } } }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query WhoAndWhyViaFits {\n    fits(segmentKey: \"core\", first: 10, filter: { overridden: true }) { edges { node { override { id justification createdBy } } } }\n  }\n"): (typeof documents)["\n  query WhoAndWhyViaFits {\n    fits(segmentKey: \"core\", first: 10, filter: { overridden: true }) { edges { node { override { id justification createdBy } } } }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query WhoAndWhyViaList { overrides(first: 10, filter: { status: ACTIVE }) { edges { node { id justification createdBy } } } }\n"): (typeof documents)["\n  query WhoAndWhyViaList { overrides(first: 10, filter: { status: ACTIVE }) { edges { node { id justification createdBy } } } }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query WhoAndWhyViaAccount($id: ID!) { account(id: $id) { overrides { id justification createdBy } } }\n"): (typeof documents)["\n  query WhoAndWhyViaAccount($id: ID!) { account(id: $id) { overrides { id justification createdBy } } }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query AuditTrailPage($filter: AuditFilter, $first: Int, $after: String) {\n    auditEvents(filter: $filter, first: $first, after: $after) {\n      totalCount pageInfo { hasNextPage endCursor }\n      edges {\n        cursor\n        node {\n          id sequence occurredAt actor actorKeyId action entityType entityId before after justification requestId clientRequestId previousHash hash\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  query AuditTrailPage($filter: AuditFilter, $first: Int, $after: String) {\n    auditEvents(filter: $filter, first: $first, after: $after) {\n      totalCount pageInfo { hasNextPage endCursor }\n      edges {\n        cursor\n        node {\n          id sequence occurredAt actor actorKeyId action entityType entityId before after justification requestId clientRequestId previousHash hash\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query AuditIntegrityCheck { auditIntegrity { ok checkedEvents firstBrokenSequence } }\n"): (typeof documents)["\n  query AuditIntegrityCheck { auditIntegrity { ok checkedEvents firstBrokenSequence } }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ApiKeys { apiKeys { id name role } }\n"): (typeof documents)["\n  query ApiKeys { apiKeys { id name role } }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation PublishReturningChangedFits($id: ID!, $first: Int, $after: String, $last: Int, $before: String) {\n    publishVersion(id: $id) {\n      version { id number }\n      superseded { number }\n      changedFits(first: $first, after: $after, last: $last, before: $before) {\n        totalCount\n        edges { cursor node { id score tier overridden account { externalId } version { number } } }\n        pageInfo { hasNextPage hasPreviousPage startCursor endCursor }\n      }\n    }\n  }\n"): (typeof documents)["\n  mutation PublishReturningChangedFits($id: ID!, $first: Int, $after: String, $last: Int, $before: String) {\n    publishVersion(id: $id) {\n      version { id number }\n      superseded { number }\n      changedFits(first: $first, after: $after, last: $last, before: $before) {\n        totalCount\n        edges { cursor node { id score tier overridden account { externalId } version { number } } }\n        pageInfo { hasNextPage hasPreviousPage startCursor endCursor }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query SizedJobs { publishJobs(segmentKey: \"sized\", first: 2) { id version { number } } }\n"): (typeof documents)["\n  query SizedJobs { publishJobs(segmentKey: \"sized\", first: 2) { id version { number } } }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ChangedFitsOfJob($id: ID!, $first: Int, $after: String, $last: Int, $before: String) {\n    publishJob(id: $id) {\n      result {\n        changedFits(first: $first, after: $after, last: $last, before: $before) {\n          totalCount\n          edges { cursor node { id score tier account { externalId } } }\n          pageInfo { hasNextPage hasPreviousPage }\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  query ChangedFitsOfJob($id: ID!, $first: Int, $after: String, $last: Int, $before: String) {\n    publishJob(id: $id) {\n      result {\n        changedFits(first: $first, after: $after, last: $last, before: $before) {\n          totalCount\n          edges { cursor node { id score tier account { externalId } } }\n          pageInfo { hasNextPage hasPreviousPage }\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query SizedFits($after: String) {\n    fits(segmentKey: \"sized\", first: 50, after: $after) { edges { node { id score tier account { externalId } } } }\n  }\n"): (typeof documents)["\n  query SizedFits($after: String) {\n    fits(segmentKey: \"sized\", first: 50, after: $after) { edges { node { id score tier account { externalId } } } }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query SizedAccountIds { accounts(first: 50) { nodes { id externalId } } }\n"): (typeof documents)["\n  query SizedAccountIds { accounts(first: 50) { nodes { id externalId } } }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query FitNode($id: ID!) { node(id: $id) { id ... on Fit { tier score account { externalId } } } }\n"): (typeof documents)["\n  query FitNode($id: ID!) { node(id: $id) { id ... on Fit { tier score account { externalId } } } }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Rp3FitVersion { account(externalId: \"rp-3\") { fit(segmentKey: \"race-pub\") { version { number } } } }\n"): (typeof documents)["\n  query Rp3FitVersion { account(externalId: \"rp-3\") { fit(segmentKey: \"race-pub\") { version { number } } } }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Rp3FitAndHistory {\n    account(externalId: \"rp-3\") {\n      fit(segmentKey: \"race-pub\") { version { number } score tier }\n      scoreHistory(segmentKey: \"race-pub\") { version { number } }\n    }\n  }\n"): (typeof documents)["\n  query Rp3FitAndHistory {\n    account(externalId: \"rp-3\") {\n      fit(segmentKey: \"race-pub\") { version { number } score tier }\n      scoreHistory(segmentKey: \"race-pub\") { version { number } }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query DemoSegments { segments { key membership { attribute operator } liveVersion { number effectiveAt publishedAt definition { dimensions { dimension weight } } } versions { number status notes } } }\n"): (typeof documents)["\n  query DemoSegments { segments { key membership { attribute operator } liveVersion { number effectiveAt publishedAt definition { dimensions { dimension weight } } } versions { number status notes } } }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query DemoFits($key: String!) { fits(segmentKey: $key, first: 500) { totalCount edges { node { tier score } } } }\n"): (typeof documents)["\n  query DemoFits($key: String!) { fits(segmentKey: $key, first: 500) { totalCount edges { node { tier score } } } }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query DemoConversionComparison($key: String!) { conversionComparison(segmentKey: $key) { before { version { number } metrics { leadToOpportunityRate medianSalesCycleDays } }\n        after { version { number } metrics { leadToOpportunityRate medianSalesCycleDays } } deltas { metric significant } } }\n"): (typeof documents)["\n  query DemoConversionComparison($key: String!) { conversionComparison(segmentKey: $key) { before { version { number } metrics { leadToOpportunityRate medianSalesCycleDays } }\n        after { version { number } metrics { leadToOpportunityRate medianSalesCycleDays } } deltas { metric significant } } }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query DemoInsights($key: String!) { icpInsights(segmentKey: $key) { insights { attribute significant favourable criterion { operator values } } } }\n"): (typeof documents)["\n  query DemoInsights($key: String!) { icpInsights(segmentKey: $key) { insights { attribute significant favourable criterion { operator values } } } }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query EnterpriseComparisonFollowedUp($f: Int) { conversionComparison(segmentKey: \"enterprise\", followUpDays: $f) {\n      warnings after { metrics { opportunities openOpportunities } } deltas { metric significant } } }\n"): (typeof documents)["\n  query EnterpriseComparisonFollowedUp($f: Int) { conversionComparison(segmentKey: \"enterprise\", followUpDays: $f) {\n      warnings after { metrics { opportunities openOpportunities } } deltas { metric significant } } }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query StrategicVersions { segment(key: \"strategic\") { versions { id number status definition {\n      dimensions { dimension key name weight } thresholds { perfect strong moderate } actions { tier action } } } } }\n"): (typeof documents)["\n  query StrategicVersions { segment(key: \"strategic\") { versions { id number status definition {\n      dimensions { dimension key name weight } thresholds { perfect strong moderate } actions { tier action } } } } }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query PreviewFramework($v: ID!, $a: JSON!) { previewScore(versionId: $v, attributes: $a) {\n      score tier nextChangeAt dimensions { key score criteria { label band earned } } } }\n"): (typeof documents)["\n  query PreviewFramework($v: ID!, $a: JSON!) { previewScore(versionId: $v, attributes: $a) {\n      score tier nextChangeAt dimensions { key score criteria { label band earned } } } }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query DemoBacktest($v: ID!) { backtest(versionId: $v) { baseline { number } accountsScored\n      migration { from to accounts } tiers { tier accounts } auc baselineAuc } }\n"): (typeof documents)["\n  query DemoBacktest($v: ID!) { backtest(versionId: $v) { baseline { number } accountsScored\n      migration { from to accounts } tiers { tier accounts } auc baselineAuc } }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment InsightFields on AttributeInsight {\n    attribute dimension criterion { attribute operator value values min max points } positiveShare negativeShare lift\n    pValue qValue significant favourable missingShare test positivesHolding negativesHolding weightOfEvidence informationValue testsTried\n  }\n"): (typeof documents)["\n  fragment InsightFields on AttributeInsight {\n    attribute dimension criterion { attribute operator value values min max points } positiveShare negativeShare lift\n    pValue qValue significant favourable missingShare test positivesHolding negativesHolding weightOfEvidence informationValue testsTried\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query IcpInsights($k: String!, $o: InsightOptions) { icpInsights(segmentKey: $k, options: $o) {\n  segment { key } basis from to positives negatives positivesCounted negativesCounted testsTried warnings insights { ...InsightFields } } }\n"): (typeof documents)["\n  query IcpInsights($k: String!, $o: InsightOptions) { icpInsights(segmentKey: $k, options: $o) {\n  segment { key } basis from to positives negatives positivesCounted negativesCounted testsTried warnings insights { ...InsightFields } } }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation SuggestDraft($k: String!, $o: InsightOptions) { suggestDraft(segmentKey: $k, options: $o) {\n  draft { id number status notes createdBy definition { dimensions { dimension weight criteria { attribute operator value values min max points } }\n    disqualifiers { attribute operator value reason } thresholds { perfect strong moderate } } }\n  insightsUsed { ...InsightFields }\n  check { splitAt trainPositives trainNegatives testPositives testNegatives auc aucCiLow aucCiHigh liveAuc liveAucCiLow liveAucCiHigh }\n  warnings } }\n"): (typeof documents)["\n  mutation SuggestDraft($k: String!, $o: InsightOptions) { suggestDraft(segmentKey: $k, options: $o) {\n  draft { id number status notes createdBy definition { dimensions { dimension weight criteria { attribute operator value values min max points } }\n    disqualifiers { attribute operator value reason } thresholds { perfect strong moderate } } }\n  insightsUsed { ...InsightFields }\n  check { splitAt trainPositives trainNegatives testPositives testNegatives auc aucCiLow aucCiHigh liveAuc liveAucCiLow liveAucCiHigh }\n  warnings } }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query SmallAccountId { account(externalId: \"small\") { id } }\n"): (typeof documents)["\n  query SmallAccountId { account(externalId: \"small\") { id } }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ExplorerIntrospection { __schema { queryType { name } } }\n"): (typeof documents)["\n  query ExplorerIntrospection { __schema { queryType { name } } }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query RankedFits($filter: FitFilter, $first: Int, $after: String) { fits(segmentKey: \"all\", filter: $filter, first: $first, after: $after) {\n  totalCount pageInfo { hasNextPage endCursor } edges { cursor node { score tier account { id externalId } } } } }\n"): (typeof documents)["\n  query RankedFits($filter: FitFilter, $first: Int, $after: String) { fits(segmentKey: \"all\", filter: $filter, first: $first, after: $after) {\n  totalCount pageInfo { hasNextPage endCursor } edges { cursor node { score tier account { id externalId } } } } }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query FitsOfUnknownSegment { fits(segmentKey: \"nope\") { totalCount } }\n"): (typeof documents)["\n  query FitsOfUnknownSegment { fits(segmentKey: \"nope\") { totalCount } }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ExplainedFitsPage($first: Int) { fits(segmentKey: \"all\", first: $first) { edges { node {\n      score tier action overridden account { name domain attributes } version { number contentHash segment { key } } segment { key liveVersion { number } }\n      computed { score tier completeness missingAttributes disqualifiedBy version { number } account { externalId }\n        dimensions { dimension weight score criteria { attribute operator matched missing points earned } } } } } } }\n"): (typeof documents)["\n  query ExplainedFitsPage($first: Int) { fits(segmentKey: \"all\", first: $first) { edges { node {\n      score tier action overridden account { name domain attributes } version { number contentHash segment { key } } segment { key liveVersion { number } }\n      computed { score tier completeness missingAttributes disqualifiedBy version { number } account { externalId }\n        dimensions { dimension weight score criteria { attribute operator matched missing points earned } } } } } } }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query AccountsWithTheirFits { accounts(first: 100, filter: { segmentKey: \"all\" }) { edges { node { externalId fit(segmentKey: \"all\") { score tier computed { completeness } } fits { segment { key } tier } } } } }\n"): (typeof documents)["\n  query AccountsWithTheirFits { accounts(first: 100, filter: { segmentKey: \"all\" }) { edges { node { externalId fit(segmentKey: \"all\") { score tier computed { completeness } } fits { segment { key } tier } } } } }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ExplainedAccountFit($id: ID) { account(id: $id) { fit(segmentKey: \"all\") { score tier overridden version { number }\n      computed { score completeness missingAttributes disqualifiedBy dimensions { dimension score criteria { attribute matched missing earned } } } } } }\n"): (typeof documents)["\n  query ExplainedAccountFit($id: ID) { account(id: $id) { fit(segmentKey: \"all\") { score tier overridden version { number }\n      computed { score completeness missingAttributes disqualifiedBy dimensions { dimension score criteria { attribute matched missing earned } } } } } }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query CoreTierDashboard { tierDashboard(segmentKey: \"core\") { version { number } tiers { tier accounts } } }\n"): (typeof documents)["\n  query CoreTierDashboard { tierDashboard(segmentKey: \"core\") { version { number } tiers { tier accounts } } }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query MissingTierDashboard { tierDashboard(segmentKey: \"missing\") { tiers { tier } } }\n"): (typeof documents)["\n  query MissingTierDashboard { tierDashboard(segmentKey: \"missing\") { tiers { tier } } }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query QueryTypename { __typename }\n"): (typeof documents)["\n  query QueryTypename { __typename }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query AcmeAccountId { account(externalId: \"acme\") { id } }\n"): (typeof documents)["\n  query AcmeAccountId { account(externalId: \"acme\") { id } }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query AccountsMatching($f: AccountFilter) { accounts(filter: $f) { totalCount } }\n"): (typeof documents)["\n  query AccountsMatching($f: AccountFilter) { accounts(filter: $f) { totalCount } }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query AuditEventsMatching($f: AuditFilter) { auditEvents(filter: $f) { totalCount } }\n"): (typeof documents)["\n  query AuditEventsMatching($f: AuditFilter) { auditEvents(filter: $f) { totalCount } }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query OverridesAfter($a: String) { overrides(after: $a) { totalCount } }\n"): (typeof documents)["\n  query OverridesAfter($a: String) { overrides(after: $a) { totalCount } }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ImportedAccount($e: String) { account(externalId: $e) { name domain attributes explicitSegments } }\n"): (typeof documents)["\n  query ImportedAccount($e: String) { account(externalId: $e) { name domain attributes explicitSegments } }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query TimedFit($id: ID!) { account(id: $id) { fit(segmentKey: \"timed\") { score tier computed { validFrom nextChangeAt } } } }\n"): (typeof documents)["\n  query TimedFit($id: ID!) { account(id: $id) { fit(segmentKey: \"timed\") { score tier computed { validFrom nextChangeAt } } } }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query SharedFitVersions { fits(segmentKey: \"shared\", first: 100) { totalCount edges { node { version { number } } } } }\n"): (typeof documents)["\n  query SharedFitVersions { fits(segmentKey: \"shared\", first: 100) { totalCount edges { node { version { number } } } } }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query CoreFitOfAccount($id: ID!) {\n    account(id: $id) {\n      fit(segmentKey: \"core\") { score tier action overridden override { id tier status } computed { score tier } }\n      fits { tier overridden }\n    }\n  }\n"): (typeof documents)["\n  query CoreFitOfAccount($id: ID!) {\n    account(id: $id) {\n      fit(segmentKey: \"core\") { score tier action overridden override { id tier status } computed { score tier } }\n      fits { tier overridden }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query CoreFitsByEffectiveValues($filter: FitFilter) {\n    fits(segmentKey: \"core\", filter: $filter, first: 50) { totalCount edges { node { score tier overridden account { externalId } } } }\n  }\n"): (typeof documents)["\n  query CoreFitsByEffectiveValues($filter: FitFilter) {\n    fits(segmentKey: \"core\", filter: $filter, first: 50) { totalCount edges { node { score tier overridden account { externalId } } } }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query OverrideStatuses($f: OverrideFilter) { overrides(filter: $f) { edges { node { id status } } } }\n"): (typeof documents)["\n  query OverrideStatuses($f: OverrideFilter) { overrides(filter: $f) { edges { node { id status } } } }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query OverrideIds($f: OverrideFilter) { overrides(filter: $f) { edges { node { id } } } }\n"): (typeof documents)["\n  query OverrideIds($f: OverrideFilter) { overrides(filter: $f) { edges { node { id } } } }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation PublishFlaggingOverrides($id: ID!) { publishVersion(id: $id) { overridesFlagged } }\n"): (typeof documents)["\n  mutation PublishFlaggingOverrides($id: ID!) { publishVersion(id: $id) { overridesFlagged } }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query OverridesToReview {\n    overrides(filter: { needsReview: true }) { totalCount edges { node { account { externalId } computedTier needsReview } } }\n  }\n"): (typeof documents)["\n  query OverridesToReview {\n    overrides(filter: { needsReview: true }) { totalCount edges { node { account { externalId } computedTier needsReview } } }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query AuditorsOverrides($f: OverrideFilter, $first: Int, $after: String) {\n    overrides(filter: $f, first: $first, after: $after) {\n      totalCount pageInfo { hasNextPage endCursor } edges { node { createdAt createdBy status account { externalId } } }\n    }\n  }\n"): (typeof documents)["\n  query AuditorsOverrides($f: OverrideFilter, $first: Int, $after: String) {\n    overrides(filter: $f, first: $first, after: $after) {\n      totalCount pageInfo { hasNextPage endCursor } edges { node { createdAt createdBy status account { externalId } } }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query AccountOverrideIds($id: ID!) { account(id: $id) { overrides { id } } }\n"): (typeof documents)["\n  query AccountOverrideIds($id: ID!) { account(id: $id) { overrides { id } } }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query AccountCoreOverrideStatuses($id: ID!) { account(id: $id) { overrides(segmentKey: \"core\") { status } } }\n"): (typeof documents)["\n  query AccountCoreOverrideStatuses($id: ID!) { account(id: $id) { overrides(segmentKey: \"core\") { status } } }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query BulkDashboardVersion { tierDashboard(segmentKey: \"bulk\") { version { number } } }\n"): (typeof documents)["\n  query BulkDashboardVersion { tierDashboard(segmentKey: \"bulk\") { version { number } } }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query CachedFitsPage { fits(segmentKey: \"cached\", first: 5) { edges { node { score version { number } segment { name liveVersion { number } } } } } }\n"): (typeof documents)["\n  query CachedFitsPage { fits(segmentKey: \"cached\", first: 5) { edges { node { score version { number } segment { name liveVersion { number } } } } } }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query PublishedAccountId($externalId: String!) { account(externalId: $externalId) { id } }\n"): (typeof documents)["\n  query PublishedAccountId($externalId: String!) { account(externalId: $externalId) { id } }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation CancelFlippingPublish($id: ID!) { cancelPublish(jobId: $id) { id } }\n"): (typeof documents)["\n  mutation CancelFlippingPublish($id: ID!) { cancelPublish(jobId: $id) { id } }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation CancelPublish($id: ID!) { cancelPublish(jobId: $id) { ...PublishJobFields } }\n"): (typeof documents)["\n  mutation CancelPublish($id: ID!) { cancelPublish(jobId: $id) { ...PublishJobFields } }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query HistoryOfPublished($externalId: String!, $segmentKey: String!) {\n    account(externalId: $externalId) {\n      fit(segmentKey: $segmentKey) { version { number } computed { validFrom } }\n      scoreHistory(segmentKey: $segmentKey) { version { number } validFrom validTo }\n    }\n  }\n"): (typeof documents)["\n  query HistoryOfPublished($externalId: String!, $segmentKey: String!) {\n    account(externalId: $externalId) {\n      fit(segmentKey: $segmentKey) { version { number } computed { validFrom } }\n      scoreHistory(segmentKey: $segmentKey) { version { number } validFrom validTo }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query PublishJobsOfQueued { publishJobs(segmentKey: \"queued\") { id state version { number } } }\n"): (typeof documents)["\n  query PublishJobsOfQueued { publishJobs(segmentKey: \"queued\") { id state version { number } } }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query LiveVersionNumber($key: String!) { segment(key: $key) { liveVersion { number } } }\n"): (typeof documents)["\n  query LiveVersionNumber($key: String!) { segment(key: $key) { liveVersion { number } } }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query SegmentFitsWithVersions($segmentKey: String!) {\n    fits(segmentKey: $segmentKey, first: 100) { edges { node { score tier version { number } account { externalId } } } }\n  }\n"): (typeof documents)["\n  query SegmentFitsWithVersions($segmentKey: String!) {\n    fits(segmentKey: $segmentKey, first: 100) { edges { node { score tier version { number } account { externalId } } } }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ReadersFitVersionsCounted { fits(segmentKey: \"readers\", first: 100) { totalCount edges { node { version { number } } } } }\n"): (typeof documents)["\n  query ReadersFitVersionsCounted { fits(segmentKey: \"readers\", first: 100) { totalCount edges { node { version { number } } } } }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ReadersFitVersions { fits(segmentKey: \"readers\", first: 100) { edges { node { version { number } } } } }\n"): (typeof documents)["\n  query ReadersFitVersions { fits(segmentKey: \"readers\", first: 100) { edges { node { version { number } } } } }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query AttributeCatalogue { attributes { key type dimension } }\n"): (typeof documents)["\n  query AttributeCatalogue { attributes { key type dimension } }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation DefineAttribute($input: AttributeInput!) { defineAttribute(input: $input) { key type dimension description } }\n"): (typeof documents)["\n  mutation DefineAttribute($input: AttributeInput!) { defineAttribute(input: $input) { key type dimension description } }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query VersionExists($id: ID!) { icpVersion(id: $id) { id } }\n"): (typeof documents)["\n  query VersionExists($id: ID!) { icpVersion(id: $id) { id } }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query EpsilonVersionNumbers { segment(key: \"epsilon\") { versions { number } } }\n"): (typeof documents)["\n  query EpsilonVersionNumbers { segment(key: \"epsilon\") { versions { number } } }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query MalformedVersionId { icpVersion(id: \"nope\") { id } }\n"): (typeof documents)["\n  query MalformedVersionId { icpVersion(id: \"nope\") { id } }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ZetaLiveVersion { segment(key: \"zeta\") { liveVersion { number } versions { number status } } }\n"): (typeof documents)["\n  query ZetaLiveVersion { segment(key: \"zeta\") { liveVersion { number } versions { number status } } }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query VersionPublishedEvents($entityId: String) {\n    auditEvents(filter: { action: \"version.published\", entityId: $entityId }) { edges { node { before after } } }\n  }\n"): (typeof documents)["\n  query VersionPublishedEvents($entityId: String) {\n    auditEvents(filter: { action: \"version.published\", entityId: $entityId }) { edges { node { before after } } }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query VersionDiff($a: ID!, $b: ID!) { versionDiff(fromId: $a, toId: $b) { from { number } to { number } changes { path kind before after } } }\n"): (typeof documents)["\n  query VersionDiff($a: ID!, $b: ID!) { versionDiff(fromId: $a, toId: $b) { from { number } to { number } changes { path kind before after } } }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query RelayFitsPage($segmentKey: String!, $filter: FitFilter, $first: Int, $after: String, $last: Int, $before: String) {\n    fits(segmentKey: $segmentKey, filter: $filter, first: $first, after: $after, last: $last, before: $before) {\n      pageInfo { hasNextPage hasPreviousPage startCursor endCursor } edges { cursor node { id score account { id } } } nodes { id }\n    }\n  }\n"): (typeof documents)["\n  query RelayFitsPage($segmentKey: String!, $filter: FitFilter, $first: Int, $after: String, $last: Int, $before: String) {\n    fits(segmentKey: $segmentKey, filter: $filter, first: $first, after: $after, last: $last, before: $before) {\n      pageInfo { hasNextPage hasPreviousPage startCursor endCursor } edges { cursor node { id score account { id } } } nodes { id }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query AllAccountIds { accounts(first: 500) { nodes { id } } }\n"): (typeof documents)["\n  query AllAccountIds { accounts(first: 500) { nodes { id } } }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query AccountIdsBackward($last: Int, $before: String) {\n    accounts(last: $last, before: $before) { nodes { id } pageInfo { startCursor hasPreviousPage hasNextPage } }\n  }\n"): (typeof documents)["\n  query AccountIdsBackward($last: Int, $before: String) {\n    accounts(last: $last, before: $before) { nodes { id } pageInfo { startCursor hasPreviousPage hasNextPage } }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query AllOverrideEventIds { auditEvents(first: 500, filter: { entityType: \"Override\" }) { nodes { id } } }\n"): (typeof documents)["\n  query AllOverrideEventIds { auditEvents(first: 500, filter: { entityType: \"Override\" }) { nodes { id } } }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query OverrideEventIdsBackward($last: Int, $before: String) {\n    auditEvents(filter: { entityType: \"Override\" }, last: $last, before: $before) {\n      nodes { id } pageInfo { startCursor hasPreviousPage hasNextPage }\n    }\n  }\n"): (typeof documents)["\n  query OverrideEventIdsBackward($last: Int, $before: String) {\n    auditEvents(filter: { entityType: \"Override\" }, last: $last, before: $before) {\n      nodes { id } pageInfo { startCursor hasPreviousPage hasNextPage }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query AllOverrideIds { overrides(first: 500) { nodes { id } } }\n"): (typeof documents)["\n  query AllOverrideIds { overrides(first: 500) { nodes { id } } }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query OverrideIdsBackward($last: Int, $before: String) {\n    overrides(last: $last, before: $before) { nodes { id } pageInfo { startCursor hasPreviousPage hasNextPage } }\n  }\n"): (typeof documents)["\n  query OverrideIdsBackward($last: Int, $before: String) {\n    overrides(last: $last, before: $before) { nodes { id } pageInfo { startCursor hasPreviousPage hasNextPage } }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query AccountsWindow($first: Int, $after: String, $last: Int, $before: String) {\n    accounts(first: $first, after: $after, last: $last, before: $before) {\n      edges { cursor node { id } } pageInfo { hasNextPage hasPreviousPage startCursor endCursor }\n    }\n  }\n"): (typeof documents)["\n  query AccountsWindow($first: Int, $after: String, $last: Int, $before: String) {\n    accounts(first: $first, after: $after, last: $last, before: $before) {\n      edges { cursor node { id } } pageInfo { hasNextPage hasPreviousPage startCursor endCursor }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query OverridesWindow($first: Int, $after: String, $last: Int, $before: String) {\n    overrides(first: $first, after: $after, last: $last, before: $before) {\n      edges { cursor node { id } } pageInfo { hasNextPage hasPreviousPage startCursor endCursor }\n    }\n  }\n"): (typeof documents)["\n  query OverridesWindow($first: Int, $after: String, $last: Int, $before: String) {\n    overrides(first: $first, after: $after, last: $last, before: $before) {\n      edges { cursor node { id } } pageInfo { hasNextPage hasPreviousPage startCursor endCursor }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query AccountsEndCursor { accounts(first: 2) { pageInfo { endCursor } } }\n"): (typeof documents)["\n  query AccountsEndCursor { accounts(first: 2) { pageInfo { endCursor } } }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query NodeByGlobalId($id: ID!) {\n    node(id: $id) {\n      __typename id\n      ... on Account { externalId } ... on Segment { key } ... on IcpVersion { number } ... on Override { tier }\n      ... on Opportunity { externalId } ... on ApiKey { name } ... on Fit { score account { externalId } segment { key } }\n    }\n  }\n"): (typeof documents)["\n  query NodeByGlobalId($id: ID!) {\n    node(id: $id) {\n      __typename id\n      ... on Account { externalId } ... on Segment { key } ... on IcpVersion { number } ... on Override { tier }\n      ... on Opportunity { externalId } ... on ApiKey { name } ... on Fit { score account { externalId } segment { key } }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query IdsOfEveryType {\n    account(externalId: \"known\") { id fit(segmentKey: \"all\") { id score } opportunities { id } overrides { id } }\n    segment(key: \"all\") { id liveVersion { id } }\n    apiKeys { id name }\n    overrides(first: 1) { nodes { id tier } }\n  }\n"): (typeof documents)["\n  query IdsOfEveryType {\n    account(externalId: \"known\") { id fit(segmentKey: \"all\") { id score } opportunities { id } overrides { id } }\n    segment(key: \"all\") { id liveVersion { id } }\n    apiKeys { id name }\n    overrides(first: 1) { nodes { id tier } }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query NodesTypenames($ids: [ID!]!) { nodes(ids: $ids) { __typename id } }\n"): (typeof documents)["\n  query NodesTypenames($ids: [ID!]!) { nodes(ids: $ids) { __typename id } }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query KnownFitIds { account(externalId: \"known\") { id fits { id segment { key } } fit(segmentKey: \"other\") { id } } }\n"): (typeof documents)["\n  query KnownFitIds { account(externalId: \"known\") { id fits { id segment { key } } fit(segmentKey: \"other\") { id } } }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query IdsOfGuardedTypes { apiKeys { id } overrides(first: 1) { nodes { id } } segment(key: \"all\") { id } }\n"): (typeof documents)["\n  query IdsOfGuardedTypes { apiKeys { id } overrides(first: 1) { nodes { id } } segment(key: \"all\") { id } }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query NodesIds($ids: [ID!]!) { nodes(ids: $ids) { id } }\n"): (typeof documents)["\n  query NodesIds($ids: [ID!]!) { nodes(ids: $ids) { id } }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query KnownOtherFitId { account(externalId: \"known\") { fit(segmentKey: \"other\") { id } } }\n"): (typeof documents)["\n  query KnownOtherFitId { account(externalId: \"known\") { fit(segmentKey: \"other\") { id } } }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query NodeId($id: ID!) { node(id: $id) { id } }\n"): (typeof documents)["\n  query NodeId($id: ID!) { node(id: $id) { id } }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query KnownCriteriaInWords {\n    account(externalId: \"known\") {\n      fit(segmentKey: \"all\") { computed { dimensions { criteria { attribute value explanation matched missing } } } }\n    }\n  }\n"): (typeof documents)["\n  query KnownCriteriaInWords {\n    account(externalId: \"known\") {\n      fit(segmentKey: \"all\") { computed { dimensions { criteria { attribute value explanation matched missing } } } }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query PreviewEmployeesInWords($v: ID!) {\n    previewScore(versionId: $v, attributes: { employees: 12 }) { dimensions { criteria { attribute value explanation } } }\n  }\n"): (typeof documents)["\n  query PreviewEmployeesInWords($v: ID!) {\n    previewScore(versionId: $v, attributes: { employees: 12 }) { dimensions { criteria { attribute value explanation } } }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query AllLiveVersionId { segment(key: \"all\") { liveVersion { id } } }\n"): (typeof documents)["\n  query AllLiveVersionId { segment(key: \"all\") { liveVersion { id } } }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query RoleAndPermissions { me { role permissions } }\n"): (typeof documents)["\n  query RoleAndPermissions { me { role permissions } }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query SegmentsLiveNumbers { segments { key liveVersion { number } } }\n"): (typeof documents)["\n  query SegmentsLiveNumbers { segments { key liveVersion { number } } }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Dashboard {\n    segments { key }\n    report: exceptions(segmentKey: \"all\") { exceptions { account { ...DashboardCard } } }\n    apiKeys { id }\n  }\n  fragment DashboardCard on Account { name overrides { id } }\n"): (typeof documents)["\n  query Dashboard {\n    segments { key }\n    report: exceptions(segmentKey: \"all\") { exceptions { account { ...DashboardCard } } }\n    apiKeys { id }\n  }\n  fragment DashboardCard on Account { name overrides { id } }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query KnownConnections {\n    account(externalId: \"known\") {\n      opportunities { id }\n      opportunitiesConnection(first: 1) { totalCount nodes { id } pageInfo { hasNextPage } }\n      scoreHistory(segmentKey: \"other\") { computedAt version { number } }\n      historyBack: scoreHistoryConnection(segmentKey: \"other\", last: 1) {\n        totalCount nodes { computedAt version { number } } pageInfo { hasPreviousPage startCursor }\n      }\n    }\n    segment(key: \"other\") { versions { number } versionsConnection(last: 1) { nodes { number } pageInfo { hasPreviousPage startCursor } } }\n  }\n"): (typeof documents)["\n  query KnownConnections {\n    account(externalId: \"known\") {\n      opportunities { id }\n      opportunitiesConnection(first: 1) { totalCount nodes { id } pageInfo { hasNextPage } }\n      scoreHistory(segmentKey: \"other\") { computedAt version { number } }\n      historyBack: scoreHistoryConnection(segmentKey: \"other\", last: 1) {\n        totalCount nodes { computedAt version { number } } pageInfo { hasPreviousPage startCursor }\n      }\n    }\n    segment(key: \"other\") { versions { number } versionsConnection(last: 1) { nodes { number } pageInfo { hasPreviousPage startCursor } } }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query OtherVersionsBefore($b: String) { segment(key: \"other\") { versionsConnection(last: 10, before: $b) { nodes { number } } } }\n"): (typeof documents)["\n  query OtherVersionsBefore($b: String) { segment(key: \"other\") { versionsConnection(last: 10, before: $b) { nodes { number } } } }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query AllVersionsBefore($b: String) { segment(key: \"all\") { versionsConnection(last: 1, before: $b) { nodes { number } } } }\n"): (typeof documents)["\n  query AllVersionsBefore($b: String) { segment(key: \"all\") { versionsConnection(last: 1, before: $b) { nodes { number } } } }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query AllExceptionsConnection {\n    exceptions(segmentKey: \"all\") {\n      exceptions { kind account { id } }\n      exceptionsConnection(first: 2) { totalCount edges { node { kind account { id } } } }\n    }\n  }\n"): (typeof documents)["\n  query AllExceptionsConnection {\n    exceptions(segmentKey: \"all\") {\n      exceptions { kind account { id } }\n      exceptionsConnection(first: 2) { totalCount edges { node { kind account { id } } } }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query KnownOtherFit { account(externalId: \"known\") { id fit(segmentKey: \"other\") { id tier computed { tier } } } }\n"): (typeof documents)["\n  query KnownOtherFit { account(externalId: \"known\") { id fit(segmentKey: \"other\") { id tier computed { tier } } } }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation OverrideFitReturningFit($input: OverrideFitInput!) { overrideFit(input: $input) { id fit { id tier overridden } } }\n"): (typeof documents)["\n  mutation OverrideFitReturningFit($input: OverrideFitInput!) { overrideFit(input: $input) { id fit { id tier overridden } } }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation RevokeOverrideReturningFit($id: ID!) {\n    revokeOverride(id: $id, reason: \"The pilot was cancelled by their board last week.\") { fit { id tier overridden } }\n  }\n"): (typeof documents)["\n  mutation RevokeOverrideReturningFit($id: ID!) {\n    revokeOverride(id: $id, reason: \"The pilot was cancelled by their board last week.\") { fit { id tier overridden } }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation UpsertAccountsReturningFits($a: [AccountInput!]!) {\n    upsertAccounts(accounts: $a) { updated fits { id account { externalId } segment { key } } }\n  }\n"): (typeof documents)["\n  mutation UpsertAccountsReturningFits($a: [AccountInput!]!) {\n    upsertAccounts(accounts: $a) { updated fits { id account { externalId } segment { key } } }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query KnownAttributeList {\n    account(externalId: \"known\") {\n      attributes attributeList { key type value numberValue stringValue stringListValue booleanValue dateValue }\n    }\n  }\n"): (typeof documents)["\n  query KnownAttributeList {\n    account(externalId: \"known\") {\n      attributes attributeList { key type value numberValue stringValue stringListValue booleanValue dateValue }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query OtherVersionStatuses { segment(key: \"other\") { versions { id status } } }\n"): (typeof documents)["\n  query OtherVersionStatuses { segment(key: \"other\") { versions { id status } } }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query OtherMetricDeltas { conversionComparison(segmentKey: \"other\") { deltas { metric kind } } }\n"): (typeof documents)["\n  query OtherMetricDeltas { conversionComparison(segmentKey: \"other\") { deltas { metric kind } } }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query AccountCId { account(externalId: \"C\") { id } }\n"): (typeof documents)["\n  query AccountCId { account(externalId: \"C\") { id } }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment ReportMetrics on ConversionMetrics {\n    leads convertedLeads leadToOpportunityRate opportunities openOpportunities closed won winRate medianSalesCycleDays averageDealSize revenue\n  }\n"): (typeof documents)["\n  fragment ReportMetrics on ConversionMetrics {\n    leads convertedLeads leadToOpportunityRate opportunities openOpportunities closed won winRate medianSalesCycleDays averageDealSize revenue\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment ReportDelta on MetricDelta { metric before after absoluteChange relativeChange ciLow ciHigh pValue adjustedPValue significant }\n"): (typeof documents)["\n  fragment ReportDelta on MetricDelta { metric before after absoluteChange relativeChange ciLow ciHigh pValue adjustedPValue significant }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query AccountCOpportunities { account(externalId: \"C\") { opportunities { externalId outcome amount } } }\n"): (typeof documents)["\n  query AccountCOpportunities { account(externalId: \"C\") { opportunities { externalId outcome amount } } }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query RepTierDashboard { tierDashboard(segmentKey: \"rep\") { version { number } tiers { tier accounts opportunities won winRate revenue } } }\n"): (typeof documents)["\n  query RepTierDashboard { tierDashboard(segmentKey: \"rep\") { version { number } tiers { tier accounts opportunities won winRate revenue } } }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query RepTierDashboardOfVersion($v: ID) { tierDashboard(segmentKey: \"rep\", versionId: $v) { tiers { tier accounts opportunities won revenue } } }\n"): (typeof documents)["\n  query RepTierDashboardOfVersion($v: ID) { tierDashboard(segmentKey: \"rep\", versionId: $v) { tiers { tier accounts opportunities won revenue } } }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query RepConversionComparison {\n    conversionComparison(segmentKey: \"rep\") {\n      before { version { number } from to metrics { ...ReportMetrics } }\n      after { version { number } from to metrics { ...ReportMetrics } }\n      deltas { ...ReportDelta } followUpDays warnings\n      byTier { tier before { opportunities won } after { opportunities won leads } deltas { ...ReportDelta } }\n    }\n  }\n"): (typeof documents)["\n  query RepConversionComparison {\n    conversionComparison(segmentKey: \"rep\") {\n      before { version { number } from to metrics { ...ReportMetrics } }\n      after { version { number } from to metrics { ...ReportMetrics } }\n      deltas { ...ReportDelta } followUpDays warnings\n      byTier { tier before { opportunities won } after { opportunities won leads } deltas { ...ReportDelta } }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query RepComparisonFollowedUp($f: Int) {\n    conversionComparison(segmentKey: \"rep\", followUpDays: $f) {\n      followUpDays before { from to metrics { ...ReportMetrics } } after { from to metrics { ...ReportMetrics } } deltas { metric pValue } warnings\n    }\n  }\n"): (typeof documents)["\n  query RepComparisonFollowedUp($f: Int) {\n    conversionComparison(segmentKey: \"rep\", followUpDays: $f) {\n      followUpDays before { from to metrics { ...ReportMetrics } } after { from to metrics { ...ReportMetrics } } deltas { metric pValue } warnings\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query RepComparisonWithoutFollowUp { conversionComparison(segmentKey: \"rep\", followUpDays: 0) { warnings } }\n"): (typeof documents)["\n  query RepComparisonWithoutFollowUp { conversionComparison(segmentKey: \"rep\", followUpDays: 0) { warnings } }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query HolmComparisonByTier { conversionComparison(segmentKey: \"holm\") { byTier { tier deltas { ...ReportDelta } } } }\n"): (typeof documents)["\n  query HolmComparisonByTier { conversionComparison(segmentKey: \"holm\") { byTier { tier deltas { ...ReportDelta } } } }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query RepComparisonInWindow {\n    conversionComparison(segmentKey: \"rep\", windowDays: 31) {\n      before { from to metrics { opportunities leads } } after { from to metrics { opportunities leads } }\n    }\n  }\n"): (typeof documents)["\n  query RepComparisonInWindow {\n    conversionComparison(segmentKey: \"rep\", windowDays: 31) {\n      before { from to metrics { opportunities leads } } after { from to metrics { opportunities leads } }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query RepComparisonWithoutWindow { conversionComparison(segmentKey: \"rep\", windowDays: 0) { deltas { metric } } }\n"): (typeof documents)["\n  query RepComparisonWithoutWindow { conversionComparison(segmentKey: \"rep\", windowDays: 0) { deltas { metric } } }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query RepExceptions {\n    exceptions(segmentKey: \"rep\", from: \"2026-01-01T00:00:00Z\", to: \"2026-06-01T00:00:00Z\") {\n      exceptions { account { externalId } kind computedTier effectiveTier override { tier } opportunities won revenue }\n      exceptionWinRate inIcpWinRate shareOfPipeline withinCapacity recommendation\n    }\n  }\n"): (typeof documents)["\n  query RepExceptions {\n    exceptions(segmentKey: \"rep\", from: \"2026-01-01T00:00:00Z\", to: \"2026-06-01T00:00:00Z\") {\n      exceptions { account { externalId } kind computedTier effectiveTier override { tier } opportunities won revenue }\n      exceptionWinRate inIcpWinRate shareOfPipeline withinCapacity recommendation\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query NarrowExceptions { exceptions(segmentKey: \"narrow\") { exceptionWinRate inIcpWinRate shareOfPipeline withinCapacity recommendation } }\n"): (typeof documents)["\n  query NarrowExceptions { exceptions(segmentKey: \"narrow\") { exceptionWinRate inIcpWinRate shareOfPipeline withinCapacity recommendation } }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Backtest($v: ID!) {\n    backtest(versionId: $v) {\n      version { number } baseline { number } accountsScored\n      migration { from to accounts }\n      tiers { tier accounts closedOpportunities won winRate lift }\n      baselineTiers { tier accounts closedOpportunities won }\n      auc baselineAuc\n    }\n  }\n"): (typeof documents)["\n  query Backtest($v: ID!) {\n    backtest(versionId: $v) {\n      version { number } baseline { number } accountsScored\n      migration { from to accounts }\n      tiers { tier accounts closedOpportunities won winRate lift }\n      baselineTiers { tier accounts closedOpportunities won }\n      auc baselineAuc\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query RepOpportunitiesByTier { tierDashboard(segmentKey: \"rep\") { tiers { tier opportunities } } }\n"): (typeof documents)["\n  query RepOpportunitiesByTier { tierDashboard(segmentKey: \"rep\") { tiers { tier opportunities } } }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ForbiddenFieldInFragment { ...SegmentsAndApiKeys } fragment SegmentsAndApiKeys on Query { segments { key } apiKeys { id } }\n"): (typeof documents)["\n  query ForbiddenFieldInFragment { ...SegmentsAndApiKeys } fragment SegmentsAndApiKeys on Query { segments { key } apiKeys { id } }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query DemoVersionStatuses { segments { key liveVersion { number } versions { status } } }\n"): (typeof documents)["\n  query DemoVersionStatuses { segments { key liveVersion { number } versions { status } } }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query SegmentsAndIntegrity { segments { key } auditIntegrity { ok checkedEvents } }\n"): (typeof documents)["\n  query SegmentsAndIntegrity { segments { key } auditIntegrity { ok checkedEvents } }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query RoleAndSegments { me { role } segments { key } }\n"): (typeof documents)["\n  query RoleAndSegments { me { role } segments { key } }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  subscription CoreFitChanged { fitChanged(segmentKey: \"core\") { eventId cause before { tier } after { score tier overridden } account { externalId } segment { key } version { number } } }\n"): (typeof documents)["\n  subscription CoreFitChanged { fitChanged(segmentKey: \"core\") { eventId cause before { tier } after { score tier overridden } account { externalId } segment { key } version { number } } }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  subscription CoreFitChangedIds { fitChanged(segmentKey: \"core\") { eventId } }\n"): (typeof documents)["\n  subscription CoreFitChangedIds { fitChanged(segmentKey: \"core\") { eventId } }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query CatchUpHistory($id: ID!, $segment: String!) {\n    account(id: $id) { scoreHistory(segmentKey: $segment) { score tier validFrom validTo nextChangeAt } }\n  }\n"): (typeof documents)["\n  query CatchUpHistory($id: ID!, $segment: String!) {\n    account(id: $id) { scoreHistory(segmentKey: $segment) { score tier validFrom validTo nextChangeAt } }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query EngagedMembers {\n    accounts(first: 10, filter: { segmentKey: \"engaged\" }) { edges { node { externalId } } }\n    fits(segmentKey: \"engaged\", first: 10) { edges { node { account { externalId } score tier computed { validFrom } } } }\n  }\n"): (typeof documents)["\n  query EngagedMembers {\n    accounts(first: 10, filter: { segmentKey: \"engaged\" }) { edges { node { externalId } } }\n    fits(segmentKey: \"engaged\", first: 10) { edges { node { account { externalId } score tier computed { validFrom } } } }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query DecayFitAndHistory($id: ID!) { account(id: $id) {\n  fit(segmentKey: \"decay\") { score tier action overridden\n    computed { score tier validFrom validTo nextChangeAt dimensions { dimension key name score criteria { attribute operator band earned matched } } } }\n  scoreHistory(segmentKey: \"decay\") { score tier validFrom validTo nextChangeAt } } }\n"): (typeof documents)["\n  query DecayFitAndHistory($id: ID!) { account(id: $id) {\n  fit(segmentKey: \"decay\") { score tier action overridden\n    computed { score tier validFrom validTo nextChangeAt dimensions { dimension key name score criteria { attribute operator band earned matched } } } }\n  scoreHistory(segmentKey: \"decay\") { score tier validFrom validTo nextChangeAt } } }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query DecayVersionBands($id: ID!) { icpVersion(id: $id) { definition { dimensions { dimension key name\n      criteria { operator points bands { min max maxAgeDays points } } } } } }\n"): (typeof documents)["\n  query DecayVersionBands($id: ID!) { icpVersion(id: $id) { definition { dimensions { dimension key name\n      criteria { operator points bands { min max maxAgeDays points } } } } } }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query PreviewDecayBands($v: ID!, $a: JSON!) { previewScore(versionId: $v, attributes: $a) {\n      score tier computedAt validFrom validTo nextChangeAt dimensions { key criteria { band } } } }\n"): (typeof documents)["\n  query PreviewDecayBands($v: ID!, $a: JSON!) { previewScore(versionId: $v, attributes: $a) {\n      score tier computedAt validFrom validTo nextChangeAt dimensions { key criteria { band } } } }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query DecayFits { fits(segmentKey: \"decay\", first: 10) { edges { node { account { externalId } score tier computed { tier } } } } }\n"): (typeof documents)["\n  query DecayFits { fits(segmentKey: \"decay\", first: 10) { edges { node { account { externalId } score tier computed { tier } } } } }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query WebhookDeliveriesPage($id: ID!) { webhookDeliveries(webhookId: $id, first: 50) { totalCount edges { node { status attempts lastStatusCode eventIds deliveredAt } } } }\n"): (typeof documents)["\n  query WebhookDeliveriesPage($id: ID!) { webhookDeliveries(webhookId: $id, first: 50) { totalCount edges { node { status attempts lastStatusCode eventIds deliveredAt } } } }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query WebhookDeliveries($id: ID!) { webhookDeliveries(webhookId: $id) { edges { node { id status attempts lastStatusCode lastError } } } }\n"): (typeof documents)["\n  query WebhookDeliveries($id: ID!) { webhookDeliveries(webhookId: $id) { edges { node { id status attempts lastStatusCode lastError } } } }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation RedeliverWebhook($id: ID!) { redeliverWebhook(deliveryId: $id) { id status } }\n"): (typeof documents)["\n  mutation RedeliverWebhook($id: ID!) { redeliverWebhook(deliveryId: $id) { id status } }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query WebhookIds { webhooks { id } }\n"): (typeof documents)["\n  query WebhookIds { webhooks { id } }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query WebhookUrls { webhooks { id url } }\n"): (typeof documents)["\n  query WebhookUrls { webhooks { id url } }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation DeleteWebhook($id: ID!) { deleteWebhook(id: $id) }\n"): (typeof documents)["\n  mutation DeleteWebhook($id: ID!) { deleteWebhook(id: $id) }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation UpsertAccounts($accounts: [AccountInput!]!) {\n    upsertAccounts(accounts: $accounts) { created updated unchanged rescored }\n  }\n"): (typeof documents)["\n  mutation UpsertAccounts($accounts: [AccountInput!]!) {\n    upsertAccounts(accounts: $accounts) { created updated unchanged rescored }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query AccountIds { accounts(first: 10) { edges { node { id externalId } } } }\n"): (typeof documents)["\n  query AccountIds { accounts(first: 10) { edges { node { id externalId } } } }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query AuditIntegrityOk { auditIntegrity { ok } }\n"): (typeof documents)["\n  query AuditIntegrityOk { auditIntegrity { ok } }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Me { me { keyId name role } }\n"): (typeof documents)["\n  query Me { me { keyId name role } }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation CreateApiKey($name: String!, $role: Role!) {\n    createApiKey(name: $name, role: $role) { secret apiKey { id name role createdBy revokedAt } }\n  }\n"): (typeof documents)["\n  mutation CreateApiKey($name: String!, $role: Role!) {\n    createApiKey(name: $name, role: $role) { secret apiKey { id name role createdBy revokedAt } }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation RevokeApiKey($id: ID!) { revokeApiKey(id: $id) { id revokedAt } }\n"): (typeof documents)["\n  mutation RevokeApiKey($id: ID!) { revokeApiKey(id: $id) { id revokedAt } }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query PreviewScoreAndTier($v: ID!, $a: JSON!) { previewScore(versionId: $v, attributes: $a) { score tier } }\n"): (typeof documents)["\n  query PreviewScoreAndTier($v: ID!, $a: JSON!) { previewScore(versionId: $v, attributes: $a) { score tier } }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation OverrideFit($input: OverrideFitInput!) {\n    overrideFit(input: $input) {\n      id tier score computedScore computedTier justification category createdBy status needsReview expiresAt\n      account { externalId } segment { key } version { number }\n    }\n  }\n"): (typeof documents)["\n  mutation OverrideFit($input: OverrideFitInput!) {\n    overrideFit(input: $input) {\n      id tier score computedScore computedTier justification category createdBy status needsReview expiresAt\n      account { externalId } segment { key } version { number }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation RevokeOverride($id: ID!, $reason: String!) {\n    revokeOverride(id: $id, reason: $reason) { id status revokedBy revokedAt revokeReason }\n  }\n"): (typeof documents)["\n  mutation RevokeOverride($id: ID!, $reason: String!) {\n    revokeOverride(id: $id, reason: $reason) { id status revokedBy revokedAt revokeReason }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation RecordOpportunities($o: [OpportunityInput!]!) { recordOpportunities(opportunities: $o) { created updated } }\n"): (typeof documents)["\n  mutation RecordOpportunities($o: [OpportunityInput!]!) { recordOpportunities(opportunities: $o) { created updated } }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation RecordLeads($l: [LeadInput!]!) { recordLeads(leads: $l) { created updated } }\n"): (typeof documents)["\n  mutation RecordLeads($l: [LeadInput!]!) { recordLeads(leads: $l) { created updated } }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment PublishJobFields on PublishJob {\n    id state notes effectiveAt requestedBy requestedAt finishedAt accountsTotal accountsScored error version { number status }\n    result { accountsScored overridesFlagged superseded { number } tierChanges { from to accounts } }\n  }\n"): (typeof documents)["\n  fragment PublishJobFields on PublishJob {\n    id state notes effectiveAt requestedBy requestedAt finishedAt accountsTotal accountsScored error version { number status }\n    result { accountsScored overridesFlagged superseded { number } tierChanges { from to accounts } }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation StartPublish($id: ID!, $notes: String, $effectiveAt: DateTime) { startPublish(id: $id, notes: $notes, effectiveAt: $effectiveAt) { ...PublishJobFields } }\n"): (typeof documents)["\n  mutation StartPublish($id: ID!, $notes: String, $effectiveAt: DateTime) { startPublish(id: $id, notes: $notes, effectiveAt: $effectiveAt) { ...PublishJobFields } }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query PublishJob($id: ID!) { publishJob(id: $id) { ...PublishJobFields } }\n"): (typeof documents)["\n  query PublishJob($id: ID!) { publishJob(id: $id) { ...PublishJobFields } }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment VersionFields on IcpVersion {\n    id number status revision contentHash notes createdBy createdAt publishedBy publishedAt effectiveAt supersededAt\n    segment { key } basedOn { id number }\n    definition {\n      dimensions { dimension weight criteria { attribute operator value values min max points label } }\n      disqualifiers { attribute operator value values min max reason }\n      thresholds { perfect strong moderate }\n      actions { tier action }\n    }\n  }\n"): (typeof documents)["\n  fragment VersionFields on IcpVersion {\n    id number status revision contentHash notes createdBy createdAt publishedBy publishedAt effectiveAt supersededAt\n    segment { key } basedOn { id number }\n    definition {\n      dimensions { dimension weight criteria { attribute operator value values min max points label } }\n      disqualifiers { attribute operator value values min max reason }\n      thresholds { perfect strong moderate }\n      actions { tier action }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation CreateSegment($input: CreateSegmentInput!) {\n    createSegment(input: $input) { id key name membership { attribute operator value } }\n  }\n"): (typeof documents)["\n  mutation CreateSegment($input: CreateSegmentInput!) {\n    createSegment(input: $input) { id key name membership { attribute operator value } }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation CreateDraft($segmentKey: String!, $definition: IcpDefinitionInput, $basedOnVersionId: ID, $notes: String) {\n    createDraft(segmentKey: $segmentKey, definition: $definition, basedOnVersionId: $basedOnVersionId, notes: $notes) { ...VersionFields }\n  }\n"): (typeof documents)["\n  mutation CreateDraft($segmentKey: String!, $definition: IcpDefinitionInput, $basedOnVersionId: ID, $notes: String) {\n    createDraft(segmentKey: $segmentKey, definition: $definition, basedOnVersionId: $basedOnVersionId, notes: $notes) { ...VersionFields }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation UpdateDraft($id: ID!, $definition: IcpDefinitionInput!, $expectedRevision: Int!, $notes: String) {\n    updateDraft(id: $id, definition: $definition, expectedRevision: $expectedRevision, notes: $notes) { ...VersionFields }\n  }\n"): (typeof documents)["\n  mutation UpdateDraft($id: ID!, $definition: IcpDefinitionInput!, $expectedRevision: Int!, $notes: String) {\n    updateDraft(id: $id, definition: $definition, expectedRevision: $expectedRevision, notes: $notes) { ...VersionFields }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation PublishVersion($id: ID!, $notes: String, $effectiveAt: DateTime) {\n    publishVersion(id: $id, notes: $notes, effectiveAt: $effectiveAt) {\n      version { id number status effectiveAt publishedAt notes }\n      superseded { id number status supersededAt }\n      accountsScored\n      tierChanges { from to accounts }\n    }\n  }\n"): (typeof documents)["\n  mutation PublishVersion($id: ID!, $notes: String, $effectiveAt: DateTime) {\n    publishVersion(id: $id, notes: $notes, effectiveAt: $effectiveAt) {\n      version { id number status effectiveAt publishedAt notes }\n      superseded { id number status supersededAt }\n      accountsScored\n      tierChanges { from to accounts }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation DiscardDraft($id: ID!) { discardDraft(id: $id) }\n"): (typeof documents)["\n  mutation DiscardDraft($id: ID!) { discardDraft(id: $id) }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query SegmentKeys { segments { key } }\n"): (typeof documents)["\n  query SegmentKeys { segments { key } }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation CreateWebhook($input: WebhookInput!) { createWebhook(input: $input) { secret webhook { id url events segmentKeys active createdBy } } }\n"): (typeof documents)["\n  mutation CreateWebhook($input: WebhookInput!) { createWebhook(input: $input) { secret webhook { id url events segmentKeys active createdBy } } }\n"];

export function graphql(source: string) {
  return (documents as any)[source] ?? {};
}

export type DocumentType<TDocumentNode extends DocumentNode<any, any>> = TDocumentNode extends DocumentNode<  infer TType,  any>  ? TType  : never;