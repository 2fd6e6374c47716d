/**
 * A rule's notebook default severity against the user's severities, over a real LSP connection
 * (where the editor customizations are applied): the user's severity from
 * `preflight.notebooks.rules.customizations` or `preflight.rules.customizations` wins, else the
 * rule's notebook default (missing-timeout: info), else its default severity.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { cellUri, openNotebook, startHarness, type Harness } from './lspHarness';

const ERROR = 1;
const WARNING = 2;
const INFORMATION = 3;

describe('notebook severity of missing-timeout', () => {
  let h: Harness;
  before(async () => {
    h = await startHarness();
    await openNotebook(h, [
      { handle: 0, text: 'import requests\nurl = "https://example.com"\n' },
      { handle: 1, text: 'requests.get(url)\n' },
    ]);
    await h.settle();
  });
  after(async () => {
    await h.close();
  });

  async function severity(settings: Record<string, unknown>): Promise<number | undefined> {
    h.settings = settings;
    await h.client.sendNotification('workspace/didChangeConfiguration', { settings: null });
    await h.settle();
    const found = (h.latest.get(cellUri(1)) ?? []).filter((d) => d.code === 'missing-timeout');
    assert.equal(found.length, 1);
    return found[0]!.severity;
  }

  it("without a user severity a notebook gets the rule's notebook default", async () => {
    assert.equal(await severity({}), INFORMATION);
  });

  it('a notebook customization wins over the notebook default', async () => {
    assert.equal(await severity({ notebooks: { rules: { customizations: [{ rule: 'missing-timeout', severity: 'error' }] } } }), ERROR);
  });

  it('a file customization applies to notebooks too; a later notebook "default" gives the notebook default back', async () => {
    assert.equal(await severity({ rules: { customizations: [{ rule: 'missing-timeout', severity: 'warning' }] } }), WARNING);
    assert.equal(
      await severity({
        rules: { customizations: [{ rule: 'missing-timeout', severity: 'error' }] },
        notebooks: { rules: { customizations: [{ rule: 'missing-timeout', severity: 'default' }] } },
      }),
      INFORMATION,
    );
  });
});
