// A segment's ranking as a Relay connection, paged both ways (usePaginationFragment).
import { graphql } from 'react-relay';

export const RankingFragment = graphql`
  fragment Ranking_query on Query
  @refetchable(queryName: "RankingPaginationQuery")
  @argumentDefinitions(
    segmentKey: { type: "String!" }
    first: { type: "Int", defaultValue: 20 }
    after: { type: "String" }
    last: { type: "Int" }
    before: { type: "String" }
  ) {
    fits(segmentKey: $segmentKey, first: $first, after: $after, last: $last, before: $before)
      @connection(key: "Ranking_fits", filters: ["segmentKey"]) {
      edges {
        node {
          id
          score
          tier
          account {
            id
            name
          }
        }
      }
    }
  }
`;

export const RankingQuery = graphql`
  query RankingQuery($segmentKey: String!) {
    ...Ranking_query @arguments(segmentKey: $segmentKey)
  }
`;
