import { undeclaredImport } from '../../../server/src/engine/rules/undeclared-import';
import assert from 'node:assert/strict';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { initParser } from '../../../server/src/engine/python/parser';
import { ruleTester, runCase } from '../ruleTester';

/** A uv workspace with a virtual root: a core package and a plugin that depends on it. */
const UV_WS = {
  'pyproject.toml': '[tool.uv.workspace]\nmembers = ["core", "plugins/*"]\nexclude = ["plugins/old"]\n\n[dependency-groups]\ndev = ["pytest==8.3.3"]\n',
  'uv.lock': 'version = 1\n[manifest]\nmembers = ["acme-core", "acme-plugin-x"]\n[[package]]\nname = "aiohttp"\nversion = "3.10.5"\n[[package]]\nname = "yarl"\nversion = "1.11.1"\n',
  'core/pyproject.toml': '[project]\nname = "acme-core"\ndependencies = ["aiohttp>=3.9", "numpy"]\n',
  'core/acme/core/__init__.py': '',
  'plugins/x/pyproject.toml': '[project]\nname = "acme-plugin-x"\ndependencies = ["acme-core", "openai>=1"]\n[tool.uv.sources]\nacme-core = { workspace = true }\n',
  'plugins/x/acme/plugins/x/__init__.py': '',
  'plugins/y/pyproject.toml': '[project]\nname = "acme-plugin-y"\ndependencies = ["anthropic>=0.30"]\n',
  'plugins/y/acme/plugins/y/__init__.py': '',
  'plugins/old/pyproject.toml': '[project]\nname = "acme-old"\ndependencies = ["torch"]\n',
};

const REQS = { 'requirements.txt': 'pandas==2.2.2\nscikit-learn==1.5.0\nopencv-python==4.10.0.84\npillow==10.4.0\npyyaml==6.0.2\nbeautifulsoup4==4.12.3\ngoogle-cloud-storage==2.18.0\npython-dotenv==1.0.1\n' };

ruleTester.run(undeclaredImport, {
  valid: [
    { name: 'a Kaggle notebook (reads /kaggle/input) importing a module no table knows: an attached utility script', cells: ['import pandas as pd\ndf = pd.read_csv("/kaggle/input/comp/train.csv")', 'from metric import score'], files: { 'requirements.txt': 'pandas\n' } },
    { name: 'no manifest in the project: nothing to compare with', code: 'import requests\n' },
    { name: 'stdlib', code: 'import os, sys, json, tomllib, asyncio\nfrom collections import deque\nimport __future__\n', files: REQS },
    { name: 'import names mapped to distributions', code: 'import pandas as pd\nfrom sklearn.model_selection import train_test_split\nimport cv2\nfrom PIL import Image\nimport yaml\nfrom bs4 import BeautifulSoup\nfrom google.cloud import storage\nfrom dotenv import load_dotenv\n', files: REQS },
    { name: 'relative and own modules', code: 'from . import helpers\nfrom .models import Net\nimport utils\nimport mypkg.sub\n', files: { ...REQS, 'utils.py': '', 'mypkg/__init__.py': '' } },
    { name: 'own package under src/', code: 'import myapp\n', files: { 'pyproject.toml': '[project]\nname = "myapp"\ndependencies = []\n', 'src/myapp/__init__.py': '' } },
    { name: 'guarded optional import', code: 'try:\n    import ujson as json\nexcept ImportError:\n    import json\n', files: REQS },
    { name: 'guarded by a tuple of exceptions with an alias, or a bare except with a comment', code: 'try:\n    import ujson\nexcept (OSError, ModuleNotFoundError) as e:\n    ujson = None\ntry:\n    import orjson\nexcept:  # optional\n    orjson = None\n', files: REQS },
    { name: 'installed by the notebook itself', cells: ['%pip install requests', 'import requests'], files: REQS },
    { name: 'declared in pyproject optional deps, Pipfile, environment.yml pip list, setup.py', code: 'import httpx\nimport flask\nimport numpy\nimport torch\nimport rich\n', files: { 'pyproject.toml': '[project]\ndependencies = []\n[project.optional-dependencies]\nweb = ["httpx>=0.27"]\n', Pipfile: '[packages]\nflask = "*"\n', 'environment.yml': 'dependencies:\n  - numpy\n  - pip:\n    - torch==2.4.0\n', 'setup.py': 'from setuptools import setup\nsetup(install_requires=["rich"])\n' } },
    { name: 'declared through -r includes', code: 'import requests\n', files: { 'requirements.txt': '-r requirements/base.txt\n', 'requirements/base.txt': 'requests==2.32.3\n' } },
    { name: 'manifest in a parent folder', code: 'import pandas\n', filename: 'notebooks/analysis.py', files: REQS },
    { name: 'known-first-party option', code: 'import company_lib\n', files: REQS, config: { dependencies: { 'known-first-party': ['company_lib'] } } },
    // Workspaces
    { name: 'uv workspace member: its own manifest declares, a sibling member is the project\'s own', code: 'import openai\nfrom acme.core import thing\nfrom acme.plugins.y import other\n', filename: 'plugins/x/acme/plugins/x/agent.py', files: UV_WS },
    { name: 'uv virtual root: code outside members runs with every member\'s dependencies', code: 'import openai\nimport anthropic\nimport numpy\nfrom acme.plugins.x import Plugin\nimport pytest\n', filename: 'examples/demo.py', files: UV_WS },
    { name: 'hatch environments declare test dependencies', code: 'import pytest\nimport respx\n', filename: 'tests/test_x.py', files: { 'pyproject.toml': '[project]\nname = "x"\ndependencies = ["httpx==0.27.2"]\n[tool.hatch.envs.test]\ndependencies = ["pytest", "respx>=0.21"]\n' } },
    { name: 'hatch workspace root: members are the project\'s own, and their dependencies are installed with them', code: 'from lib_a import f\nimport requests\n', filename: 'apps/web/main.py', files: { 'pyproject.toml': '[project]\nname = "mono"\ndependencies = []\n[tool.hatch.envs.default.workspace]\nmembers = ["libs/*"]\n', 'libs/a/pyproject.toml': '[project]\nname = "lib-a"\ndependencies = ["requests==2.32.3"]\n', 'libs/a/src/lib_a/__init__.py': '' } },
    { name: 'uv member: a member it depends on declares it (the workspace is one project)', code: 'import numpy\nimport aiohttp\n', filename: 'plugins/x/acme/plugins/x/agent.py', files: UV_WS },
    { name: 'Poetry path dependency is the project\'s own', code: 'import shared_utils\n', files: { 'pyproject.toml': '[tool.poetry]\nname = "app"\n[tool.poetry.dependencies]\npython = "^3.11"\nshared-utils = { path = "../shared-utils", develop = true }\n' } },
    // Dynamic dependencies
    { name: 'setuptools dynamic dependencies read from a requirements file', code: 'import requests\n', files: { 'pyproject.toml': '[project]\nname = "x"\ndynamic = ["dependencies"]\n[tool.setuptools.dynamic]\ndependencies = { file = ["requirements/base.txt"] }\n', 'requirements/base.txt': 'requests>=2\n' } },
    { name: 'hatch metadata hook computes the list: nothing is reported', code: 'import requests\nimport whatever_lib\n', files: { 'pyproject.toml': '[project]\nname = "x"\ndynamic = ["dependencies"]\n[tool.hatch.metadata.hooks.custom]\n' } },
    { name: 'setup.py reading its requirements from a file', code: 'import requests\n', files: { 'setup.py': 'from setuptools import setup\nsetup(name="x", install_requires=open("requirements.in").read().splitlines())\n', 'requirements.in': 'requests\n' } },
    // Extras, kernel and runtime modules, names that differ
    { name: 'module brought by a declared extra', code: 'from crewai_tools import SerperDevTool\nfrom livekit.plugins import openai\n', files: { 'requirements.txt': 'crewai[tools]==0.80.0\nlivekit-agents[openai]==1.0.0\n' } },
    { name: 'kernel and Colab runtime modules in a notebook', cells: ['from IPython.display import display\nimport ipykernel', 'from google.colab import drive\nimport kaggle_secrets'], files: REQS },
    { name: 'import names that differ from distribution names', code: 'from google.protobuf import json_format\nfrom tensorflow_serving.apis import predict_pb2\nimport nexusrpc\nfrom strands import Agent\nfrom chatkit.server import ChatKitServer\nimport riva.client\n', files: { 'requirements.txt': 'protobuf==5.28.2\ntensorflow-serving-api==2.17.0\nnexus-rpc==1.1.0\nstrands-agents==1.0.0\nopenai-chatkit==1.0.0\nnvidia-riva-client==2.17.0\n' } },
    { name: 'the virtual environment\'s top_level.txt names the distribution', code: 'import weirdmod\n', files: { 'requirements.txt': 'weird-dist==1.0\n', '.venv/lib/python3.11/site-packages/weird_dist-1.0.dist-info/METADATA': 'Name: weird-dist\nVersion: 1.0\n\n', '.venv/lib/python3.11/site-packages/weird_dist-1.0.dist-info/top_level.txt': 'weirdmod\n' } },
    // Modules a notebook creates itself
    { name: '%%writefile creates the module', cells: ['%%writefile helpers.py\ndef f():\n    return 1', 'import helpers'], files: REQS },
    { name: 'a file downloaded as x.py is the notebook\'s module', cells: ['import requests\nwith open("helper_functions.py", "wb") as f:\n    f.write(requests.get(URL).content)', 'from helper_functions import plot'], files: { 'requirements.txt': 'requests==2.32.3\n' } },
    { name: 'protoc output', cells: ['!python -m grpc_tools.protoc -I. --python_out=. --grpc_python_out=. svc.proto', 'import svc_pb2\nimport svc_pb2_grpc'], files: REQS },
    { name: 'a folder on disk added to sys.path', code: 'import sys\nsys.path.append("../shared")\nimport mytools\n', filename: 'nb/run.py', files: { ...REQS, 'shared/mytools.py': '' } },
    { name: 'a cloned folder added to sys.path: later imports are unknowable', cells: ['!git clone https://example.com/org/tool.git', 'import sys\nsys.path.insert(0, "tool/src")', 'import toolkit_core'], files: REQS },
    { name: 'sibling script elsewhere in the project', code: 'import data_setup\n', filename: 'notebooks/train.py', files: { ...REQS, 'modular/data_setup.py': '' } },
    // Import names wrapped by a declared distribution's name, extras naming distributions
    { name: 'a declared distribution whose name wraps the import (vendor prefix, python-/-client affixes)', code: 'from glide_sync import GlideClient\nimport glide\nimport zzqx_widgets\nimport zzqx_foo\n', files: { 'requirements.txt': 'valkey-glide-sync==2.2.0\nacme-zzqx-widgets==1.0\npython-zzqx-foo-client==1.0\n' } },
    { name: 'an extra named after a distribution declares it', code: 'import pandas\nimport pyarrow\nimport sklearn\n', files: { 'pyproject.toml': '[project]\nname = "x"\ndependencies = ["polars[pandas,pyarrow]>=1.0", "zzqx-lib[sklearn]==1.0"]\n' } },
    // The project's own compiled extensions
    { name: 'setup.py ext_modules: Extension and CMakeExtension names are the project\'s own modules', code: 'import zzqx_native\nfrom zzqx_speed._speedups import f\n', filename: 'pkg/zzqx/function.py', files: { 'pkg/setup.py': 'from setuptools import setup, Extension\nfrom cmake_ext import CMakeExtension\nsetup(name="zzqx", ext_modules=[CMakeExtension("zzqx_native"), Extension("zzqx_speed._speedups", ["src/s.c"])])\n' } },
    { name: 'maturin module-name and setuptools ext-modules in pyproject', code: 'import zzqx_rs\nimport zzqx_c\n', files: { 'pyproject.toml': '[project]\nname = "x"\ndependencies = []\n[tool.maturin]\nmodule-name = "zzqx_rs._core"\n[tool.setuptools]\next-modules = [{ name = "zzqx_c.fast", sources = ["c/fast.c"] }]\n' } },
    { name: 'scikit-build: the CMakeLists.txt beside it names the extension module', code: 'import _zzqx_accel\nimport zzqx_nb\n', files: { 'pyproject.toml': '[build-system]\nrequires = ["scikit-build-core"]\nbuild-backend = "scikit_build_core.build"\n[project]\nname = "x"\ndependencies = []\n', 'CMakeLists.txt': 'cmake_minimum_required(VERSION 3.15)\npybind11_add_module(_zzqx_accel src/accel.cpp)\nnanobind_add_module(zzqx_nb src/nb.cpp)\n' } },
    // Local wheels
    { name: 'a notebook installing a local wheel provides its distribution (import name mapped by the tables)', cells: ['!pip install scikit_survival-*.whl\n%pip install ./wheels/zzqx_tool-1.0-py3-none-any.whl', 'from sksurv.metrics import concordance_index_censored\nimport zzqx_tool'], files: REQS },
    { name: 'imported only under if TYPE_CHECKING: never runs', code: 'from __future__ import annotations\nfrom typing import TYPE_CHECKING\nimport typing\nif TYPE_CHECKING:\n    import aioboto3\nif typing.TYPE_CHECKING:\n    from botocore.client import BaseClient\ndef f(s: aioboto3.Session) -> None: ...\n', files: REQS },
  ],
  invalid: [
    { name: 'the else branch of TYPE_CHECKING runs', code: 'from typing import TYPE_CHECKING\nif TYPE_CHECKING:\n    pass\nelse:\n    import aioboto3\n', files: REQS, errors: [{ line: 5, column: 12, severity: 'warning' }] },
    { name: 'a lazy import inside a function: an optional dependency, a hint', code: 'def embed(provider):\n    if provider == "voyage":\n        from langchain_voyageai import VoyageAIEmbeddings\n        return VoyageAIEmbeddings()\n', files: REQS, errors: [{ line: 3, column: 14, severity: 'hint', message: /imported only inside a function, the way an optional dependency is: declare the distribution that provides 'langchain_voyageai' as an extra/ }] },
    { name: 'imported eagerly too: judged at the eager import', code: 'def f():\n    import httpx\n    return httpx\nimport httpx\n', files: REQS, errors: [{ line: 4, column: 8, severity: 'warning' }] },
    { name: 'test code: a hint naming the test group', code: 'import pytest\n', filename: 'tests/test_api.py', files: REQS, errors: [{ line: 1, severity: 'hint', message: /in test code, which a fresh install of the project does not run: declare .*'pytest'.* in the test or development dependency group/ }] },
    { name: 'pkg_resources comes with setuptools: a hint that says so', code: 'import pkg_resources\nimport pandas\n', filename: 'app/plugins.py', files: { 'requirements.txt': 'pandas==2.2.2\n' }, errors: [{ line: 1, severity: 'hint', message: /it comes with setuptools, which most environments are created with but none promises/ }] },
    { name: 'a script whose usage text runs it with uv run --with: a hint; an import the text does not name: a warning', code: '"""Smoke test.\n\nUsage:\n    uv run --with playwright python scripts/smoke.py [URL]\n"""\nimport os\nfrom playwright.sync_api import sync_playwright\nimport rich\n', filename: 'scripts/smoke.py', files: { 'requirements.txt': 'pandas==2.2.2\n' }, errors: [{ line: 7, severity: 'hint', message: /the file's usage text supplies it for its run \(`uv run --with playwright`\)/ }, { line: 8, severity: 'warning' }] },
    { name: 'usage text with pip install names the distribution (beautifulsoup4 for bs4)', code: '"""Scrape.\n\n$ pip install -U beautifulsoup4\n"""\nfrom bs4 import BeautifulSoup\n', filename: 'tools/scrape.py', files: { 'requirements.txt': 'pandas==2.2.2\n' }, errors: [{ line: 5, severity: 'hint', message: /pip install beautifulsoup4/ }] },
    { name: 'a comment, not a docstring, is no usage text', code: '# uv run --with playwright python x.py\nfrom playwright.sync_api import sync_playwright\n', filename: 'scripts/x.py', files: { 'requirements.txt': 'pandas==2.2.2\n' }, errors: [{ line: 2, severity: 'warning' }] },
    { name: 'benchmark code: a hint, said so', code: 'import rich\n', filename: 'deep_agents/hybrid_benchmark.py', files: { 'requirements.txt': 'pandas==2.2.2\n' }, errors: [{ line: 1, severity: 'hint', message: /in benchmark code, .*benchmark's requirements/ }] },
    { name: 'a demo file named so: a hint', code: 'import rich\n', filename: 'frontend/demo_light/demo_util.py', files: { 'requirements.txt': 'pandas==2.2.2\n' }, errors: [{ line: 1, severity: 'hint', message: /in example code/ }] },
    { name: 'example code: a hint', code: 'from dotenv import load_dotenv\nimport rich\n', filename: 'integrations/x/example/run.py', files: { 'requirements.txt': 'pandas==2.2.2\n' }, errors: [{ line: 1, severity: 'hint', message: /in example code/ }, { line: 2, severity: 'hint', message: /in example code/ }] },
    { name: 'a try whose handler does not catch an import failure is no guard', code: 'try:\n    import requests\nexcept ValueError:\n    pass\n', files: REQS, errors: [{ line: 2, column: 12 }] },
    { name: 'a third-party import not declared', code: 'import pandas as pd\nimport requests\nfrom requests import get\n', files: REQS, errors: [{ line: 2, column: 8, endColumn: 16, message: /'requests' is imported but no dependency manifest of the project declares it \(requirements\.txt\)/ }] },
    { name: 'notebook, mapped name in the message', cells: ['import os', 'from sklearn.ensemble import RandomForestClassifier\nimport xgboost'], files: { 'requirements.txt': 'pandas\n' }, errors: [{ cell: 2, line: 1, column: 6, endColumn: 22, message: /add 'scikit-learn'/ }, { cell: 2, line: 2, column: 8 }] },
    { name: 'python-version: distutils is gone in 3.12', code: 'import distutils\n', files: REQS, config: { dependencies: { 'python-version': '3.12' } }, errors: [{ line: 1 }] },
    // Workspaces: what a member does not declare is still reported
    { name: 'uv member importing what only an unrelated sibling declares', code: 'import anthropic\n', filename: 'plugins/x/acme/plugins/x/agent.py', files: UV_WS, errors: [{ line: 1, message: /a fresh install will not have it; add 'anthropic'/ }] },
    { name: 'excluded member is not the project\'s', code: 'import torch\n', filename: 'examples/demo.py', files: UV_WS, errors: [{ line: 1 }] },
    { name: 'locked transitive dependency → hint with that wording', code: 'import yarl\n', filename: 'core/acme/core/net.py', files: UV_WS, errors: [{ line: 1, severity: 'hint', message: /only a transitive dependency in the lock file provides it/ }] },
    { name: 'installed only as a dependency of a declared library → hint', code: 'import numpy\n', files: { 'requirements.txt': 'pandas==2.2.2\n' }, errors: [{ line: 1, severity: 'hint', message: /only installed transitively \(through 'pandas'\)/ }] },
    { name: 'dynamic list read from a file: what it misses is reported', code: 'import flask\n', files: { 'pyproject.toml': '[project]\nname = "x"\ndynamic = ["dependencies"]\n[tool.setuptools.dynamic]\ndependencies = { file = ["requirements.txt"] }\n', 'requirements.txt': 'requests>=2\n' }, errors: [{ line: 1 }] },
    { name: 'an extra that is not declared does not bring its module', code: 'from crewai_tools import SerperDevTool\n', files: { 'requirements.txt': 'crewai==0.80.0\n' }, errors: [{ line: 1, message: /add 'crewai-tools'/ }] },
    { name: 'kernel modules count only in notebooks', code: 'from IPython.display import display\n', files: REQS, errors: [{ line: 1 }] },
    { name: 'a Kaggle notebook still declares the distributions it imports; a notebook not on Kaggle gets no pass for an unknown module', cells: ['!pip install /kaggle/input/wheels/lifelines-0.30.0-py3-none-any.whl', 'import xgboost\nfrom metric import score'], files: { 'requirements.txt': 'pandas\n' }, errors: [{ cell: 2, line: 1, column: 8, message: /add 'xgboost'/ }] },
    { name: 'not on Kaggle: an unknown module in a notebook is reported', cells: ['import pandas as pd\ndf = pd.read_csv("data/train.csv")', 'from metric import score'], files: { 'requirements.txt': 'pandas\n' }, errors: [{ cell: 2, line: 1, column: 6, message: /add the distribution that provides 'metric'/ }] },
    { name: 'an unknown distribution is never named', code: 'import zzqx_unknown\n', files: REQS, errors: [{ line: 1, message: /add the distribution that provides 'zzqx_unknown'/ }] },
    { name: 'mapped names in the message', code: 'from google.protobuf import json_format\nimport nexusrpc\n', files: { 'requirements.txt': 'pandas==2.2.2\n' }, errors: [{ line: 1, message: /add 'protobuf'/ }, { line: 2, message: /add 'nexus-rpc'/ }] },
    { name: 'a plugin of a host framework or a stub package does not provide the host\'s import', code: 'import zzqx\nimport zzqy\n', files: { 'requirements.txt': 'pytest-zzqx==1.0\ntypes-zzqy==1.0\n' }, errors: [{ line: 1, message: /a fresh install will not have it/ }, { line: 2, message: /a fresh install will not have it/ }] },
    { name: 'an import the tables map is never guessed from a name\'s shape', code: 'import yaml\n', files: { 'requirements.txt': 'ruamel-yaml==0.18.6\n' }, errors: [{ line: 1, message: /add 'pyyaml'/ }] },
    { name: 'a distribution\'s own dependency is not its import (sentence-transformers requires transformers) → hint', code: 'import transformers\n', files: { 'requirements.txt': 'sentence-transformers==3.0.1\n' }, errors: [{ line: 1, severity: 'hint', message: /only installed transitively \(through 'sentence-transformers'\)/ }] },
    { name: 'an extra that names no distribution declares nothing; one extra does not bring another', code: 'import zzqx_thing\nimport pyarrow\n', files: { 'requirements.txt': 'polars[zzqx-thing,pandas]==1.0\n' }, errors: [{ line: 1 }, { line: 2, severity: 'warning' }] },
    { name: 'required dependencies are followed transitively → hint', code: 'import httpx\nimport requests\n', files: { 'requirements.txt': 'haystack-ai==2.8.0\nwikipedia==1.4.0\n' }, errors: [{ line: 1, severity: 'hint', message: /only installed transitively \(through 'haystack-ai' → openai\)/ }, { line: 2, severity: 'hint', message: /only installed transitively \(through/ }] },
    { name: 'a pinned old dspy-ai brings ujson and pandas (→ pytz); trafilatura brings pytz through htmldate and dateparser → hints', code: 'import ujson\nimport pytz\n', files: { 'requirements.txt': 'dspy_ai==2.4.9\n' }, errors: [{ line: 1, severity: 'hint', message: /only installed transitively \(through 'dspy-ai'\)/ }, { line: 2, severity: 'hint', message: /only installed transitively \(through 'dspy-ai' → pandas\)/ }] },
    { name: 'a chain of required dependencies is named in the hint', code: 'import pytz\n', files: { 'requirements.txt': 'trafilatura\n' }, errors: [{ line: 1, severity: 'hint', message: /only installed transitively \(through 'trafilatura' → htmldate → dateparser\)/ }] },
    { name: 'wikipedia always installs requests → hint', code: 'import requests\n', files: { 'requirements.txt': 'wikipedia==1.4.0\n' }, errors: [{ line: 1, severity: 'hint', message: /only installed transitively \(through 'wikipedia'\)/ }] },
    { name: 'an extension module of another project is not this one\'s', code: 'import zzqx_native\n', filename: 'app/main.py', files: { 'app/requirements.txt': 'pandas==2.2.2\n', 'lib/setup.py': 'from setuptools import setup, Extension\nsetup(name="zzqx", ext_modules=[Extension("zzqx_native", ["s.c"])])\n' }, errors: [{ line: 1 }] },
    { name: 'a local wheel of another distribution does not provide the import', cells: ['!pip install zzqx_other-*.whl', 'from sksurv.metrics import concordance_index_censored'], files: REQS, errors: [{ cell: 2, line: 1, message: /add 'scikit-survival'/ }] },
    { name: 'an import before an unknown sys.path entry is still reported', cells: ['import zzqx_lib', 'import sys\nsys.path.append("/content/drive/MyDrive/lib")', 'import zzqx_other'], files: REQS, errors: [{ cell: 1, line: 1 }] },
    { name: 'sys.path folder on disk without the module', code: 'import sys\nsys.path.append("../shared")\nimport zzqx_lib\n', filename: 'nb/run.py', files: { ...REQS, 'shared/mytools.py': '' }, errors: [{ line: 3 }] },
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
