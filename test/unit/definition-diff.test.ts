import { diffDefinitions } from '../../src/domain/definitions/definition-diff';
import type { IcpDefinitionSpec } from '../../src/model/icp-definition';

const base: IcpDefinitionSpec = {
  dimensions: [
    {
      dimension: 'FIRMOGRAPHICS',
      weight: 60,
      criteria: [
        { attribute: 'industry', operator: 'IN', values: ['saas', 'fintech'], points: 10, label: 'Target industry' },
        { attribute: 'annualRevenue', operator: 'BETWEEN', min: 1_000_000, max: 50_000_000, points: 10 },
      ],
    },
    {
      dimension: 'TECHNOGRAPHICS',
      weight: 40,
      criteria: [{ attribute: 'techStack', operator: 'CONTAINS_ANY', values: ['salesforce'], points: 5 }],
    },
  ],
  disqualifiers: [{ attribute: 'budgetUsd', operator: 'LT', value: 10_000, reason: 'Budget below floor' }],
  thresholds: { perfect: 80, strong: 60, moderate: 40 },
  actions: [
    { tier: 'PERFECT', action: 'ROUTE_TO_AE' },
    { tier: 'STRONG', action: 'PURSUE' },
  ],
};

function variant(edit: (d: IcpDefinitionSpec) => void): IcpDefinitionSpec {
  const d = structuredClone(base);
  edit(d);
  return d;
}

describe('diffDefinitions', () => {
  it('gives [] for identical definitions', () => {
    expect(diffDefinitions(base, structuredClone(base))).toEqual([]);
  });

  it('ignores the order of dimensions, criteria and values', () => {
    const after = variant((d) => {
      d.dimensions.reverse();
      d.dimensions[1].criteria.reverse();
      d.dimensions[1].criteria[1].values = ['fintech', 'saas'];
    });
    expect(diffDefinitions(base, after)).toEqual([]);
  });

  it('reports field changes criterion by criterion', () => {
    const after = variant((d) => {
      d.dimensions[0].weight = 50;
      d.dimensions[1].weight = 50;
      d.dimensions[0].criteria[1].min = 2_000_000;
      d.dimensions[0].criteria[0].values = ['saas', 'healthtech'];
      delete d.dimensions[0].criteria[0].label;
      d.dimensions[1].criteria[0].label = 'CRM';
    });
    expect(diffDefinitions(base, after)).toEqual([
      { path: 'dimensions.firmographics.weight', kind: 'CHANGED', before: 60, after: 50 },
      {
        path: 'dimensions.firmographics.criteria[industry IN].values',
        kind: 'CHANGED',
        before: ['saas', 'fintech'],
        after: ['saas', 'healthtech'],
      },
      { path: 'dimensions.firmographics.criteria[industry IN].label', kind: 'REMOVED', before: 'Target industry', after: null },
      { path: 'dimensions.firmographics.criteria[annualRevenue BETWEEN].min', kind: 'CHANGED', before: 1_000_000, after: 2_000_000 },
      { path: 'dimensions.technographics.weight', kind: 'CHANGED', before: 40, after: 50 },
      { path: 'dimensions.technographics.criteria[techStack CONTAINS_ANY].label', kind: 'ADDED', before: null, after: 'CRM' },
    ]);
  });

  it('reports whole criteria and dimensions added and removed, in DIMENSIONS order', () => {
    const growth = {
      dimension: 'GROWTH' as const,
      weight: 40,
      criteria: [{ attribute: 'lastFundingAt', operator: 'WITHIN_DAYS' as const, value: 365, points: 5 }],
    };
    const revenueBetween = base.dimensions[0].criteria[1];
    const revenueGte = { attribute: 'annualRevenue', operator: 'GTE' as const, value: 5_000_000, points: 10 };
    const after = variant((d) => {
      d.dimensions[0].criteria[1] = revenueGte;
      d.dimensions[1] = growth;
    });
    expect(diffDefinitions(base, after)).toEqual([
      { path: 'dimensions.firmographics.criteria[annualRevenue BETWEEN]', kind: 'REMOVED', before: revenueBetween, after: null },
      { path: 'dimensions.firmographics.criteria[annualRevenue GTE]', kind: 'ADDED', before: null, after: revenueGte },
      { path: 'dimensions.technographics', kind: 'REMOVED', before: base.dimensions[1], after: null },
      { path: 'dimensions.growth', kind: 'ADDED', before: null, after: growth },
    ]);
  });

  it('numbers repeated attribute+operator keys and matches them in order', () => {
    const second = { attribute: 'industry', operator: 'IN' as const, values: ['healthtech'], points: 3 };
    const withTwo = variant((d) => {
      d.dimensions[0].criteria.push(second);
    });
    expect(diffDefinitions(base, withTwo)).toEqual([
      { path: 'dimensions.firmographics.criteria[industry IN #2]', kind: 'ADDED', before: null, after: second },
    ]);
    const changed = variant((d) => {
      d.dimensions[0].criteria.push({ ...second, points: 4 });
    });
    expect(diffDefinitions(withTwo, changed)).toEqual([
      { path: 'dimensions.firmographics.criteria[industry IN #2].points', kind: 'CHANGED', before: 3, after: 4 },
    ]);
  });

  it('diffs disqualifiers, thresholds and actions', () => {
    const geo = { attribute: 'country', operator: 'IN' as const, values: ['KP'], reason: 'Embargo' };
    const after = variant((d) => {
      d.disqualifiers[0].value = 20_000;
      d.disqualifiers[0].reason = 'Budget floor raised';
      d.disqualifiers.push(geo);
      d.thresholds.perfect = 85;
      d.thresholds.moderate = 35;
      d.actions = [
        { tier: 'STRONG', action: 'PURSUE_NOW' },
        { tier: 'WEAK', action: 'EXCLUDE' },
      ];
    });
    expect(diffDefinitions(base, after)).toEqual([
      { path: 'disqualifiers[budgetUsd LT].value', kind: 'CHANGED', before: 10_000, after: 20_000 },
      { path: 'disqualifiers[budgetUsd LT].reason', kind: 'CHANGED', before: 'Budget below floor', after: 'Budget floor raised' },
      { path: 'disqualifiers[country IN]', kind: 'ADDED', before: null, after: geo },
      { path: 'thresholds.perfect', kind: 'CHANGED', before: 80, after: 85 },
      { path: 'thresholds.moderate', kind: 'CHANGED', before: 40, after: 35 },
      { path: 'actions.PERFECT', kind: 'REMOVED', before: 'ROUTE_TO_AE', after: null },
      { path: 'actions.STRONG', kind: 'CHANGED', before: 'PURSUE', after: 'PURSUE_NOW' },
      { path: 'actions.WEAK', kind: 'ADDED', before: null, after: 'EXCLUDE' },
    ]);
  });
});
