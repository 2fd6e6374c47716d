/**
 * The language status item: how many Preflight findings are open, and the server's state.
 * Counts come from VS Code's diagnostics collection (source `preflight`), counted by the one
 * counting function (findings as the Problems panel lists them, hints apart: Problems hides them).
 */
import * as vscode from 'vscode';
import { DIAGNOSTIC_SOURCE } from '../../server/src/diagnosticSource';
import { documentSelector } from './documentSelector';
import { countDiagnostics, runningStatusText } from './statusText';
import type { FindingCounts } from '../../server/src/findingCounts';

export type ServerState = 'stopped' | 'starting' | 'running' | 'failed';

export class PreflightStatus implements vscode.Disposable {
  private readonly item: vscode.LanguageStatusItem;
  private state: ServerState = 'stopped';
  private counts: FindingCounts = { errors: 0, warnings: 0, infos: 0, hints: 0, findings: 0 };
  private timer: NodeJS.Timeout | undefined;
  private readonly subscription: vscode.Disposable;

  constructor() {
    this.item = vscode.languages.createLanguageStatusItem('preflight.status', documentSelector);
    this.item.name = 'Preflight';
    this.item.command = { title: 'Show Output', command: 'preflight.showOutput' };
    this.subscription = vscode.languages.onDidChangeDiagnostics(() => this.recountSoon());
    this.recount();
  }

  setState(state: ServerState): void {
    this.state = state;
    this.render();
  }

  private recountSoon(): void {
    clearTimeout(this.timer);
    this.timer = setTimeout(() => this.recount(), 250);
  }

  private recount(): void {
    this.counts = countDiagnostics(
      vscode.languages.getDiagnostics().flatMap(([, diagnostics]) => diagnostics),
      DIAGNOSTIC_SOURCE,
    );
    this.render();
  }

  private render(): void {
    this.item.busy = this.state === 'starting';
    this.item.severity = this.state === 'failed' ? vscode.LanguageStatusSeverity.Error : vscode.LanguageStatusSeverity.Information;
    if (this.state === 'running') {
      const { text, detail } = runningStatusText(this.counts);
      this.item.text = text;
      this.item.detail = detail;
    } else if (this.state === 'starting') {
      this.item.text = 'Preflight';
      this.item.detail = 'starting';
    } else if (this.state === 'failed') {
      this.item.text = '$(error) Preflight';
      this.item.detail = 'server failed (see output)';
    } else {
      this.item.text = 'Preflight';
      this.item.detail = 'server not running';
    }
  }

  dispose(): void {
    clearTimeout(this.timer);
    this.subscription.dispose();
    this.item.dispose();
  }
}
