/**
 * The one way findings are counted (server/src/findingCounts.ts) and the status item's text
 * built on it (client/src/statusText.ts): hints apart, as the Problems panel hides them.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { countDiagnostics, runningStatusText } from '../../client/src/statusText';
import { traceEnabled } from '../../client/src/traceSetting';
import { countFindings, findingCountText } from '../../server/src/findingCounts';

describe('finding counts', () => {
  it('counts errors, warnings and information as findings and hints apart', () => {
    const c = countFindings(['error', 'warning', 'warning', 'info', 'hint', 'hint', 'hint']);
    assert.deepEqual(c, { errors: 1, warnings: 2, infos: 1, hints: 3, findings: 4 });
    assert.equal(findingCountText(c), '4 findings (3 hints)');
  });

  it('says "No findings" with hints only, and no parenthesis without hints', () => {
    assert.equal(findingCountText(countFindings(['hint', 'hint'])), 'No findings (2 hints)');
    assert.equal(findingCountText(countFindings(['warning'])), '1 finding');
    assert.equal(findingCountText(countFindings(['hint'])), 'No findings (1 hint)');
    assert.equal(findingCountText(countFindings([])), 'No findings');
  });
});

describe('language status text', () => {
  // vscode.DiagnosticSeverity: Error 0, Warning 1, Information 2, Hint 3.
  const d = (severity: number, source = 'preflight') => ({ severity, source });

  it('counts only Preflight diagnostics, hints apart, so the number equals what Problems lists', () => {
    const diagnostics = [d(0), d(1), d(1), d(2), d(3), d(3), d(1, 'pylance'), { severity: 0 }];
    const c = countDiagnostics(diagnostics, 'preflight');
    assert.equal(c.findings, 4);
    assert.equal(c.hints, 2);
    assert.deepEqual(runningStatusText(c), { text: '$(warning) Preflight: 4 findings (2 hints)', detail: '4 findings (2 hints) in open files' });
  });

  it('shows a check when Problems would list nothing, and says so for hints only', () => {
    assert.deepEqual(runningStatusText(countDiagnostics([], 'preflight')), { text: '$(check) Preflight', detail: 'No findings in open files' });
    assert.deepEqual(runningStatusText(countDiagnostics([d(3)], 'preflight')), { text: '$(check) Preflight: No findings (1 hint)', detail: 'No findings (1 hint) in open files' });
  });
});

describe('preflight.trace.server', () => {
  it('traces for messages and verbose only', () => {
    assert.equal(traceEnabled('messages'), true);
    assert.equal(traceEnabled('verbose'), true);
    assert.equal(traceEnabled('off'), false);
    assert.equal(traceEnabled(undefined), false);
  });
});
