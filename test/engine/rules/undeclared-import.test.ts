import { undeclaredImport } from '../../../server/src/engine/rules/undeclared-import';
import assert from 'node:assert/strict';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { initParser } from '../../../server/src/engine/python/parser';
import { ruleTester, runCase } from '../ruleTester';

const REQS = { 'requirements.txt': 'pandas==2.2.2\nscikit-learn==1.5.0\nopencv-python==4.10.0.84\npillow==10.4.0\npyyaml==6.0.2\nbeautifulsoup4==4.12.3\ngoogle-cloud-storage==2.18.0\npython-dotenv==1.0.1\n' };

ruleTester.run(undeclaredImport, {
  valid: [
    { name: 'no manifest in the project: nothing to compare with', code: 'import requests\n' },
    { name: 'stdlib', code: 'import os, sys, json, tomllib, asyncio\nfrom collections import deque\nimport __future__\n', files: REQS },
    { name: 'import names mapped to distributions', code: 'import pandas as pd\nfrom sklearn.model_selection import train_test_split\nimport cv2\nfrom PIL import Image\nimport yaml\nfrom bs4 import BeautifulSoup\nfrom google.cloud import storage\nfrom dotenv import load_dotenv\n', files: REQS },
    { name: 'relative and own modules', code: 'from . import helpers\nfrom .models import Net\nimport utils\nimport mypkg.sub\n', files: { ...REQS, 'utils.py': '', 'mypkg/__init__.py': '' } },
    { name: 'own package under src/', code: 'import myapp\n', files: { 'pyproject.toml': '[project]\nname = "myapp"\ndependencies = []\n', 'src/myapp/__init__.py': '' } },
    { name: 'guarded optional import', code: 'try:\n    import ujson as json\nexcept ImportError:\n    import json\n', files: REQS },
    { name: 'installed by the notebook itself', cells: ['%pip install requests', 'import requests'], files: REQS },
    { name: 'declared in pyproject optional deps, Pipfile, environment.yml pip list, setup.py', code: 'import httpx\nimport flask\nimport numpy\nimport torch\nimport rich\n', files: { 'pyproject.toml': '[project]\ndependencies = []\n[project.optional-dependencies]\nweb = ["httpx>=0.27"]\n', Pipfile: '[packages]\nflask = "*"\n', 'environment.yml': 'dependencies:\n  - numpy\n  - pip:\n    - torch==2.4.0\n', 'setup.py': 'from setuptools import setup\nsetup(install_requires=["rich"])\n' } },
    { name: 'declared through -r includes', code: 'import requests\n', files: { 'requirements.txt': '-r requirements/base.txt\n', 'requirements/base.txt': 'requests==2.32.3\n' } },
    { name: 'manifest in a parent folder', code: 'import pandas\n', filename: 'notebooks/analysis.py', files: REQS },
    { name: 'known-first-party option', code: 'import company_lib\n', files: REQS, config: { dependencies: { 'known-first-party': ['company_lib'] } } },
  ],
  invalid: [
    { name: 'a third-party import not declared', code: 'import pandas as pd\nimport requests\nfrom requests import get\n', files: REQS, errors: [{ line: 2, column: 8, endColumn: 16, message: /'requests' is imported but no dependency manifest of the project declares it \(requirements\.txt\)/ }] },
    { name: 'notebook, mapped name in the message', cells: ['import os', 'from sklearn.ensemble import RandomForestClassifier\nimport xgboost'], files: { 'requirements.txt': 'pandas\n' }, errors: [{ cell: 2, line: 1, column: 6, endColumn: 22, message: /add 'scikit-learn'/ }, { cell: 2, line: 2, column: 8 }] },
    { name: 'python-version: distutils is gone in 3.12', code: 'import distutils\n', files: REQS, config: { dependencies: { 'python-version': '3.12' } }, errors: [{ line: 1 }] },
  ],
});

describe('undeclared-import: the fix declares the import in requirements.txt', () => {
  const venv = { '.venv/pyvenv.cfg': 'home = /usr\n', '.venv/lib/python3.11/site-packages/scikit_learn-1.5.2.dist-info/METADATA': 'Metadata-Version: 2.1\nName: scikit-learn\nVersion: 1.5.2\n\n' };
  it('appends the distribution pinned to the version the virtual environment has', async () => {
    await initParser();
    const [f] = runCase(undeclaredImport, { code: 'import sklearn\n', files: { 'requirements.txt': 'pandas==2.2.3', ...venv } });
    assert.ok(f?.fix, 'a fix');
    assert.equal(f.fix.applicability, 'unsafe', 'it edits another file: not for fix-all');
    assert.equal(f.fix.edits.length, 1);
    const e = f.fix.edits[0]!;
    assert.equal(path.basename(e.file!), 'requirements.txt');
    assert.deepEqual(e.range, { start: { line: 0, column: 13 }, end: { line: 0, column: 13 } });
    assert.equal(e.newText, '\nscikit-learn==1.5.2\n');
  });
  it('no fix without a known version, nor without a requirements file', async () => {
    await initParser();
    assert.equal(runCase(undeclaredImport, { code: 'import sklearn\n', files: { 'requirements.txt': 'pandas==2.2.3\n' } })[0]?.fix, undefined);
    assert.equal(runCase(undeclaredImport, { code: 'import sklearn\n', files: { 'pyproject.toml': '[project]\nname = "x"\ndependencies = ["pandas==2.2.3"]\n', ...venv } })[0]?.fix, undefined);
  });
});
