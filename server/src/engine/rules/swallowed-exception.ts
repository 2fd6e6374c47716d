/**
 * `except Exception: pass` (or a bare `except:`, `except BaseException`, with only `pass`,
 * `...` or `continue`) in agent tools, tasks, consumers and request handlers. The failure
 * leaves no trace: the agent gets a silent None, the task reports success, the message is acked.
 * Narrow handlers (`except KeyError: pass`) are deliberate and not reported; notebooks neither.
 */
import { placeName, servicePlaceAt } from '../agent/places';
import { BROAD_EXCEPTIONS } from '../catalogues/agent';
import type { PythonProgram } from '../python/program';
import { text, type PyNode } from '../python/syntax';
import { nodesOfType } from '../python/nodeIndex';
import { createRule } from '../rule';
import { qualifiedName } from '../python/resolve';

const SILENT = new Set(['pass_statement', 'continue_statement']);

/** The caught types of an except clause; [] for a bare `except:`. */
function caughtTypes(clause: PyNode): PyNode[] {
  const value = clause.children.find((c) => c.named && c.type !== 'block' && c.type !== 'comment');
  if (!value) return [];
  const inner = value.type === 'as_pattern' ? value.children.find((c) => c.named) ?? value : value;
  if (inner.type === 'tuple' || inner.type === 'parenthesized_expression') return inner.children.filter((c) => c.named);
  return [inner];
}

function isBroad(program: PythonProgram, clause: PyNode, unit: number): boolean {
  const types = caughtTypes(clause);
  if (types.length === 0) return true;
  return types.some((t) => BROAD_EXCEPTIONS.has(qualifiedName(program, t, unit) ?? text(t)));
}

function isSilent(clause: PyNode): boolean {
  const body = clause.children.find((c) => c.type === 'block');
  const stmts = body?.children.filter((c) => c.named && c.type !== 'comment') ?? [];
  return stmts.length > 0 && stmts.every((s) => SILENT.has(s.type) || (s.type === 'expression_statement' && s.children[0]?.type === 'ellipsis'));
}

export const swallowedException = createRule(
  {
    id: 'swallowed-exception',
    family: 'agent',
    category: 'observability',
    subtypes: [],
    description: 'Report exceptions silently swallowed in agent tools, tasks and request handlers',
    defaultSeverity: 'warning',
    recommended: true,
    appliesTo: ['python'],
    scope: 'program',
    reads: ['source'],
  },
  (ctx) => {
    const program = ctx.program;
    if (!program || program.kind !== 'python') return;
    program.units.forEach((unit, index) => {
      for (const n of nodesOfType(unit, 'except_clause')) {
        if (!isBroad(program, n, index) || !isSilent(n)) continue;
        const place = servicePlaceAt(program, index, n);
        if (!place) continue;
        // Report the clause header: `except Exception as e` (or `except` alone).
        const value = n.children.find((c) => c.named && c.type !== 'block' && c.type !== 'comment');
        ctx.reportNode(
          unit,
          { start: n.start, end: value ? value.end : n.start + 'except'.length },
          `Exception swallowed in ${placeName(place)}: the failure leaves no trace and the caller sees success or None; log it (logger.exception(...)) and re-raise or return an explicit error.`,
        );
      }
    });
  },
);
