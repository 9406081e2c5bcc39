// An account card that refetches itself through node(id:) (useRefetchableFragment).
import { graphql } from 'react-relay';

export const AccountCardFragment = graphql`
  fragment AccountCard_account on Account
  @refetchable(queryName: "AccountCardRefetchQuery")
  @argumentDefinitions(segmentKey: { type: "String", defaultValue: "enterprise" }) {
    id
    name
    fit(segmentKey: $segmentKey) {
      id
      score
      tier
      overridden
    }
    attributeList {
      key
      type
      value
    }
  }
`;
