import assert from 'node:assert/strict';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { parseUnit, programFromNotebook, programFromPython, programFromUnits, type PythonProgram } from '../../server/src/engine/python/program';
import { constantOf, constructorOf, elementsOf, libraryOf, originOf, projectCallee, projectValueOf, qualifiedName, valueOf } from '../../server/src/engine/python/resolve';
import { text, walk, type PyNode } from '../../server/src/engine/python/syntax';
import { MEMORY_ROOT, memoryProject, useParser } from './helpers';

useParser();

/** The last node of the program (any unit) whose text is `snippet`, with its unit. */
function nodeOf(p: PythonProgram, snippet: string): { node: PyNode; unit: number } {
  let found: { node: PyNode; unit: number } | undefined;
  p.units.forEach((u, unit) =>
    walk(u.root, (n) => {
      if (text(n) === snippet) found = { node: n, unit };
    }),
  );
  assert.ok(found, `no node ${snippet}`);
  return found;
}

const origin = (code: string, snippet: string) => {
  const p = programFromPython(code);
  const { node, unit } = nodeOf(p, snippet);
  return originOf(p, node, unit);
};

describe('resolver: originOf spells a value the way catalogues do', () => {
  const cases: [string, string, string, string | undefined][] = [
    ['import alias', 'import numpy as np\nnp.random.rand', 'np.random.rand', 'numpy.random.rand'],
    ['from-import', 'from requests import post\npost', 'post', 'requests.post'],
    ['constructor call', 'import httpx\nc = httpx.Client()\nc.post', 'c.post', 'httpx.Client().post'],
    ['with … as', 'import httpx\nwith httpx.Client() as c:\n    c.post', 'c.post', 'httpx.Client().post'],
    ['parameter annotation', 'import httpx\ndef f(c: httpx.Client):\n    c.post', 'c.post', 'httpx.Client().post'],
    ['self attribute set in __init__', 'import requests\nclass A:\n    def __init__(self):\n        self.s = requests.Session()\n    def go(self):\n        self.s.post', 'self.s.post', 'requests.Session().post'],
    ['self attribute set in another method', 'import boto3\nclass A:\n    def setup(self):\n        self.q = boto3.client("sqs")\n    def go(self):\n        self.q.send_message', 'self.q.send_message', 'boto3.client().send_message'],
    ['factory returning a session', 'import requests\ns = requests.session()\ns.get', 's.get', 'requests.Session().get'],
    ['re-exported class', 'from requests.sessions import Session\nSession().get', 'Session().get', 'requests.Session().get'],
    ['subscripts', 'import pymongo\ndb = pymongo.MongoClient()["app"]\ndb["users"].insert_one', 'db["users"].insert_one', 'pymongo.MongoClient()[][].insert_one'],
    ['await and parentheses', 'import httpx\nasync def f():\n    c = httpx.AsyncClient()\n    (await c.post(u)).json', '(await c.post(u)).json', 'httpx.AsyncClient().post().json'],
    ['self attribute from an annotated parameter', 'from hotel_db import HotelDB\nclass T:\n    def __init__(self, db: HotelDB):\n        self._db = db\n    def go(self):\n        self._db.book_room', 'self._db.book_room', 'hotel_db.HotelDB().book_room'],
    ['self attribute: a constructor call wins over an annotated parameter', 'import httpx\nclass T:\n    def __init__(self, c: Base):\n        self.c = c\n    def reset(self):\n        self.c = httpx.Client()\n    def go(self):\n        self.c.post', 'self.c.post', 'httpx.Client().post'],
    ['self attribute from an unannotated parameter stays unknown', 'class T:\n    def __init__(self, db):\n        self._db = db\n    def go(self):\n        self._db.book_room', 'self._db.book_room', '?._db.book_room'],
    ['with … as binds what __enter__ gives (sessionmaker.begin)', 'from sqlalchemy.orm import sessionmaker\nSession = sessionmaker()\nwith Session.begin() as s:\n    s.add', 's.add', 'sqlalchemy.orm.Session().add'],
    ['unknown parameter', 'def f(client):\n    client.chat.create', 'client.chat.create', '?.chat.create'],
    ['builtin keeps its name', 'open', 'open', 'open'],
    ['local function', 'def helper():\n    pass\nhelper', 'helper', 'helper'],
    ['rebinding chains in a notebook style', 'import datasets\nds = datasets.load_dataset("x")\nds = ds.map(f)\nds = ds.map(g)\nds = ds.map(h)\nds = ds.map(i)\nds = ds.map(j)\nds = ds.map(k)\nds.shuffle', 'ds.shuffle', 'datasets.load_dataset().map().map().map().map().map().map().shuffle'],
  ];
  for (const [name, code, snippet, expected] of cases) it(name, () => assert.equal(origin(code, snippet), expected));
});

describe('resolver: declared types of generics and class fields', () => {
  const cases: [string, string, string, string | undefined][] = [
    ['RunContext[T].userdata is a T', 'from livekit.agents import RunContext\nfrom cal import Calendar\ndef f(ctx: RunContext[Calendar]):\n    ctx.userdata.book', 'ctx.userdata.book', 'cal.Calendar().book'],
    ['pydantic-ai RunContext[Deps].deps', 'from pydantic_ai import RunContext\nfrom app.deps import Deps\ndef f(ctx: RunContext[Deps]):\n    ctx.deps.db', 'ctx.deps', 'app.deps.Deps()'],
    ['an attribute the generic does not type stays unknown', 'from livekit.agents import RunContext\nfrom cal import Calendar\ndef f(ctx: RunContext[Calendar]):\n    ctx.session', 'ctx.session', '?.session'],
    ['a generic the catalogue does not know stays unknown', 'from typing import Generic\nfrom cal import Calendar\ndef f(box: Box[Calendar]):\n    box.userdata', 'box.userdata', '?.userdata'],
    ['a dataclass field through a generic', 'from dataclasses import dataclass\nfrom livekit.agents import RunContext\nfrom cal import Calendar\n@dataclass\nclass U:\n    cal: Calendar\n    n: int = 0\ndef f(ctx: RunContext[U]):\n    ctx.userdata.cal.book', 'ctx.userdata.cal.book', 'cal.Calendar().book'],
    ['a dataclass field of an instance', 'from dataclasses import dataclass\nimport httpx\n@dataclass\nclass Deps:\n    http: httpx.AsyncClient\nd = Deps(http=x)\nd.http.post', 'd.http.post', 'httpx.AsyncClient().post'],
    ['an Optional / X | None field', 'import httpx\nfrom typing import Optional\nclass Deps:\n    a: Optional[httpx.Client]\n    b: httpx.Client | None = None\ndef f(d: Deps):\n    d.a.post\n    d.b.post', 'd.b.post', 'httpx.Client().post'],
    ['self.x: T annotated in __init__', 'from cal import Calendar\nclass Desk:\n    def __init__(self, c):\n        self.cal: Calendar = c\n    def go(self):\n        self.cal.book', 'self.cal.book', 'cal.Calendar().book'],
    ['a union of two types is not one type', 'import httpx, requests\nclass Deps:\n    a: httpx.Client | requests.Session\ndef f(d: Deps):\n    d.a.post', 'd.a.post', 'Deps().a.post'],
    ['an unannotated field stays as it was', 'class Deps:\n    a = None\ndef f(d: Deps):\n    d.a.post', 'd.a.post', 'Deps().a.post'],
    ['livekit http_session() gives an aiohttp session', 'from livekit.agents.utils import http_context\ns = http_context.http_session()\ns.post', 's.post', 'aiohttp.ClientSession().post'],
  ];
  for (const [name, code, snippet, expected] of cases) it(name, () => assert.equal(origin(code, snippet), expected));
  it('Optional[X] is X', () => assert.equal(origin('import httpx\nfrom typing import Optional\nclass Deps:\n    a: Optional[httpx.Client]\ndef f(d: Deps):\n    d.a.get', 'd.a.get'), 'httpx.Client().get'));
});

describe('resolver: libraryOf traces a receiver to the library it came from', () => {
  const lib = (code: string, snippet: string) => {
    const p = programFromPython(code);
    const { node, unit } = nodeOf(p, snippet);
    return libraryOf(p, node, unit);
  };
  it('through assignments and chains', () => assert.equal(lib('import pandas as pd\ndf = pd.read_csv("a")\ndf[df.a > 0].dropna()', 'df[df.a > 0]'), 'pandas.read_csv'));
  it('from a constructor in the chain', () => assert.equal(lib('import pandas as pd\npd.DataFrame(x).sample', 'pd.DataFrame(x)'), 'pandas.DataFrame'));
  it('unknown receivers are undefined', () => assert.equal(lib('def f(df):\n    df.sample', 'df'), undefined));
  it('across notebook cells, in execution order', () => {
    const p = programFromNotebook({ language: 'python', cells: ['import pandas as pd', 'df = pd.read_parquet("a")', 'df.sample()'].map((source) => ({ kind: 'code' as const, source, executionCount: null })) });
    const { node, unit } = nodeOf(p, 'df.sample');
    assert.equal(libraryOf(p, node, unit), 'pandas.read_parquet');
  });
});

describe('resolver: qualified names, values and constants', () => {
  it('qualifiedName follows aliases', () => {
    const p = programFromPython('import numpy as np\nr = np.random\nr.seed');
    const { node, unit } = nodeOf(p, 'r.seed');
    assert.equal(qualifiedName(p, node, unit), 'numpy.random.seed');
  });
  it('valueOf follows names to the expression they were bound to', () => {
    const p = programFromPython('a = "model.pkl"\nb = a\nsave(b)');
    const { node, unit } = nodeOf(p, 'b');
    assert.equal(text(valueOf(p, node, unit).node), '"model.pkl"');
  });
  const constants: [string, string, unknown][] = [
    ['x = "s"\nuse(x)', 'x', 's'],
    ['x = 3\nuse(x)', 'x', 3],
    ['x = 1_000\nuse(x)', 'x', 1000],
    ['x = 2.5\nuse(x)', 'x', 2.5],
    ['x = True\nuse(x)', 'x', true],
    ['x = None\nuse(x)', 'x', null],
    ['x = f()\nuse(x)', 'x', undefined],
    ['def f(x):\n    use(x)', 'x', undefined],
  ];
  for (const [code, snippet, expected] of constants) {
    it(`constantOf ${JSON.stringify(code)}`, () => {
      const p = programFromPython(code);
      const { node, unit } = nodeOf(p, snippet);
      assert.equal(constantOf(p, node, unit), expected);
    });
  }
});

describe('resolver: elementsOf, the items of a list the code builds', () => {
  const items = (code: string, snippet: string) => {
    const p = programFromPython(code);
    const { node, unit } = nodeOf(p, snippet);
    return elementsOf(p, node, unit)?.map((e) => text(e.node));
  };
  it('a literal, through names, + and * unpacking', () => {
    assert.deepEqual(items('a = [f, g]\nb = (h,)\ntools = a + [*b, k]\nuse(tools)', 'tools'), ['f', 'g', 'h', 'k']);
  });
  it('undefined when a part is not a literal collection', () => {
    assert.equal(items('def run(extra):\n    tools = [f] + extra\n    use(tools)', 'tools'), undefined);
    assert.equal(items('tools = load()\nuse(tools)', 'tools'), undefined);
  });
});

describe('resolver: constructorOf, the call that built a value', () => {
  const ctor = (code: string, snippet: string) => {
    const p = programFromPython(code);
    const { node, unit } = nodeOf(p, snippet);
    const c = constructorOf(p, node, unit);
    return c && text(c);
  };
  it('a name bound to a call, and self.x assigned one in the class', () => {
    assert.equal(ctor('c = OpenAI(base_url=u)\nc.chat', 'c'), 'OpenAI(base_url=u)');
    assert.equal(ctor('class A:\n    def __init__(self):\n        self.c = OpenAI(base_url=u)\n    def go(self):\n        self.c.chat', 'self.c'), 'OpenAI(base_url=u)');
  });
  it('undefined for a parameter or a value that is not a call', () => {
    assert.equal(ctor('def f(c):\n    c.chat', 'c'), undefined);
    assert.equal(ctor('c = other\nc.chat', 'c'), undefined);
  });
});

describe('resolver: projectValueOf follows names into the project\'s modules', () => {
  const ROOT = MEMORY_ROOT;
  const project = memoryProject;
  const value = (files: Record<string, string>, code: string, snippet: string) => {
    const p = programFromPython(code);
    const { node, unit } = nodeOf(p, snippet);
    const v = projectValueOf(project(files), path.join(ROOT, 'main.py'), p, node, unit);
    return [path.relative(ROOT, v.file), text(v.node)];
  };
  it('to the module-level binding, through a package re-export and a chain of names', () => {
    const files = { 'app/__init__.py': 'from app.settings import llm_config\n', 'app/settings.py': 'base = {"model": "m"}\nllm_config = base\n' };
    assert.deepEqual(value(files, 'from app import llm_config\nuse(llm_config)', 'llm_config'), ['app/settings.py', '{"model": "m"}']);
  });
  it('stops at the name for libraries, parameters and modules that cannot be read', () => {
    assert.deepEqual(value({}, 'from autogen import llm_config\nuse(llm_config)', 'llm_config'), ['main.py', 'llm_config']);
    assert.deepEqual(value({ 'cfg.py': 'x = load()\n' }, 'from cfg import y\nuse(y)', 'y'), ['main.py', 'y']);
    assert.deepEqual(value({ 'cfg.py': 'x = load()\n' }, 'from cfg import x\nuse(x)', 'x'), ['cfg.py', 'load()']);
    // an import cycle between project modules ends at the name
    assert.deepEqual(value({ 'a.py': 'from b import x\n', 'b.py': 'from a import x\n' }, 'from a import x\nuse(x)', 'x'), ['main.py', 'x']);
  });
});

describe('resolver: projectCallee follows instance attributes into the project\'s classes', () => {
  const ROOT = MEMORY_ROOT;
  const files = {
    'common.py': 'from dataclasses import dataclass\nfrom hotel_db import HotelDB\nfrom services import Services\n@dataclass\nclass Userdata:\n    db: HotelDB\n    services: Services\n    note: str = ""\n',
    'services.py': 'from hotel_db import HotelDB\nclass Local:\n    def ping(self): ...\nclass Services:\n    def __init__(self):\n        self.db = HotelDB()\n        self.local = Local()\n',
    'hotel_db.py': 'class HotelDB:\n    def book(self): ...\n',
    'twice.py': 'class Userdata:\n    db: int\nclass Userdata:\n    db: str\n',
    'broken.py': 'class Userdata(:\n',
  };
  const callee = (name: string) => {
    const found = projectCallee(memoryProject(files), path.join(ROOT, 'main.py'), name);
    return found && [path.relative(ROOT, found.file), found.path];
  };
  const cases: [string, [string, string] | undefined][] = [
    ['hotel_db.HotelDB.book', ['hotel_db.py', 'HotelDB.book']],
    ['common.Userdata().db.book', ['hotel_db.py', 'HotelDB.book']],
    ['common.Userdata().services.db.book', ['hotel_db.py', 'HotelDB.book']],
    ['common.Userdata().services.local.ping', ['services.py', 'Local.ping']],
    ['common.Userdata().note.upper', undefined], // a builtin type: not the project's
    ['common.Userdata().missing.book', undefined],
    ['twice.Userdata().db.book', undefined], // two classes of that name: ambiguous
    ['broken.Userdata().db.book', undefined], // does not parse: unknown
    ['openai.OpenAI().chat.completions.create', undefined],
  ];
  for (const [name, expected] of cases) it(name, () => assert.deepEqual(callee(name), expected));
});

describe('resolver: a cell that keeps its parse follows what the other cells bind when the notebook is joined again', () => {
  // The language server re-joins a notebook on every edit; unchanged cells keep their parse.
  const cell = (source: string, index: number) => parseUnit(source, { cell: index, ipython: true }).unit;
  const originIn = (units: ReturnType<typeof cell>[], snippet: string) => {
    const p = programFromUnits('notebook', units);
    const { node, unit } = nodeOf(p, snippet);
    return originOf(p, node, unit);
  };
  // Each case joins the same parses again and again, as edits do: [cells, read, its origin].
  // A cell is parsed once per case (the parser is ready only inside a test).
  const NUMPY = 'import numpy as np';
  const CUPY = 'import cupy as np';
  const RAND = 'x = np.random.rand(3)';
  const HOTEL = 'from hotel import HotelDB\nclass U:\n    db: HotelDB';
  const BOOK = 'u = U()\nu.db.book()';
  const cases: [string, [string[], string, string][]][] = [
    ['a cell that is not edited sees what an edited cell now binds', [
      [[NUMPY, RAND], 'np.random.rand', 'numpy.random.rand'],
      [[CUPY, RAND], 'np.random.rand', 'cupy.random.rand'],
      [['np = 1', RAND], 'np.random.rand', '?.random.rand'],
    ]],
    ['a binding added in another cell, or taken away, changes the answer', [
      [['import requests', 'client.post(u)'], 'client.post', 'client.post'],
      [['import requests', 'client.post(u)', 'client = requests.Session()'], 'client.post', 'requests.Session().post'],
      [['import requests', 'client.post(u)'], 'client.post', 'client.post'],
    ]],
    ['a second class of the same name elsewhere makes a declared field unknown', [
      [[HOTEL, BOOK], 'u.db.book', 'hotel.HotelDB().book'],
      [[HOTEL, BOOK, 'class U:\n    db: int'], 'u.db.book', 'U().db.book'],
      [[HOTEL, BOOK], 'u.db.book', 'hotel.HotelDB().book'],
    ]],
    ['cells reordered: a read sees the binding above it in the new order', [
      [[NUMPY, RAND, CUPY], 'np.random.rand', 'numpy.random.rand'],
      [[CUPY, RAND, NUMPY], 'np.random.rand', 'cupy.random.rand'],
    ]],
  ];
  for (const [name, steps] of cases) {
    it(name, () => {
      const parsed = new Map<string, ReturnType<typeof cell>>();
      const unitOf = (source: string) => parsed.get(source) ?? parsed.set(source, cell(source, parsed.size)).get(source)!;
      for (const [sources, read, expected] of steps) assert.equal(originIn(sources.map(unitOf), read), expected);
    });
  }
});
