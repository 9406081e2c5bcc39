/** The discovery shapes every layer shares (the GraphQL classes over them are in discovery.types.ts). */

/** How accounts are labelled positive or negative from their outcomes (see InsightBasisEnum). */
export type InsightBasis = 'WON_VS_LOST' | 'TOP_VALUE';

/** The test an attribute's two-by-two table is read with. */
export type IndependenceMethod = 'FISHER_EXACT' | 'CHI_SQUARE';
