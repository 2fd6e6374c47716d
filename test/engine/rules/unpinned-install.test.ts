import { unpinnedInstall } from '../../../server/src/engine/rules/unpinned-install';
import { ruleTester } from '../ruleTester';

const UV_LOCK = 'version = 1\n[[package]]\nname = "pandas"\nversion = "2.2.2"\n';

ruleTester.run(unpinnedInstall, {
  valid: [
    { cells: ['%pip install pandas==2.2.2 "numpy===1.26.4"'] },
    { cells: ['!pip install -r requirements.txt'] },
    { cells: ['!pip install -e .'] },
    { cells: ['%pip install -q --no-cache-dir -c constraints.txt ./local_pkg'] },
    { cells: ['!pip install git+https://github.com/org/pkg.git@0123456789abcdef0123456789abcdef01234567'] },
    { cells: ['!pip install --upgrade pip==24.0 setuptools==70.0.0'] },
    { cells: ['!pip list\n!pip show pandas\n!pip freeze > requirements.txt'] },
    { cells: ['!pip install {package}\n!pip install $PKG'] },
    { cells: ['%conda install -y -c conda-forge numpy=1.26.4 scipy==1.13.1'] },
    { name: 'option values are not packages', cells: ['!uv pip install --index-strategy first-index --exclude-newer "7 days" --resolution lowest-direct -r requirements.txt'] },
    { name: 'poetry and pipx pins', cells: ['!poetry add requests@2.32.3 "numpy==2.1.0"\n!pipx install --pip-args "--no-cache-dir" black==24.8.0'] },
    { name: 'pip global options before install', cells: ['!pip --cache-dir /tmp/c --log /tmp/l install -r requirements.txt'] },
    { cells: ['print("pip install pandas")  # a string, not a command'] },
    'import subprocess\nsubprocess.run(["pip", "list"])\n',
    'import subprocess, sys\nsubprocess.check_call([sys.executable, "-m", "pip", "install", "pandas==2.2.2"])\n',
    { name: 'allow-unpinned', cells: ['!pip install -U pip'], config: { dependencies: { 'allow-unpinned': ['pip'] } } },
    { name: 'local wheels, archives and folders are not index packages', cells: ['!pip install dist/confluent_kafka*whl\n%pip install ./x-*.whl\n!pip install scikit_survival-*.whl /tmp/x.tar.gz libs/core file:///opt/pkg ~/src/y'] },
    { name: 'Dockerfile: a locally built wheel', manifest: 'FROM python:3.12-slim\nRUN pip install build==1.2.2 && python -m build && pip install dist/mypkg*whl\n', filename: 'Dockerfile' },
    { name: 'Dockerfile: requirements file and pins', manifest: 'FROM python:3.12-slim\nRUN pip install --no-cache-dir -r requirements.txt\nRUN python -m pip install --upgrade pip==24.0 && \\\n    pip install uv==0.4.0\n', filename: 'Dockerfile' },
  ],
  invalid: [
    {
      name: '%pip with options: one finding for the command, from the first to the last unpinned package',
      cells: [{ kind: 'markdown', source: '# setup' }, '%%capture --no-stderr\n%pip install -U --quiet langchain tiktoken==0.7.0 chromadb'],
      errors: [
        { cell: 2, line: 2, column: 25, endColumn: 59, message: "'langchain', 'chromadb' are installed by this notebook without a version, and --upgrade moves them to the newest release: each run can get different releases; pin each (name==version)." },
      ],
    },
    { name: 'a local wheel beside an index package: only the package is reported', cells: ['!pip install dist/mypkg*whl requests'], errors: [{ line: 1, column: 29, endColumn: 37, message: /^'requests' is installed by this notebook and has no version/ }] },
    { name: 'a single unpinned package keeps its own message and place', cells: ['!pip install -q torchinfo'], errors: [{ line: 1, column: 17, endColumn: 26, message: /'torchinfo' is installed by this notebook and has no version/ }] },
    {
      name: 'ten packages on one line are one finding',
      cells: ['%pip install -U a b c d e f g h i j'],
      errors: [{ line: 1, column: 17, endColumn: 36, message: /^'a', 'b', 'c', 'd' and 6 more are installed by this notebook without a version, and --upgrade/ }],
    },
    {
      name: 'a range among bare names: without an exact version; the fix pins every package a lock file knows',
      cells: ['!pip install "pandas>=2" requests'],
      files: { 'poetry.lock': '[[package]]\nname = "requests"\nversion = "2.32.3"\n\n[[package]]\nname = "pandas"\nversion = "2.2.2"\n' },
      errors: [{ line: 1, column: 14, endColumn: 34, message: /without an exact version/ }],
      outputCells: ['!pip install "pandas==2.2.2" requests==2.32.3'],
    },
    { name: 'a test image (tests/Dockerfile.tests): a hint, said so', manifest: 'FROM python:3.12.7\nRUN pip install uv\n', filename: 'tests/Dockerfile.tests', errors: [{ line: 2, severity: 'hint', message: /'uv' is installed by Dockerfile\.tests \(test code, which a deployment does not run\)/ }] },
    { name: 'a test script installing two packages: one hint', code: 'import subprocess\nsubprocess.run(["pip", "install", "pytest", "respx"])\n', filename: 'tests/setup_env.py', errors: [{ line: 2, severity: 'hint' }] },
    { name: 'the same image at the root: a warning', manifest: 'FROM python:3.12.7\nRUN pip install uv\n', filename: 'Dockerfile', errors: [{ line: 2, severity: 'warning' }] },
    {
      name: 'uv pip in a Dockerfile: option values are not packages',
      manifest: 'FROM python:3.12\nRUN uv pip install --system --index-strategy first-index --exclude-newer "7 days" -P httpx --link-mode copy fastapi\n',
      filename: 'Dockerfile',
      errors: [{ line: 2, column: 109, endColumn: 116, message: /^'fastapi' is installed by Dockerfile and has no version, and --upgrade/ }],
    },
    {
      name: 'pip: short clusters with a value option, --opt=value, global options before install',
      cells: ['!pip install -qr requirements.txt torch\n!pip --python /usr/bin/python3 install --index-url=https://x -i https://y -crequirements-lock.txt numpy\n!python -W ignore -m pip install scipy'],
      errors: [{ line: 1, column: 35, endColumn: 40 }, { line: 2, column: 99, endColumn: 104 }, { line: 3, column: 34, endColumn: 39 }],
    },
    {
      name: 'conda and micromamba options with values',
      cells: ['!conda install -y -n base -c conda-forge --solver libmamba numpy\n!micromamba install -r /opt/mamba -f env.yml -c conda-forge scipy'],
      errors: [{ line: 1, column: 60, endColumn: 65 }, { line: 2, column: 61, endColumn: 66 }],
    },
    {
      name: 'poetry add, uv add, uv tool install, pdm add and pipx install',
      cells: ['!poetry add --group dev pytest@^8.0 black@latest\n!uv add --optional llm openai\n!uv tool install --with ruff black\n!pdm add -G test pytest-cov\n!pipx install --python python3.12 httpie'],
      errors: [{ line: 1, column: 25, endColumn: 49, message: /'pytest', 'black' are installed by this notebook without an exact version/ }, { line: 2, column: 24, endColumn: 30 }, { line: 3, column: 30, endColumn: 35 }, { line: 4, column: 18, endColumn: 28 }, { line: 5, column: 35, endColumn: 41 }],
    },
    { name: 'deprecated placeholder: install the real distribution', cells: ['!pip install sklearn==0.0'], errors: [{ line: 1, column: 14, endColumn: 26, message: "'sklearn' is a deprecated placeholder on PyPI that refuses to install: install scikit-learn instead (scikit-learn==<version>)." }] },
    { name: '!pip with a quoted range', cells: ['!pip install "sagemaker>=2.48.0" --upgrade'], errors: [{ cell: 1, line: 1, column: 14, endColumn: 33, message: /allows a range \(>=2\.48\.0\)/ }] },
    { name: '! pip (space), pip3, python -m pip, uv pip', cells: ['! pip install torch\n!pip3 install numpy\n!python -m pip install scipy\n!{sys.executable} -m pip install sympy\n!uv pip install polars'], errors: [{ line: 1, column: 15 }, { line: 2, column: 15 }, { line: 3, column: 24 }, { line: 4, column: 34 }, { line: 5, column: 17 }] },
    { name: 'automagic pip and conda', cells: ['pip install requests\nconda install -c conda-forge numpy=1.26'], errors: [{ line: 1, column: 13 }, { line: 2, column: 30, message: /allows any 1\.26\.\* version.*numpy=<version>/ }] },
    { name: '%%bash body with && chains', cells: ['%%bash\ncd /tmp && pip install flask\necho done'], errors: [{ line: 2, column: 24, endColumn: 29 }] },
    { name: 'fix from the lock file: %pip install x → x==version', cells: ['%pip install pandas'], files: { 'uv.lock': UV_LOCK }, errors: [{ line: 1, column: 14 }], outputCells: ['%pip install pandas==2.2.2'] },
    { name: 'quoted range fixed inside the quotes', cells: ['!pip install "pandas>=2"'], files: { 'uv.lock': UV_LOCK }, errors: [{ line: 1 }], outputCells: ['!pip install "pandas==2.2.2"'] },
    { name: 'no version known: no fix', cells: ['%pip install pandas'], errors: [{ line: 1 }], outputCells: ['%pip install pandas'] },
    {
      name: 'the interpreter by any name the resolver knows: from sys import executable, import sys as s',
      code: 'import subprocess\nfrom sys import executable\nimport sys as s\nsubprocess.run([executable, "-m", "pip", "install", "httpx"])\nsubprocess.run([s.executable, "-m", "pip", "install", "rich"])\n',
      errors: [{ line: 4, column: 54, endColumn: 59 }, { line: 5, column: 56, endColumn: 60 }],
    },
    {
      name: 'subprocess list and shell string in a .py',
      code: 'import os, subprocess, sys\nsubprocess.check_call([sys.executable, "-m", "pip", "install", "pandas"])\nos.system("pip install -q requests")\n',
      errors: [{ line: 2, column: 65, endColumn: 71 }, { line: 3, column: 27, endColumn: 35 }],
    },
    {
      name: 'Dockerfile RUN pip install, --upgrade pip, continuation lines',
      manifest: 'FROM python:3.11.11\nRUN pip install --upgrade pip\nRUN apt-get update && \\\n    pip install --no-cache-dir streamlit \\\n      pandas==2.2.2\n',
      filename: 'Dockerfile',
      errors: [{ line: 2, column: 27, endColumn: 30 }, { line: 4, column: 32, endColumn: 41 }],
      output: null,
    },
    {
      name: 'the installer itself unpinned in a Dockerfile is reported like any package (decision documented)',
      manifest: 'FROM python:3.12-slim\nRUN pip install uv\n',
      filename: 'Dockerfile',
      errors: [{ line: 2, column: 17, endColumn: 19, severity: 'warning', message: /^'uv' is installed by Dockerfile and has no version/ }],
      output: null,
    },
    {
      name: 'one command continued over several lines is one finding, at its first line',
      cells: ['%pip install --quiet \\\n    EbookLib \\\n    html2text==2024.2.26 \\\n    llama-index-llms-ollama'],
      errors: [{ cell: 1, line: 1, column: 2, endColumn: 23, message: "'EbookLib', 'llama-index-llms-ollama' are installed by this notebook without a version: each run can get different releases; pin each (name==version)." }],
    },
    {
      name: 'the grouped finding pins every package a lock file knows',
      cells: ['!pip install \\\n  requests \\\n  numpy'],
      files: { 'poetry.lock': '[[package]]\nname = "requests"\nversion = "2.32.3"\n\n[[package]]\nname = "numpy"\nversion = "2.1.0"\n' },
      errors: [{ cell: 1, line: 1, column: 2 }],
      outputCells: ['!pip install \\\n  requests==2.32.3 \\\n  numpy==2.1.0'],
    },
  ],
});
