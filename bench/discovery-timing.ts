/**
 * The discovery figures: `icpInsights` (WON_VS_LOST, and TOP_VALUE over the whole segment) and
 * `suggestDraft` through the service layer, one call each, over the accounts and outcomes the
 * report figures use. Targets are absolute seconds on this machine: under 10 s and under 30 s.
 */
import type { Fitgraph } from '../src/app/fitgraph';
import { icpInsights, suggestDraft } from '../src/use-cases/discovery/discovery.service';
import { int, sec, type DeadlineLine } from './report';

const INSIGHTS_TARGET = 10;
const SUGGEST_TARGET = 30;

async function timed<T>(work: () => Promise<T>): Promise<{ seconds: number; result: T }> {
  const started = process.hrtime.bigint();
  const result = await work();
  return { seconds: Number(process.hrtime.bigint() - started) / 1e9, result };
}

export async function timeDiscovery(args: {
  fitgraph: Fitgraph;
  segmentKey: string;
  scope: string;
  log: (line: string) => void;
}): Promise<DeadlineLine[]> {
  const { fitgraph, segmentKey, scope, log } = args;
  const ctx = () => fitgraph.system();
  const won = await timed(() => icpInsights(fitgraph.services, ctx(), segmentKey));
  const top = won.result.insights
    .filter((i) => i.significant)
    .slice(0, 3)
    .map((i) => `${i.attribute} (IV ${i.informationValue.toFixed(2)})`)
    .join(', ');
  log(
    `icpInsights WON_VS_LOST: ${sec(won.seconds)}; ${int(won.result.positives)} positives, ${int(won.result.negatives)} negatives, ${int(won.result.testsTried)} tests, ` +
      `${won.result.insights.filter((i) => i.significant).length} significant attributes, strongest: ${top}`,
  );
  const value = await timed(() => icpInsights(fitgraph.services, ctx(), segmentKey, { basis: 'TOP_VALUE' }));
  log(
    `icpInsights TOP_VALUE: ${sec(value.seconds)}; ${int(value.result.positives)} positives, ${int(value.result.negatives)} negatives ` +
      `(attributes counted on ${int(value.result.positivesCounted)} and ${int(value.result.negativesCounted)})`,
  );
  const suggested = await timed(() => suggestDraft(fitgraph.services, ctx(), segmentKey));
  const c = suggested.result.check;
  log(
    `suggestDraft: ${sec(suggested.seconds)}; v${suggested.result.draft.number} from ${suggested.result.insightsUsed.length} findings, ` +
      `AUC ${c.auc?.toFixed(3)} [${c.aucCiLow?.toFixed(3)}, ${c.aucCiHigh?.toFixed(3)}] against live ${c.liveAuc?.toFixed(3)} on ${int(c.testPositives + c.testNegatives)} newer outcomes`,
  );
  return [
    {
      label: `icpInsights WON_VS_LOST (${scope})`,
      figure: `${sec(won.seconds)} (1 call, ${int(won.result.positives + won.result.negatives)} accounts analysed)`,
      seconds: won.seconds,
      maxSeconds: INSIGHTS_TARGET,
    },
    {
      label: `icpInsights TOP_VALUE (${scope})`,
      figure: `${sec(value.seconds)} (1 call, ${int(value.result.positives + value.result.negatives)} accounts labelled, ${int(value.result.positivesCounted + value.result.negativesCounted)} counted)`,
      seconds: value.seconds,
      maxSeconds: INSIGHTS_TARGET,
      info: true,
    },
    {
      label: `suggestDraft (${scope})`,
      figure: `${sec(suggested.seconds)} (1 call)`,
      seconds: suggested.seconds,
      maxSeconds: SUGGEST_TARGET,
    },
  ];
}
