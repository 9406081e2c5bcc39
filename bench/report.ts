/** Formatting of the figures: every figure on one line beside its ceiling and its target. */

export const int = (n: number): string => Math.round(n).toLocaleString('en-US');
export const sec = (s: number): string => `${s.toFixed(s < 10 ? 2 : 1)} s`;
export const ms = (n: number): string => `${Math.round(n)} ms`;

export interface Line {
  label: string;
  figure: string;
  ceiling: string;
  ratio: number;
  /** e.g. ">= 0.33"; the ratio must reach `minRatio`. */
  minRatio: number;
  /** Latency condition, when the target has one. */
  p99?: { value: number; max: number };
  /** Not judged against the target (extra context only). */
  info?: boolean;
}

/** A figure with an absolute time target on this machine rather than a ceiling (the reports). */
export interface DeadlineLine {
  label: string;
  figure: string;
  seconds: number;
  maxSeconds: number;
  info?: boolean;
}

/** A figure that has neither ceiling nor target: printed as context. */
export interface FactLine {
  label: string;
  figure: string;
  fact: true;
}

export type Figure = Line | DeadlineLine | FactLine;

const isDeadline = (l: Figure): l is DeadlineLine => 'maxSeconds' in l;
const isFact = (l: Figure): l is FactLine => 'fact' in l;

export function verdict(l: Figure): { met: boolean; text: string } {
  if (isFact(l)) return { met: true, text: 'no target' };
  if (isDeadline(l)) {
    const met = l.seconds < l.maxSeconds;
    const target = `target < ${l.maxSeconds} s`;
    if (l.info) return { met, text: `${target}  (${met ? 'would be met' : 'would be missed'}; not the headline)` };
    return { met, text: `${target}  ${met ? 'MET' : `MISSED (${(l.seconds / l.maxSeconds).toFixed(1)} x the target)`}` };
  }
  const ratioMet = l.ratio >= l.minRatio;
  const p99Met = !l.p99 || l.p99.value < l.p99.max;
  const met = ratioMet && p99Met;
  const target = `target >= ${l.minRatio.toFixed(2)}${l.p99 ? `, p99 < ${l.p99.max} ms` : ''}`;
  if (l.info) return { met, text: `${target}  (${met ? 'would be met' : 'would be missed'}; not the headline)` };
  const misses: string[] = [];
  if (!ratioMet) misses.push(`ratio ${((l.ratio / l.minRatio) * 100).toFixed(0)} % of target`);
  if (!p99Met) misses.push(`p99 ${ms(l.p99!.value)}`);
  return { met, text: `${target}  ${met ? 'MET' : `MISSED (${misses.join(', ')})`}` };
}

export function formatLine(l: Figure): string {
  if (isFact(l)) return `${l.label}: ${l.figure}`;
  if (isDeadline(l)) return `${l.label}: ${l.figure} | ${verdict(l).text}`;
  return `${l.label}: ${l.figure} | ${l.ceiling} | ratio ${l.ratio.toFixed(2)} | ${verdict(l).text}`;
}
