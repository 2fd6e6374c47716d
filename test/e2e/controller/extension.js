// Test-only notebook controller for the e2e run (test/e2e/controller, packaged and installed into
// code-server next to Preflight by test/e2e/main.ts; never shipped). It "executes" a Python cell
// the way a kernel looks to VS Code: a NotebookCellExecution that starts, takes the notebook's next
// execution order and ends successfully, with no output. That is the path a real kernel's runs
// take to Preflight (cell.executionSummary → the client's preflight/cellExecution notification),
// which unit tests only simulate.
const fs = require('fs');
const os = require('os');
const path = require('path');
const vscode = require('vscode');

/**
 * When each notebook reached the extension host (ms since the epoch, then its URI), one line per
 * open: the long-notebook scenario splits its open time into VS Code's own loading and what
 * follows it (test/e2e/scenarios/liveOrder.ts).
 */
const OPENS = path.join(os.tmpdir(), 'preflight-e2e-notebook-opens.log');

exports.activate = function activate(context) {
  const controller = vscode.notebooks.createNotebookController('preflight-e2e-controller', 'jupyter-notebook', 'Preflight e2e controller');
  controller.supportedLanguages = ['python'];
  controller.supportsExecutionOrder = true;
  controller.description = 'sets execution order only (test)';
  /** The last execution order per notebook, as a kernel session counts. */
  const counts = new Map();
  controller.executeHandler = (cells, notebook) => {
    const key = notebook.uri.toString();
    for (const cell of cells) {
      const execution = controller.createNotebookCellExecution(cell);
      const order = (counts.get(key) ?? 0) + 1;
      counts.set(key, order);
      execution.executionOrder = order;
      execution.start(Date.now());
      execution.end(true, Date.now());
    }
  };
  // The only controller there is: preferred, so running a cell picks it without a kernel prompt.
  const prefer = (nb) => {
    try {
      fs.appendFileSync(OPENS, `${Date.now()} ${nb.uri.toString()}\n`);
    } catch {
      // Timing only: a run goes on without it.
    }
    if (nb.notebookType === 'jupyter-notebook') controller.updateNotebookAffinity(nb, vscode.NotebookControllerAffinity.Preferred);
  };
  vscode.workspace.notebookDocuments.forEach(prefer);
  context.subscriptions.push(controller, vscode.workspace.onDidOpenNotebookDocument(prefer));
};

exports.deactivate = function deactivate() {};
