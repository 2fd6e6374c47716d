/** Which documents start and feed the server. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import picomatch from 'picomatch';
import { classifyFile } from '../../server/src/engine/files';
import { documentSelector, isRelevantDocument, isRelevantNotebook, MANIFEST_GLOB } from '../../client/src/documentSelector';

const doc = (scheme: string, p: string, languageId: string) => ({ uri: { scheme, path: p }, languageId });

describe('document selector', () => {
  it('matches Python notebook cells by scheme (a file filter never matches a cell)', () => {
    assert.ok(documentSelector.some((f) => f.scheme === 'vscode-notebook-cell' && 'language' in f && f.language === 'python'));
  });

  it('matches markdown notebook cells: VS Code asks notebook-level code actions of the first cell only', () => {
    assert.ok(documentSelector.some((f) => f.scheme === 'vscode-notebook-cell' && 'language' in f && f.language === 'markdown'));
  });

  it('its manifest glob matches every manifest name the server classifies', () => {
    const match = picomatch(MANIFEST_GLOB.replace(/^\*\*\//, ''), { dot: true, basename: false });
    const names = ['requirements.txt', 'requirements-dev.txt', 'constraints.in', 'pyproject.toml', 'Pipfile', 'Pipfile.lock', 'environment.yml', 'conda-gpu.yaml', 'setup.py', 'setup.cfg', 'Dockerfile', 'Dockerfile.gpu', 'app.dockerfile', 'Containerfile', 'poetry.lock', 'uv.lock', 'pdm.lock'];
    for (const n of names) {
      assert.equal(classifyFile(n)?.target, 'manifest', `${n} is a manifest for the engine`);
      assert.ok(match(n), `${n} matches the client glob`);
    }
  });

  it('starts the server for Python, cells, notebooks and manifests only', () => {
    assert.ok(isRelevantDocument(doc('file', '/w/train.py', 'python')));
    assert.ok(isRelevantDocument(doc('untitled', 'Untitled-1', 'python')));
    assert.ok(isRelevantDocument(doc('vscode-notebook-cell', '/w/a.ipynb', 'python')));
    assert.ok(isRelevantDocument(doc('file', '/w/requirements.txt', 'plaintext')));
    assert.ok(isRelevantDocument(doc('file', '/w/Dockerfile', 'dockerfile')));
    assert.ok(!isRelevantDocument(doc('file', '/w/README.md', 'markdown')));
    assert.ok(!isRelevantDocument(doc('git', '/w/train.py', 'python')));
    assert.ok(!isRelevantDocument(doc('output', 'extension-output', 'log')));
    assert.ok(isRelevantNotebook({ notebookType: 'jupyter-notebook' }));
    assert.ok(isRelevantNotebook({ notebookType: 'interactive' }));
    assert.ok(!isRelevantNotebook({ notebookType: 'github-issues' }));
  });
});
