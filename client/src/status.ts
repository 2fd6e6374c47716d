/**
 * The language status item: how many Preflight findings are open, and the server's state.
 * Counts come from VS Code's diagnostics collection (source `preflight`), so they always match
 * what the Problems panel shows.
 */
import * as vscode from 'vscode';
import { DIAGNOSTIC_SOURCE } from '../../server/src/diagnosticSource';
import { documentSelector } from './documentSelector';

export type ServerState = 'stopped' | 'starting' | 'running' | 'failed';

export class PreflightStatus implements vscode.Disposable {
  private readonly item: vscode.LanguageStatusItem;
  private state: ServerState = 'stopped';
  private count = 0;
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
    let n = 0;
    for (const [, diagnostics] of vscode.languages.getDiagnostics()) for (const d of diagnostics) if (d.source === DIAGNOSTIC_SOURCE) n++;
    this.count = n;
    this.render();
  }

  private render(): void {
    const findings = this.count === 1 ? '1 finding' : `${this.count} findings`;
    this.item.busy = this.state === 'starting';
    this.item.severity = this.state === 'failed' ? vscode.LanguageStatusSeverity.Error : vscode.LanguageStatusSeverity.Information;
    if (this.state === 'running') {
      this.item.text = this.count ? `$(warning) Preflight: ${findings}` : '$(check) Preflight';
      this.item.detail = `${findings} in open files`;
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
