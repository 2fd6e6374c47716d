/**
 * Drives the VS Code workbench (code-server in headless Chromium) as a person would: Quick Open,
 * the command palette, the Problems panel, squiggles, hovers, the quick-fix menu. Every wait is
 * a poll on a visible condition with a timeout, never a fixed sleep.
 *
 * The selectors are VS Code's own DOM classes (stable for years, but not an API): if an update
 * of code-server changes one, the failing step's screenshot in test-artifacts/e2e shows what the
 * page looked like.
 */
import * as path from 'node:path';
import type { Frame, Page } from 'playwright-core';
import { poll } from './processes';

export const TIMEOUT = 30_000;

export interface Problem {
  /** The file the Problems panel groups this marker under (a notebook for its cells). */
  resource: string;
  message: string;
  source: string;
  code: string;
  line: number;
  column: number;
  severity: string;
}

export class Workbench {
  private shot = 0;
  constructor(
    readonly page: Page,
    private readonly artifacts: string,
  ) {}

  async screenshot(name: string): Promise<string> {
    const file = path.join(this.artifacts, `${String(++this.shot).padStart(2, '0')}-${name}.png`);
    await this.page.screenshot({ path: file });
    return file;
  }

  async open(url: string, folder: string): Promise<void> {
    // The workbench's scripts load slowly on a loaded 2-core machine: allow longer than playwright's 30 s.
    await this.page.goto(`${url}/?folder=${encodeURIComponent(folder)}`, { timeout: 120_000 });
    await this.page.waitForSelector('.monaco-workbench', { timeout: 60_000 });
    // The explorer lists the folder once the workbench has restored and can take key bindings.
    await this.page.waitForSelector('.explorer-folders-view .monaco-list-row', { timeout: 60_000 });
  }

  /**
   * Ctrl+P, type the file name, pick the matching entry; waits for its tab to be active.
   * Returns the time (Date.now()) Enter was pressed on the entry: when the person opened it.
   */
  async quickOpen(fileName: string): Promise<number> {
    // The entry's label is the name, then ", file results" / ", recently opened" / a dirty mark.
    const opened = await this.quickInput('Control+P', fileName, (label) => label.startsWith(fileName) && !/[\w.-]/.test(label.charAt(fileName.length)));
    await this.page.waitForSelector(`.tabs-container .tab.active[aria-label^="${fileName}"]`, { timeout: TIMEOUT });
    return opened;
  }

  /**
   * `View: Close All Editors`, for a scenario that needs a clean editor area. Unsaved changes an
   * earlier scenario left (a quick fix not saved) are discarded: "Don't Save" in VS Code's dialog.
   */
  async closeAllEditors(): Promise<void> {
    await this.runCommand('View: Close All Editors');
    await poll('every editor closed', async () => {
      if (!(await this.page.locator('.tabs-container .tab').count())) return true;
      const dontSave = this.page.locator('.monaco-dialog-box .dialog-buttons a.monaco-button', { hasText: "Don't Save" });
      if (await dontSave.count()) await dontSave.first().click();
      return false;
    }, TIMEOUT);
  }

  /** Ctrl+Shift+P, type the command's title, run it. */
  async runCommand(title: string): Promise<void> {
    await this.quickInput('Control+Shift+P', title, (label) => label === title || label.startsWith(`${title},`) || label.startsWith(`${title} `));
  }

  private async quickInput(keys: string, text: string, matches: (ariaLabel: string) => boolean): Promise<number> {
    const page = this.page;
    await page.keyboard.press(keys);
    const input = page.locator('.quick-input-widget .quick-input-box input');
    await input.waitFor({ state: 'visible', timeout: TIMEOUT });
    // The palette opens with '>'; Quick Open with ''. Keep the prefix, replace the rest.
    const prefix = keys === 'Control+Shift+P' ? '>' : '';
    await input.fill(prefix + text);
    const find = async () => {
      const labels = await page.$$eval('.quick-input-list .monaco-list-row', (rows) => rows.map((r) => r.getAttribute('aria-label') ?? ''));
      const i = labels.findIndex(matches);
      return i >= 0 ? i : undefined;
    };
    // Quick Open lists files from a search whose results VS Code caches for a while: a file a
    // scenario wrote a moment ago may be missing. Ask again (type the text anew) until it shows.
    const deadline = Date.now() + 2 * TIMEOUT;
    let index: number | undefined;
    while (index === undefined) {
      index = await poll(`"${text}" in the quick input list`, find, 8_000).catch((e: Error) => {
        if (Date.now() > deadline) throw new Error(`${e.message} (asked again until ${Math.round((2 * TIMEOUT) / 1000)}s)`);
        return undefined;
      });
      if (index === undefined) {
        await input.fill(prefix);
        await page.waitForTimeout(300);
        await input.fill(prefix + text);
      }
    }
    for (let i = 0; i < index; i++) await page.keyboard.press('ArrowDown');
    const entered = Date.now();
    await page.keyboard.press('Enter');
    await page.locator('.quick-input-widget').waitFor({ state: 'hidden', timeout: TIMEOUT });
    return entered;
  }

  /** Shows the Problems panel (without toggling it closed when it is already open). */
  async showProblems(): Promise<void> {
    if (!(await this.page.locator('.markers-panel').isVisible())) await this.runCommand('View: Focus Problems (Errors, Warnings, Infos)').catch(() => this.page.keyboard.press('Control+Shift+M'));
    await this.page.locator('.markers-panel').waitFor({ state: 'visible', timeout: TIMEOUT });
  }

  /** Sets the Problems filter box (VS Code matches message, source, code and file). */
  async filterProblems(text: string): Promise<void> {
    await this.showProblems();
    // The visible box only: the Output view has a filter box too, and once it was created its
    // (hidden) box can come first in the page, so the filter text went to Output.
    const box = this.page.locator('.viewpane-filter input:visible, .markers-panel-action-filter input:visible').first();
    await box.fill(text);
  }

  /** The markers the Problems panel shows now (only rows it has rendered; filter to keep them few). */
  async problems(): Promise<Problem[]> {
    await this.showProblems();
    return this.page.$$eval('.markers-panel .monaco-list-row', (rows) => {
      const out: Problem[] = [];
      let resource = '';
      for (const row of rows) {
        if (row.getAttribute('aria-level') === '1') {
          resource = (row.querySelector('.label-name') as HTMLElement | null)?.innerText ?? row.getAttribute('aria-label') ?? '';
          continue;
        }
        const q = (sel: string) => (row.querySelector(sel) as HTMLElement | null)?.innerText.trim() ?? '';
        const pos = /Ln (\d+), Col (\d+)/.exec(q('.marker-line'));
        const icon = row.querySelector('.marker-icon');
        out.push({
          resource,
          message: q('.marker-message'),
          source: q('.marker-source'),
          code: q('.marker-code'),
          line: pos ? Number(pos[1]) : 0,
          column: pos ? Number(pos[2]) : 0,
          severity: ['error', 'warning', 'info'].find((s) => icon?.classList.contains(s)) ?? 'hint',
        });
      }
      return out;
    });
  }

  /**
   * The number of markers the Problems panel counts for one file (the badge on the file's row;
   * it counts every marker, rendered or not), or undefined when the file has no row. Hints are
   * not in Problems.
   */
  async problemCount(fileName: string): Promise<number | undefined> {
    await this.showProblems();
    return this.page.$$eval(
      '.markers-panel .monaco-list-row[aria-level="1"]',
      (rows, name) => {
        for (const row of rows) {
          const label = (row.querySelector('.label-name') as HTMLElement | null)?.innerText.trim();
          if (label !== name) continue;
          const badge = (row.querySelector('.monaco-count-badge') as HTMLElement | null)?.innerText.trim();
          return badge && /^\d+$/.test(badge) ? Number(badge) : undefined;
        }
        return undefined;
      },
      fileName,
    );
  }

  /** Polls the Problems panel (filtered by `filter`) until `accept` says yes. */
  async waitForProblems(what: string, filter: string, accept: (ps: Problem[]) => boolean, timeoutMs = TIMEOUT): Promise<Problem[]> {
    await this.filterProblems(filter);
    let last: Problem[] = [];
    try {
      return await poll(what, async () => {
        last = await this.problems();
        return accept(last) ? last : undefined;
      }, timeoutMs);
    } catch (e) {
      throw new Error(`${(e as Error).message}; Problems panel (filter "${filter}") showed: ${JSON.stringify(last.map((p) => `${p.resource} ${p.code} Ln ${p.line}`))}`);
    }
  }

  /**
   * Scrolls the notebook until cell `cellIndex` is rendered and in view (the notebook list only
   * renders the cells near the viewport).
   */
  async revealCell(cellIndex: number): Promise<void> {
    // The notebook scrolls its own (virtual) list, so the browser's scrollIntoView does not
    // move it: wheel over the list until the cell's editor lies inside the list's box.
    // The last cells cannot scroll up past a half-height panel: hide the panel (Ctrl+J, as a
    // person would); reading the Problems panel shows it again.
    const panel = this.page.locator('.part.panel');
    if (await panel.isVisible()) {
      await this.page.keyboard.press('Control+J');
      await panel.waitFor({ state: 'hidden', timeout: TIMEOUT });
    }
    const editor = this.page.locator(`.notebook-editor .cell-list-container .monaco-list-row[data-index="${cellIndex}"] .monaco-editor`);
    const list = this.page.locator('.notebook-editor .cell-list-container').first();
    await poll(`notebook cell ${cellIndex + 1} in view`, async () => {
      const lb = await list.boundingBox();
      if (!lb) return false;
      const eb = (await editor.count()) ? await editor.first().boundingBox() : null;
      let dy = 300;
      if (eb) {
        if (eb.y >= lb.y && eb.y + Math.min(eb.height, lb.height - 20) <= lb.y + lb.height) return true;
        dy = eb.y < lb.y ? -150 : 150;
      } else {
        // No row rendered yet (a notebook still opening): look again, do not block on one.
        const rows = list.locator('.monaco-list-row');
        if (!(await rows.count())) return false;
        const first = Number(await rows.first().getAttribute('data-index', { timeout: 1000 }));
        if (first > cellIndex) dy = -300;
      }
      await this.page.mouse.move(lb.x + lb.width / 2, lb.y + lb.height / 2);
      await this.page.mouse.wheel(0, dy);
      return false;
    }, TIMEOUT, 150);
  }

  /** Classes of the squiggles drawn in the active text editor, or in one notebook cell. */
  async squiggles(cellIndex?: number): Promise<string[]> {
    if (cellIndex !== undefined) await this.revealCell(cellIndex);
    const scope = cellIndex === undefined ? '.editor-group-container.active .monaco-editor' : `.notebook-editor .cell-list-container .monaco-list-row[data-index="${cellIndex}"] .monaco-editor`;
    return this.page.$$eval(`${scope} [class*="squiggly-"]`, (els) => els.map((e) => /squiggly-[a-z]+/.exec(e.className)?.[0] ?? ''));
  }

  /** The notebook cell editors' text, by cell index (all cells count, as in the .ipynb). */
  async cellText(cellIndex: number): Promise<string> {
    await this.revealCell(cellIndex);
    // Monaco positions each line's div absolutely (style top) and may keep them out of order
    // in the DOM: sort by top to get the text as shown.
    return this.page.$$eval(`.notebook-editor .cell-list-container .monaco-list-row[data-index="${cellIndex}"] .monaco-editor .view-lines .view-line`, (lines) =>
      lines
        .map((l) => ({ top: parseFloat((l as HTMLElement).style.top) || 0, text: (l as HTMLElement).innerText.replace(/\u00a0/g, ' ') }))
        .sort((a, b) => a.top - b.top)
        .map((l) => l.text)
        .join('\n'),
    );
  }

  /** Puts the cursor in a notebook cell at (1-based) line/column by clicking the cell, then keys. */
  async cursorInCell(cellIndex: number, line: number, column: number): Promise<void> {
    await this.revealCell(cellIndex);
    // Click a rendered line's text (the middle of .view-lines can lie under the cell's status bar).
    await this.page.locator(`.notebook-editor .cell-list-container .monaco-list-row[data-index="${cellIndex}"] .monaco-editor .view-line`).first().click({ position: { x: 2, y: 2 } });
    await this.moveCursor(line, column);
  }

  /** Puts the cursor in the active text editor at (1-based) line/column. */
  async cursorInEditor(line: number, column: number): Promise<void> {
    await this.page.locator('.editor-group-container.active .monaco-editor .view-line').first().click({ position: { x: 2, y: 2 } });
    await this.moveCursor(line, column);
  }

  private async moveCursor(line: number, column: number): Promise<void> {
    // Ctrl+Home puts the cursor at 1:1; ArrowDown keeps column 1 on every line.
    await this.page.keyboard.press('Control+Home');
    for (let i = 1; i < line; i++) await this.page.keyboard.press('ArrowDown');
    for (let i = 1; i < column; i++) await this.page.keyboard.press('ArrowRight');
  }

  /** Ctrl+. at the cursor; returns the titles of the actions the quick-fix menu offers. */
  async openQuickFixes(): Promise<string[]> {
    await this.page.keyboard.press('Control+.');
    await this.page.locator('.action-widget:visible').first().waitFor({ state: 'visible', timeout: TIMEOUT });
    return poll('quick fixes in the menu', async () => {
      const items = await this.page.$$eval('.action-widget:visible .monaco-list-row.action', (rows) => rows.map((r) => (r as HTMLElement).innerText.trim() || r.getAttribute('aria-label') || ''));
      return items.length ? items : undefined;
    }, TIMEOUT);
  }

  /** Picks the quick-fix menu entry whose title satisfies `pick`. */
  async chooseQuickFix(pick: (title: string) => boolean): Promise<string> {
    const items = await this.openQuickFixes();
    const index = items.findIndex(pick);
    if (index < 0) throw new Error(`no wanted quick fix among: ${JSON.stringify(items)}`);
    // Keyboard, as a person at Ctrl+. would: move the focus to the entry, then Enter.
    const rows = this.page.locator('.action-widget:visible .monaco-list-row.action');
    await poll(`quick fix "${items[index]}" focused`, async () => {
      const focused = await rows.evaluateAll((els) => els.findIndex((e) => e.classList.contains('focused')));
      if (focused === index) return true;
      await this.page.keyboard.press(focused < index ? 'ArrowDown' : 'ArrowUp');
      return false;
    }, TIMEOUT, 100);
    await this.page.keyboard.press('Enter');
    await poll('the quick-fix menu to close', async () => (await this.page.locator('.action-widget:visible').count()) === 0, TIMEOUT);
    return items[index]!;
  }

  /** Hovers a squiggle's text in the active editor / a cell and returns the hover widget's text. */
  async hoverText(target: { cellIndex?: number; line: number; column: number }, until: (text: string) => boolean): Promise<string> {
    if (target.cellIndex === undefined) await this.cursorInEditor(target.line, target.column);
    else await this.cursorInCell(target.cellIndex, target.line, target.column);
    // "Show or Focus Hover" at the cursor: the same hover a mouse rest shows, without pixel maths.
    await this.page.keyboard.press('Control+K');
    await this.page.keyboard.press('Control+I');
    // The hover's parts (diagnostic, then language-server hover) arrive one after the other.
    let last = '';
    try {
      return await poll('hover text', async () => {
        last = (await this.page.locator('.monaco-hover:visible').allInnerTexts()).join('\n').trim();
        return until(last) ? last : undefined;
      }, TIMEOUT);
    } catch (e) {
      throw new Error(`${(e as Error).message}; hover showed: ${JSON.stringify(last)}`);
    }
  }

  /** The frame inside a webview whose document has `selector` (webviews nest two iframes). */
  async webviewFrame(selector: string): Promise<Frame> {
    return poll(`a webview frame with ${selector}`, async () => {
      for (const f of this.page.frames()) {
        if (f === this.page.mainFrame()) continue;
        try {
          if (await f.$(selector)) return f;
        } catch {
          // frame navigating
        }
      }
      return undefined;
    }, TIMEOUT);
  }
}
