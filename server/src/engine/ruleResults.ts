/**
 * Incremental analysis of an open document: each rule's last outcome is kept, and an edit runs
 * again only what it can change (the rule's declared scope and reads, rule.ts `RuleScope`).
 *
 * - A `cell` rule is run on each unit alone (a program of that one unit); its outcome is kept
 *   per unit parse. A unit whose text did not change keeps its parse (python/incremental.ts),
 *   so only the edited cell is run again.
 * - A `program` rule is run on the whole document; its outcome is kept with the signature of the
 *   facts it reads (`ProgramFact`) and re-used while that signature is the same.
 *
 * Outcomes are kept before suppression comments are applied (analyze.ts applies them to every
 * finding, kept or new), and one the time budget stopped is never kept. What the session cannot
 * see change (the project's files behind `manifests`, the configuration) is the caller's to say:
 * `analyzeDocument(..., { incremental: false })` drops everything kept and runs every rule.
 * The property test (test/engine/incremental.test.ts) checks that the findings equal a fresh
 * analysis after random edits of real notebooks.
 */
import { runRule, type RuleOutcome, type RuleParts } from './analyze';
import type { Finding } from './model';
import type { Notebook } from './notebook';
import { programFromUnits, type PythonProgram, type Unit } from './python/program';
import type { PyNode } from './python/syntax';
import type { ProgramFact, Rule } from './rule';

/** What a program rule's outcome was computed from: one value per fact, compared by identity. */
type Signature = readonly unknown[];

interface ProgramEntry {
  signature: Signature;
  outcome: RuleOutcome;
}

interface CellEntry {
  cell: number | undefined;
  outcome: RuleOutcome;
}

/** Which rules an analysis ran again (tests read it; the rest were re-used). */
export interface RuleRunStats {
  /** Program rules run on the whole document. */
  program: string[];
  /** Cell rules, with how many units each was run on. */
  cell: Map<string, number>;
}

export class RuleResults {
  private readonly programRules = new Map<string, ProgramEntry>();
  /** Per cell rule: the outcome per unit parse (keyed by the unit's syntax tree). */
  private readonly cellRules = new Map<string, Map<PyNode, CellEntry>>();
  lastRun: RuleRunStats = { program: [], cell: new Map() };

  /** Forget every outcome (the configuration or the project may have changed). */
  clear(): void {
    this.programRules.clear();
    this.cellRules.clear();
  }

  /** A `RuleRunner` for one analysis (analyze.ts `AnalysisOptions.runRule`). */
  runner(): (rule: Rule, parts: RuleParts) => RuleOutcome {
    const stats: RuleRunStats = { program: [], cell: new Map() };
    this.lastRun = stats;
    const signatures = new Map<ProgramFact, unknown>();
    const factOf = (fact: ProgramFact, parts: RuleParts) => {
      if (!signatures.has(fact)) signatures.set(fact, factSignature(fact, parts));
      return signatures.get(fact);
    };
    return (rule, parts) => {
      if (rule.meta.scope === 'cell' && parts.program) return this.runPerUnit(rule, parts, parts.program, stats);
      const signature = (rule.meta.reads ?? []).map((fact) => factOf(fact, parts));
      const kept = this.programRules.get(rule.meta.id);
      if (kept && sameSignature(kept.signature, signature)) return kept.outcome;
      stats.program.push(rule.meta.id);
      const outcome = runRule(rule, parts);
      if (outcome.stopped) this.programRules.delete(rule.meta.id);
      else this.programRules.set(rule.meta.id, { signature, outcome });
      return outcome;
    };
  }

  /** A cell rule: each unit's outcome re-used while the unit keeps its parse and its cell index. */
  private runPerUnit(rule: Rule, parts: RuleParts, program: PythonProgram, stats: RuleRunStats): RuleOutcome {
    const before = this.cellRules.get(rule.meta.id);
    const now = new Map<PyNode, CellEntry>();
    const findings: Finding[] = [];
    let error: string | undefined;
    let ran = 0;
    for (const unit of program.units) {
      let entry = before?.get(unit.root);
      if (!entry || entry.cell !== unit.cell) {
        ran++;
        const outcome = runRule(rule, { ...parts, program: unitProgram(program, unit) });
        if (outcome.stopped) {
          // Not kept: the next analysis runs this rule from scratch.
          this.cellRules.delete(rule.meta.id);
          stats.cell.set(rule.meta.id, ran);
          return { findings: [...findings, ...outcome.findings], stopped: true, ...(error !== undefined ? { error } : {}) };
        }
        entry = { cell: unit.cell, outcome };
      }
      now.set(unit.root, entry);
      for (const f of entry.outcome.findings) findings.push(f);
      error ??= entry.outcome.error;
    }
    this.cellRules.set(rule.meta.id, now);
    stats.cell.set(rule.meta.id, ran);
    return { findings, ...(error !== undefined ? { error } : {}) };
  }
}

/** The program of one unit alone (its cell pass is cached with its parse, so this is cheap). */
function unitProgram(program: PythonProgram, unit: Unit): PythonProgram {
  return programFromUnits(program.kind, [unit], program.notebook);
}

/**
 * The value that changes when `fact` does. Arrays are compared element by element by identity:
 * a cell whose text did not change keeps the same string, so comparing is cheap.
 */
function factSignature(fact: ProgramFact, parts: RuleParts): unknown {
  const nb: Notebook | undefined = parts.notebook;
  switch (fact) {
    case 'source':
      if (nb) return nb.cells.flatMap((c) => [c.kind, c.source]);
      return [parts.program?.units[0]?.text ?? parts.manifest?.text, parts.manifest?.manifestKind];
    case 'execution-counts':
      return nb ? nb.cells.flatMap((c) => [c.executionCount, c.editedSinceRun === true]) : [];
    case 'outputs':
      return nb ? nb.cells.map((c) => c.outputs) : [];
    case 'manifests':
      // The project's files: not visible here (see the module comment); the caller clears on a change.
      return [];
  }
}

function sameSignature(a: Signature, b: Signature): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) {
    const x = a[i];
    const y = b[i];
    if (Array.isArray(x) && Array.isArray(y)) {
      if (x.length !== y.length) return false;
      for (let j = 0; j < x.length; j++) if (x[j] !== y[j]) return false;
    } else if (x !== y) return false;
  }
  return true;
}
