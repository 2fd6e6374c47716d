/**
 * The LSP trace, shown when `preflight.trace.server` says so. vscode-languageclient 10 traces
 * only while its trace channel's log level is Trace, and a log channel starts at Info: with the
 * Preflight log channel as trace channel, setting `preflight.trace.server` showed nothing until
 * the user also raised the channel's level. The trace goes instead to a channel of its own,
 * "Preflight Trace" (the client's `traceOutputChannel` option), whose level is the setting:
 * Trace while it is `messages`/`verbose`, Off while it is `off`. Created on the first trace line.
 */
import * as vscode from 'vscode';
import { traceEnabled, TRACE_CHANNEL_NAME } from './traceSetting';

/** The trace channel's log level for a `preflight.trace.server` value. */
function traceLogLevel(setting: unknown): vscode.LogLevel {
  return traceEnabled(setting) ? vscode.LogLevel.Trace : vscode.LogLevel.Off;
}

export class SettingTraceChannel implements vscode.LogOutputChannel {
  readonly name = TRACE_CHANNEL_NAME;
  private channel: vscode.OutputChannel | undefined;
  private level: vscode.LogLevel;
  private readonly levelChanged = new vscode.EventEmitter<vscode.LogLevel>();
  readonly onDidChangeLogLevel = this.levelChanged.event;
  private readonly subscription: vscode.Disposable;

  constructor(private readonly section = 'preflight') {
    this.level = this.read();
    this.subscription = vscode.workspace.onDidChangeConfiguration((e) => {
      if (!e.affectsConfiguration(`${section}.trace.server`)) return;
      const level = this.read();
      if (level === this.level) return;
      this.level = level;
      this.levelChanged.fire(level);
    });
  }

  private read(): vscode.LogLevel {
    return traceLogLevel(vscode.workspace.getConfiguration(this.section).get('trace.server'));
  }

  get logLevel(): vscode.LogLevel {
    return this.level;
  }

  private out(): vscode.OutputChannel {
    return (this.channel ??= vscode.window.createOutputChannel(TRACE_CHANNEL_NAME));
  }

  private line(kind: string, message: string | Error): void {
    if (this.level === vscode.LogLevel.Off) return;
    this.out().appendLine(`${new Date().toISOString()} [${kind}] ${message instanceof Error ? (message.stack ?? message.message) : message}`);
  }

  trace(message: string): void {
    this.line('trace', message);
  }
  debug(message: string): void {
    this.line('debug', message);
  }
  info(message: string): void {
    this.line('info', message);
  }
  warn(message: string): void {
    this.line('warn', message);
  }
  error(error: string | Error): void {
    this.line('error', error);
  }
  append(value: string): void {
    this.out().append(value);
  }
  appendLine(value: string): void {
    this.out().appendLine(value);
  }
  replace(value: string): void {
    this.out().replace(value);
  }
  clear(): void {
    this.channel?.clear();
  }
  show(columnOrPreserveFocus?: vscode.ViewColumn | boolean, preserveFocus?: boolean): void {
    if (typeof columnOrPreserveFocus === 'boolean') this.out().show(columnOrPreserveFocus);
    else this.out().show(columnOrPreserveFocus, preserveFocus);
  }
  hide(): void {
    this.channel?.hide();
  }
  dispose(): void {
    this.subscription.dispose();
    this.levelChanged.dispose();
    this.channel?.dispose();
  }
}
