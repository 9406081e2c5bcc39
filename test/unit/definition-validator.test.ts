import { validateCriteria } from '../../src/domain/definitions/criteria-validator';
import { validateDefinition } from '../../src/domain/definitions/definition-validator';
import type { AttributeCatalogue, AttributeType, CatalogueEntry, IcpDefinitionSpec } from '../../src/model/icp-definition';

const entries: [string, AttributeType][] = [
  ['industry', 'STRING'],
  ['employees', 'NUMBER'],
  ['annualRevenue', 'NUMBER'],
  ['techStack', 'STRING_LIST'],
  ['demoRequested', 'BOOLEAN'],
  ['lastFundingAt', 'DATE'],
  ['lastWebinarAt', 'DATE'],
  ['budgetUsd', 'NUMBER'],
  ['country', 'STRING'],
  ['useCase', 'STRING'],
];
const catalogue: AttributeCatalogue = new Map<string, CatalogueEntry>(entries.map(([key, type]) => [key, { key, type }]));

const seed: IcpDefinitionSpec = {
  dimensions: [
    {
      dimension: 'FIRMOGRAPHICS',
      weight: 30,
      criteria: [
        { attribute: 'industry', operator: 'IN', values: ['saas', 'fintech'], points: 10, label: 'Target industry' },
        { attribute: 'employees', operator: 'BETWEEN', min: 200, max: 5000, points: 10 },
        { attribute: 'annualRevenue', operator: 'GTE', value: 10_000_000, points: 10 },
      ],
    },
    {
      dimension: 'TECHNOGRAPHICS',
      weight: 20,
      criteria: [
        { attribute: 'techStack', operator: 'CONTAINS_ANY', values: ['salesforce', 'hubspot'], points: 15 },
        { attribute: 'techStack', operator: 'CONTAINS_ALL', values: ['snowflake', 'dbt'], points: 5 },
      ],
    },
    {
      dimension: 'BEHAVIORAL',
      weight: 25,
      criteria: [
        { attribute: 'demoRequested', operator: 'EQ', value: true, points: 15 },
        { attribute: 'lastWebinarAt', operator: 'WITHIN_DAYS', value: 30, points: 10 },
      ],
    },
    {
      dimension: 'BUSINESS_NEEDS',
      weight: 15,
      criteria: [
        { attribute: 'useCase', operator: 'IN', values: ['revops', 'sales-ops'], points: 10 },
        { attribute: 'budgetUsd', operator: 'EXISTS', points: 5 },
      ],
    },
    {
      dimension: 'GROWTH',
      weight: 10,
      criteria: [
        { attribute: 'lastFundingAt', operator: 'WITHIN_DAYS', value: 365, points: 6 },
        { attribute: 'lastFundingAt', operator: 'GT', value: '2023-01-01', points: 4 },
      ],
    },
  ],
  disqualifiers: [
    { attribute: 'budgetUsd', operator: 'LT', value: 10_000, reason: 'Budget below floor' },
    { attribute: 'country', operator: 'IN', values: ['KP', 'IR'], reason: 'Embargoed country' },
    { attribute: 'industry', operator: 'EQ', value: 'gambling', reason: 'Excluded industry' },
  ],
  thresholds: { perfect: 80, strong: 60, moderate: 40 },
  actions: [
    { tier: 'PERFECT', action: 'ROUTE_TO_AE' },
    { tier: 'STRONG', action: 'PURSUE' },
    { tier: 'MODERATE', action: 'NURTURE' },
    { tier: 'WEAK', action: 'EXCLUDE' },
  ],
};

/** A deep copy of the seed, changed by `edit`. */
function variant(edit: (d: IcpDefinitionSpec) => void): IcpDefinitionSpec {
  const d = structuredClone(seed);
  edit(d);
  return d;
}

/** Validates and expects exactly one issue, at `path`, whose message contains every fragment. */
function expectOneIssue(def: IcpDefinitionSpec, path: string, ...fragments: string[]): void {
  const issues = validateDefinition(def, catalogue);
  expect(issues).toHaveLength(1);
  expect(issues[0].path).toBe(path);
  for (const f of fragments) expect(issues[0].message).toContain(f);
}

describe('validateDefinition', () => {
  it('accepts the seed definition', () => {
    expect(validateDefinition(seed, catalogue)).toEqual([]);
  });

  it('uses the given root path', () => {
    const issues = validateDefinition(
      variant((d) => {
        d.dimensions[0].weight = 25;
      }),
      catalogue,
      'input.definition',
    );
    expect(issues.map((i) => i.path)).toEqual(['input.definition.dimensions']);
  });

  describe('dimensions', () => {
    it('reports weights that do not sum to 100 at the dimensions path', () => {
      expectOneIssue(
        variant((d) => {
          d.dimensions[0].weight = 25;
        }),
        'definition.dimensions',
        'sum to 100',
        '95',
      );
    });

    it('tolerates float noise in the weight sum', () => {
      const def = variant((d) => {
        d.dimensions = d.dimensions.slice(0, 3);
        [d.dimensions[0].weight, d.dimensions[1].weight, d.dimensions[2].weight] = [33.3, 33.3, 33.4];
      });
      expect(validateDefinition(def, catalogue)).toEqual([]);
    });

    it('requires at least one dimension', () => {
      expectOneIssue(
        variant((d) => {
          d.dimensions = [];
        }),
        'definition.dimensions',
        'at least one dimension',
      );
    });

    it('reports a dimension that appears twice at the later one', () => {
      const def = variant((d) => {
        d.dimensions[4].dimension = 'FIRMOGRAPHICS';
      });
      expectOneIssue(def, 'definition.dimensions[4].dimension', 'dimension FIRMOGRAPHICS appears twice');
    });

    it('rejects a weight out of (0, 100]', () => {
      const issues = validateDefinition(
        variant((d) => {
          d.dimensions[4].weight = 0;
          d.dimensions[0].weight = 40;
        }),
        catalogue,
      );
      expect(issues).toEqual([{ path: 'definition.dimensions[4].weight', message: 'must be above 0 and at most 100 (got 0)' }]);
    });

    it('rejects a non-finite weight without a second issue for the sum', () => {
      expectOneIssue(
        variant((d) => {
          d.dimensions[1].weight = Number.NaN;
        }),
        'definition.dimensions[1].weight',
        'NaN',
      );
    });

    it('requires at least one criterion per dimension', () => {
      const def = variant((d) => {
        d.dimensions[2].criteria = [];
      });
      expectOneIssue(def, 'definition.dimensions[2].criteria', 'at least one criterion');
    });
  });

  describe('criteria', () => {
    it('reports an unknown attribute', () => {
      const def = variant((d) => {
        d.dimensions[0].criteria[2].attribute = 'revenu';
      });
      expectOneIssue(def, 'definition.dimensions[0].criteria[2].attribute', 'unknown attribute "revenu"');
    });

    it('reports an operator that does not fit the attribute type', () => {
      const def = variant((d) => {
        d.dimensions[0].criteria[1] = { attribute: 'employees', operator: 'CONTAINS_ANY', values: ['a'], points: 10 };
      });
      expectOneIssue(
        def,
        'definition.dimensions[0].criteria[1].operator',
        'operator CONTAINS_ANY does not apply to NUMBER attribute "employees"',
      );
    });

    it('reports a missing required operand', () => {
      const def = variant((d) => {
        delete d.dimensions[0].criteria[1].max;
      });
      expectOneIssue(def, 'definition.dimensions[0].criteria[1].max', 'required by operator BETWEEN');
    });

    it('reports an operand the operator does not use', () => {
      const def = variant((d) => {
        d.dimensions[2].criteria[0].values = [true];
      });
      expectOneIssue(def, 'definition.dimensions[2].criteria[0].values', 'not used by operator EQ', '[true]');
    });

    it('reports any operand given to EXISTS', () => {
      const def = variant((d) => {
        d.dimensions[3].criteria[1].value = 0;
      });
      expectOneIssue(def, 'definition.dimensions[3].criteria[1].value', 'not used by operator EXISTS');
    });

    it('reports min above max', () => {
      const def = variant((d) => {
        d.dimensions[0].criteria[1].min = 6000;
      });
      expectOneIssue(def, 'definition.dimensions[0].criteria[1].min', 'must not exceed max', '6000', '5000');
    });

    it('reports a value of the wrong type', () => {
      const def = variant((d) => {
        d.dimensions[0].criteria[2].value = '10M';
      });
      expectOneIssue(def, 'definition.dimensions[0].criteria[2].value', 'finite number', 'annualRevenue', '"10M"');
    });

    it('reports a non-finite value', () => {
      const def = variant((d) => {
        d.dimensions[0].criteria[2].value = Number.POSITIVE_INFINITY;
      });
      expectOneIssue(def, 'definition.dimensions[0].criteria[2].value', 'Infinity');
    });

    it('rejects a date that is not a calendar date', () => {
      const def = variant((d) => {
        d.dimensions[4].criteria[1].value = '2023-02-30';
      });
      expectOneIssue(def, 'definition.dimensions[4].criteria[1].value', 'ISO-8601', '2023-02-30');
    });

    it('accepts a date-time for a DATE comparison', () => {
      const def = variant((d) => {
        d.dimensions[4].criteria[1].value = '2023-01-01T12:30:00Z';
      });
      expect(validateDefinition(def, catalogue)).toEqual([]);
    });

    it('rejects WITHIN_DAYS with a non-positive number of days', () => {
      const def = variant((d) => {
        d.dimensions[4].criteria[0].value = 0;
      });
      expectOneIssue(def, 'definition.dimensions[4].criteria[0].value', 'above 0', '(got 0)');
    });

    it('rejects empty values', () => {
      const def = variant((d) => {
        d.dimensions[1].criteria[0].values = [];
      });
      expectOneIssue(def, 'definition.dimensions[1].criteria[0].values', 'must not be empty');
    });

    it('rejects values elements of the wrong type', () => {
      const def = variant((d) => {
        d.dimensions[0].criteria[0].values = ['saas', 7];
      });
      expectOneIssue(def, 'definition.dimensions[0].criteria[0].values[1]', 'must be a string', '(got 7)');
    });

    it('rejects blank strings in CONTAINS_ANY values', () => {
      const def = variant((d) => {
        d.dimensions[1].criteria[0].values = ['salesforce', ' '];
      });
      expectOneIssue(def, 'definition.dimensions[1].criteria[0].values[1]', 'non-empty string');
    });

    it('rejects duplicate values', () => {
      const def = variant((d) => {
        d.dimensions[0].criteria[0].values = ['saas', 'fintech', 'saas'];
      });
      expectOneIssue(def, 'definition.dimensions[0].criteria[0].values[2]', 'duplicate of values[0]', '"saas"');
    });

    it('rejects points <= 0', () => {
      const def = variant((d) => {
        d.dimensions[0].criteria[0].points = 0;
      });
      expectOneIssue(def, 'definition.dimensions[0].criteria[0].points', 'above 0', '(got 0)');
    });

    it('rejects a blank label', () => {
      const def = variant((d) => {
        d.dimensions[0].criteria[0].label = '  ';
      });
      expectOneIssue(def, 'definition.dimensions[0].criteria[0].label', 'must not be blank');
    });

    it('reports a duplicate criterion at the later one, comparing values as a set', () => {
      const def = variant((d) => {
        d.dimensions[0].criteria.push({ attribute: 'industry', operator: 'IN', values: ['fintech', 'saas'], points: 3 });
      });
      expectOneIssue(def, 'definition.dimensions[0].criteria[3]', 'duplicate of criteria[0]');
    });

    it('allows the same attribute and operator with other operands', () => {
      const def = variant((d) => {
        d.dimensions[0].criteria.push({ attribute: 'industry', operator: 'IN', values: ['healthtech'], points: 3 });
      });
      expect(validateDefinition(def, catalogue)).toEqual([]);
    });
  });

  describe('disqualifiers', () => {
    it('applies the test rules', () => {
      const def = variant((d) => {
        d.disqualifiers[0] = { attribute: 'budgetUsd', operator: 'LT', value: 5, min: 1, reason: 'x' };
      });
      expectOneIssue(def, 'definition.disqualifiers[0].min', 'not used by operator LT');
    });

    it('requires a reason', () => {
      const def = variant((d) => {
        d.disqualifiers[1].reason = ' ';
      });
      expectOneIssue(def, 'definition.disqualifiers[1].reason', 'must not be blank');
    });

    it('reports a duplicate disqualifier at the later one', () => {
      const def = variant((d) => {
        d.disqualifiers.push({ ...d.disqualifiers[0], reason: 'Again' });
      });
      expectOneIssue(def, 'definition.disqualifiers[3]', 'duplicate of disqualifiers[0]');
    });
  });

  describe('thresholds', () => {
    it('blames strong when it is not below perfect', () => {
      const def = variant((d) => {
        d.thresholds.strong = 85;
      });
      expectOneIssue(def, 'definition.thresholds.strong', 'must be below perfect (80) and above moderate (40)', '85');
    });

    it('blames moderate when only moderate is out of order', () => {
      const def = variant((d) => {
        d.thresholds.moderate = 60;
      });
      expectOneIssue(def, 'definition.thresholds.moderate', 'must be below strong (60)');
    });

    it('rejects a threshold out of 0..100', () => {
      const def = variant((d) => {
        d.thresholds.perfect = 120;
      });
      expectOneIssue(def, 'definition.thresholds.perfect', '0 to 100', '120');
    });

    it('rejects a non-finite threshold', () => {
      const def = variant((d) => {
        d.thresholds.moderate = Number.NaN;
      });
      expectOneIssue(def, 'definition.thresholds.moderate', 'NaN');
    });
  });

  describe('actions', () => {
    it('reports a tier that appears twice', () => {
      const def = variant((d) => {
        d.actions.push({ tier: 'PERFECT', action: 'CALL_NOW' });
      });
      expectOneIssue(def, 'definition.actions[4].tier', 'tier PERFECT appears twice');
    });

    it('rejects a blank action', () => {
      const def = variant((d) => {
        d.actions[1].action = '';
      });
      expectOneIssue(def, 'definition.actions[1].action', 'must not be blank');
    });

    it('rejects an action longer than 64 characters', () => {
      const def = variant((d) => {
        d.actions[1].action = 'X'.repeat(65);
      });
      expectOneIssue(def, 'definition.actions[1].action', 'at most 64', '65');
    });
  });

  it('reports every issue, not only the first', () => {
    const def = variant((d) => {
      d.dimensions[0].weight = 25;
      d.dimensions[0].criteria[2].attribute = 'revenu';
      d.dimensions[1].criteria[0].points = -1;
      d.disqualifiers[0].reason = '';
      d.thresholds.strong = 90;
      d.actions[3].tier = 'STRONG';
    });
    expect(validateDefinition(def, catalogue).map((i) => i.path)).toEqual([
      'definition.dimensions[0].criteria[2].attribute',
      'definition.dimensions[1].criteria[0].points',
      'definition.dimensions',
      'definition.disqualifiers[0].reason',
      'definition.thresholds.strong',
      'definition.actions[3].tier',
    ]);
  });
});

describe('validateCriteria', () => {
  it('checks membership tests but not points', () => {
    const issues = validateCriteria(
      [
        { attribute: 'country', operator: 'IN', values: ['US'], points: 0 },
        { attribute: 'employees', operator: 'CONTAINS_ALL', values: ['x'], points: 0 },
      ],
      catalogue,
      'membership',
    );
    expect(issues).toEqual([
      { path: 'membership[1].operator', message: 'operator CONTAINS_ALL does not apply to NUMBER attribute "employees"' },
    ]);
  });

  it('accepts an empty list', () => {
    expect(validateCriteria([], catalogue, 'membership')).toEqual([]);
  });
});
