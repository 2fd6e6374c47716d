/**
 * Settings per resource through `workspace/configuration`, cached by scope URI (notebook cells
 * use their notebook's URI) and cleared on `workspace/didChangeConfiguration`. There are no
 * global settings on the server: every document asks for its own (lsp-sample, vscode-eslint).
 */
import type { Connection } from 'vscode-languageserver';
import { defaultSettings, SECTION, settingsFrom, type ServerSettings } from '../settings';
import type { Logger } from './log';

export class SettingsCache {
  private readonly cache = new Map<string, Promise<ServerSettings>>();
  supported = false;

  constructor(
    private readonly connection: Connection,
    private readonly log: Logger,
  ) {}

  get(scopeUri: string): Promise<ServerSettings> {
    if (!this.supported) return Promise.resolve(defaultSettings());
    let p = this.cache.get(scopeUri);
    if (!p) {
      p = this.fetch(scopeUri);
      this.cache.set(scopeUri, p);
    }
    return p;
  }

  clear(): void {
    this.cache.clear();
  }

  private async fetch(scopeUri: string): Promise<ServerSettings> {
    try {
      const raw: unknown = await this.connection.workspace.getConfiguration({ scopeUri, section: SECTION });
      const { settings, problems } = settingsFrom(raw);
      for (const p of problems) this.log.warn(`Invalid setting for ${scopeUri}: ${p}`);
      return settings;
    } catch (e) {
      this.log.warn(`Could not read the settings for ${scopeUri} (${(e as Error)?.message ?? String(e)}); using the defaults`);
      this.cache.delete(scopeUri);
      return defaultSettings();
    }
  }
}
