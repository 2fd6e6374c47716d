/**
 * Forwards each cell's execution order to the server (`preflight/cellExecution`).
 *
 * VS Code's ipynb loader sets `executionSummary.executionOrder` without `success`, and
 * vscode-languageclient drops a summary unless `success` is a boolean, so the LSP sync never
 * carries the order of a notebook opened from disk (architecture.md §2.6). The client reads it
 * through the VS Code API and sends it on open and on every notebook change, so hidden-state
 * rules follow the user's runs live. The payload builder is pure and unit-tested.
 */
import type { CellExecutionInfo, CellExecutionParams } from '../../server/src/protocol';

export interface NotebookLike {
  readonly uri: unknown;
  getCells(): readonly {
    readonly document: { readonly uri: unknown };
    readonly executionSummary?: { readonly executionOrder?: number; readonly success?: boolean } | undefined;
    readonly outputs?: readonly unknown[];
  }[];
}

/** The notification payload for one notebook; `asUri` is the client's code→protocol converter. */
export function cellExecutionParams(nb: NotebookLike, asUri: (uri: unknown) => string): CellExecutionParams {
  return {
    notebookUri: asUri(nb.uri),
    cells: nb.getCells().map((cell) => {
      const info: CellExecutionInfo = { uri: asUri(cell.document.uri) };
      const s = cell.executionSummary;
      if (typeof s?.executionOrder === 'number') info.executionOrder = s.executionOrder;
      if (typeof s?.success === 'boolean') info.success = s.success;
      if (cell.outputs?.length) info.hasOutputs = true;
      return info;
    }),
  };
}

/** Sends a notebook's payload only when it differs from the last one sent (outputs stream in often). */
export class CellExecutionForwarder {
  private readonly last = new Map<string, string>();

  constructor(
    private readonly send: (params: CellExecutionParams) => Promise<void>,
    private readonly asUri: (uri: unknown) => string,
  ) {}

  async forward(nb: NotebookLike, force = false): Promise<void> {
    const params = cellExecutionParams(nb, this.asUri);
    const json = JSON.stringify(params.cells);
    if (!force && this.last.get(params.notebookUri) === json) return;
    this.last.set(params.notebookUri, json);
    await this.send(params);
  }

  forget(nb: NotebookLike): void {
    this.last.delete(this.asUri(nb.uri));
  }

  reset(): void {
    this.last.clear();
  }
}
