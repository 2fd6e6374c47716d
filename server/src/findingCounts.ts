/**
 * How many findings there are, the one way every place that shows a number counts them: the
 * language status item, the checklist's item summaries and their badges. A "finding" is what
 * VS Code's Problems panel lists (errors, warnings, information); hints are counted apart,
 * because Problems hides them (they show as faded text only), so a count that included them
 * would disagree with the panel the user compares it with.
 *
 * Pure and import-free, so the extension's activation path and the webview can use it.
 */
export type CountedSeverity = 'error' | 'warning' | 'info' | 'hint';

export interface FindingCounts {
  errors: number;
  warnings: number;
  infos: number;
  hints: number;
  /** Errors, warnings and information: what the Problems panel lists. */
  findings: number;
}

export function countFindings(severities: Iterable<CountedSeverity>): FindingCounts {
  const c: FindingCounts = { errors: 0, warnings: 0, infos: 0, hints: 0, findings: 0 };
  for (const s of severities) {
    if (s === 'error') c.errors++;
    else if (s === 'warning') c.warnings++;
    else if (s === 'info') c.infos++;
    else c.hints++;
  }
  c.findings = c.errors + c.warnings + c.infos;
  return c;
}

export const plural = (n: number, word: string): string => `${n} ${word}${n === 1 ? '' : 's'}`;

/** "15 findings (5 hints)", "1 finding", "No findings (2 hints)": the findings first, hints apart. */
export function findingCountText(c: FindingCounts): string {
  const findings = c.findings ? plural(c.findings, 'finding') : 'No findings';
  return c.hints ? `${findings} (${plural(c.hints, 'hint')})` : findings;
}
