import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { CERTAIN_EDGES, callGraphOf, functionKey, summarize, type SummarySpec } from '../../server/src/engine/python/callGraph';
import { programFromPython, type PythonProgram } from '../../server/src/engine/python/program';
import type { CallSite, FunctionInfo } from '../../server/src/engine/python/semantics';
import { text } from '../../server/src/engine/python/syntax';
import { useParser } from './helpers';

useParser();

function fn(p: PythonProgram, key: string): FunctionInfo {
  const f = p.semantics.functions.find((x) => functionKey(x) === key);
  assert.ok(f, `no function ${key}`);
  return f;
}

/** `calleeText -> kind:key, …` for every call in the program. */
function edges(code: string): string[] {
  const p = programFromPython(code);
  const g = callGraphOf(p);
  return p.semantics.calls.flatMap((c) => g.callees(c).map((e) => `${text(c.callee)} -> ${e.kind}:${functionKey(e.fn)}`));
}

describe('call graph: callees', () => {
  it('plain functions, constructors and methods', () => {
    const code = [
      'class Shop:',
      '    def __init__(self):',
      '        self.setup()',
      '    def setup(self):',
      '        pass',
      '    @classmethod',
      '    def make(cls):',
      '        return cls.build()',
      '    @classmethod',
      '    def build(cls):',
      '        pass',
      'def helper():',
      '    pass',
      'shop = Shop()',
      'shop.setup()',
      'Shop.make()',
      'helper()',
    ].join('\n');
    assert.deepEqual(edges(code), [
      'self.setup -> self:Shop.setup',
      'cls.build -> self:Shop.build',
      'Shop -> constructor:Shop.__init__',
      'shop.setup -> instance:Shop.setup',
      'Shop.make -> instance:Shop.make',
      'helper -> direct:helper',
    ]);
  });
  it('nested functions: a closure calls its sibling, self reaches through a closure', () => {
    const code = ['class A:', '    def run(self):', '        def inner():', '            return self.go()', '        return inner()', '    def go(self):', '        pass'].join('\n');
    assert.deepEqual(edges(code), ['self.go -> self:A.go', 'inner -> direct:A.run.<locals>.inner']);
  });
  it('an untyped receiver reaches a method only as a guess, and never on a module', () => {
    assert.deepEqual(edges('class A:\n    def ping(self):\n        pass\ndef f(x):\n    x.ping()'), ['x.ping -> unique-method:A.ping']);
    assert.deepEqual(edges('import os\nclass A:\n    def getcwd(self):\n        pass\nos.getcwd()'), []);
    assert.deepEqual(edges('class A:\n    def ping(self):\n        pass\nclass B:\n    def ping(self):\n        pass\ndef f(x):\n    x.ping()'), []);
  });
  it('receivers the resolver types: an instance kept in self.x, an annotated parameter', () => {
    const code = [
      'class Store:',
      '    def add(self, x):',
      '        pass',
      'class Server:',
      '    def __init__(self):',
      '        self.store = Store()',
      '    def handle(self, x):',
      '        self.store.add(x)',
      'def f(s: Store):',
      '    s.add(1)',
    ].join('\n');
    assert.deepEqual(
      edges(code).filter((e) => e.startsWith('self.store.add') || e.startsWith('s.add')),
      ['self.store.add -> instance:Store.add', 's.add -> instance:Store.add'],
    );
  });
  it('external: methods of instances of imported classes', () => {
    const p = programFromPython('from app.memory import MemoryStore\nfrom .db import Repo\nclass S:\n    def __init__(self):\n        self.m = MemoryStore()\n    def go(self):\n        self.m.save(1)\nr = Repo()\nr.insert(2)\nimport requests\nrequests.Session().post(u)');
    const g = callGraphOf(p);
    const ext = (callee: string) => g.external(p.semantics.calls.find((c) => text(c.callee) === callee)!);
    assert.equal(ext('self.m.save'), 'app.memory.MemoryStore.save');
    assert.equal(ext('r.insert'), '.db.Repo.insert');
    assert.equal(ext('requests.Session().post'), 'requests.Session.post');
  });
  it('dispatch tables: every function of a dict literal may run', () => {
    const code = ['def refund(a):\n    pass', 'def cancel(a):\n    pass', 'HANDLERS = {"refund": refund, "cancel": cancel}', 'def run(name, a):\n    HANDLERS[name](a)\n    HANDLERS.get(name)(a)'].join('\n');
    assert.deepEqual(edges(code), ['HANDLERS[name] -> dispatch:refund', 'HANDLERS[name] -> dispatch:cancel', 'HANDLERS.get(name) -> dispatch:refund', 'HANDLERS.get(name) -> dispatch:cancel']);
  });
  it('dispatch through a name bound to the looked-up function', () => {
    const code = ['def refund(a):\n    pass', 'HANDLERS = {"refund": refund}', 'def run(name, a):\n    h = HANDLERS.get(name)\n    h(a)'].join('\n');
    assert.deepEqual(edges(code), ['h -> dispatch:refund']);
  });
  it('callers, filtered by edge kind', () => {
    const p = programFromPython('class A:\n    def ping(self):\n        pass\n    def run(self):\n        self.ping()\ndef f(x):\n    x.ping()');
    const g = callGraphOf(p);
    const ping = fn(p, 'A.ping');
    assert.deepEqual(g.callers(ping).map((c) => text(c.callee)), ['self.ping', 'x.ping']);
    assert.deepEqual(g.callers(ping, CERTAIN_EDGES).map((c) => text(c.callee)), ['self.ping']);
  });
  it('functionNamed: references handed to frameworks', () => {
    const p = programFromPython('def job():\n    pass\nclass W:\n    def handle(self):\n        pass\n    def start(self):\n        register(self.handle, job)');
    const g = callGraphOf(p);
    const reg = p.semantics.calls.find((c) => text(c.callee) === 'register')!;
    assert.deepEqual(reg.positional.map((a) => g.functionNamed(a, reg.unit)).map((f) => f && functionKey(f)), ['W.handle', 'job']);
  });
  it('external: the qualified name of an imported callee', () => {
    const p = programFromPython('from app.mail import send\nimport app.db as db\ndef local():\n    pass\nsend()\ndb.insert()\nlocal()\nunknown()');
    const g = callGraphOf(p);
    assert.deepEqual(p.semantics.calls.map((c: CallSite) => g.external(c)), ['app.mail.send', 'app.db.insert', undefined, undefined]);
  });
});

describe('call graph: Protocol and abstract methods run their implementations', () => {
  const spec: SummarySpec<ReadonlySet<string>> = {
    local: () => new Set(),
    atCall: (c) => (/^send_\w+$/.test(text(c.callee).split('.').pop()!) ? new Set([text(c.callee).split('.').pop()!]) : undefined),
    join: (a, b) => new Set([...a, ...b]),
    equals: (a, b) => a.size === b.size,
  };
  const reached = (code: string, key: string) => {
    const p = programFromPython(code);
    return [...summarize(callGraphOf(p), spec).get(fn(p, key))!].sort();
  };
  const IFACE = (base: string, head = 'from typing import Protocol\nfrom abc import ABC, ABCMeta, abstractmethod\n') =>
    `${head}class Calendar(${base}):\n    def book(self, slot): ...\nclass Fake(Calendar):\n    def book(self, slot):\n        self.slots.append(slot)\nclass CalCom(Calendar):\n    def book(self, slot):\n        self.http.send_post(slot)\ndef tool(cal: Calendar, slot):\n    cal.book(slot)\n`;
  it('a Protocol with two implementations: the union (an effect if any has one)', () => {
    assert.deepEqual(reached(IFACE('Protocol'), 'Calendar.book'), ['send_post']);
    assert.deepEqual(reached(IFACE('Protocol'), 'tool'), ['send_post']);
  });
  it('ABC, metaclass=ABCMeta and a generic Protocol[T] too', () => {
    assert.deepEqual(reached(IFACE('ABC'), 'tool'), ['send_post']);
    assert.deepEqual(reached(IFACE('metaclass=ABCMeta'), 'tool'), ['send_post']);
    assert.deepEqual(reached(IFACE('Protocol[T]'), 'tool'), ['send_post']);
  });
  it('through an intermediate subclass', () => {
    const code = 'from typing import Protocol\nclass Store(Protocol):\n    def put(self, x): ...\nclass Base(Store):\n    pass\nclass Remote(Base):\n    def put(self, x):\n        send_put(x)\n';
    assert.deepEqual(reached(code, 'Store.put'), ['send_put']);
  });
  it('implementations listed by the graph', () => {
    const p = programFromPython(IFACE('Protocol'));
    assert.deepEqual(callGraphOf(p).implementations(fn(p, 'Calendar.book')).map(functionKey).sort(), ['CalCom.book', 'Fake.book']);
    assert.deepEqual(callGraphOf(p).implementations(fn(p, 'CalCom.book')), []);
  });
  it('invalid: an ordinary base class is not an interface, and a Protocol without implementations reaches nothing', () => {
    assert.deepEqual(reached(IFACE('object'), 'Calendar.book'), []);
    assert.deepEqual(reached('from typing import Protocol\nclass Calendar(Protocol):\n    def book(self, slot): ...\ndef tool(cal: Calendar):\n    cal.book(1)\n', 'tool'), []);
    // A local class named Protocol is not typing.Protocol.
    assert.deepEqual(reached(IFACE('Protocol', 'class Protocol:\n    pass\n'), 'Calendar.book'), []);
  });
  it('a summary spec can opt out', () => {
    const p = programFromPython(IFACE('Protocol'));
    assert.deepEqual([...summarize(callGraphOf(p), { ...spec, implementations: false }).get(fn(p, 'Calendar.book'))!], []);
  });
  it('no unique-method guess on a receiver typed as an imported class', () => {
    const code = 'from livekit.agents import RunContext\nfrom cal import Calendar\nclass Desk:\n    def book(self, ctx: RunContext[Calendar]):\n        ctx.userdata.book()\n    def other(self, thing):\n        thing.book()\n';
    assert.deepEqual(edges(code), ['thing.book -> unique-method:Desk.book']);
  });
});

describe('call graph: summaries to a fixpoint', () => {
  /** Names of the "effects" (calls to `send`) a function reaches. */
  const spec = (extra?: (name: string) => ReadonlySet<string> | undefined): SummarySpec<ReadonlySet<string>> => ({
    local: () => new Set(),
    atCall: (c) => (text(c.callee) === 'send' ? new Set(['send']) : undefined),
    join: (a, b) => new Set([...a, ...b]),
    equals: (a, b) => a.size === b.size,
    ...(extra ? { external: extra } : {}),
  });
  it('reaches through a chain deeper than any fixed limit', () => {
    const code = ['def f0():\n    send()', ...Array.from({ length: 8 }, (_, i) => `def f${i + 1}():\n    f${i}()`)].join('\n');
    const p = programFromPython(code);
    const s = summarize(callGraphOf(p), spec());
    assert.deepEqual([...s.get(fn(p, 'f8'))!], ['send']);
  });
  it('recursion and mutual recursion terminate with the joined fact', () => {
    const p = programFromPython('def a(n):\n    if n:\n        b(n - 1)\ndef b(n):\n    a(n)\n    send()\ndef loop():\n    loop()');
    const s = summarize(callGraphOf(p), spec());
    assert.deepEqual([...s.get(fn(p, 'a'))!], ['send']);
    assert.deepEqual([...s.get(fn(p, 'b'))!], ['send']);
    assert.deepEqual([...s.get(fn(p, 'loop'))!], []);
  });
  it('methods and nested functions', () => {
    const p = programFromPython('class C:\n    def outer(self):\n        def inner():\n            send()\n        inner()\n    def run(self):\n        self.outer()');
    const s = summarize(callGraphOf(p), spec());
    assert.deepEqual([...s.get(fn(p, 'C.run'))!], ['send']);
    assert.deepEqual([...s.get(fn(p, 'C.outer.<locals>.inner'))!], ['send']);
  });
  it("joins another module's summaries through external callees", () => {
    const p = programFromPython('from app.mail import notify\ndef handler():\n    notify()');
    const other = new Map([['app.mail.notify', new Set(['send'])]]);
    const s = summarize(callGraphOf(p), spec((name) => other.get(name)));
    assert.deepEqual([...s.get(fn(p, 'handler'))!], ['send']);
  });
});


/** A class whose `go` calls `getattr(self, <name>)(…)`; `lines` are go's body after `def go(self, kind):`. */
const tool = (head: string, ...lines: string[]) =>
  [...(head ? [head] : []), 'class Kit:', '    def create_refund(self):\n        pass', '    def create_charge(self):\n        pass', '    def list_refunds(self):\n        pass', '    def go(self, kind):', ...lines.map((l) => `        ${l}`)].join('\n');
const byName = (code: string) => edges(code).filter((e) => e.includes('by-name'));

describe('call graph: functions reached by name', () => {
  // A table: [name, code, expected by-name edges]; an empty list is a "valid" (no edge) case.
  const cases: [string, string, string[]][] = [
    ['a literal', tool('', 'getattr(self, "create_refund")()'), ['getattr(self, "create_refund") -> by-name:Kit.create_refund']],
    ['a name bound to a literal, with a default', tool('', 'n = "create_charge"', 'getattr(self, n, None)()'), ['getattr(self, n, None) -> by-name:Kit.create_charge']],
    [
      'a loop over a tuple of literal names',
      tool('', 'for n in ("create_refund", "list_refunds"):', '    getattr(self, n)()'),
      ['getattr(self, n) -> by-name:Kit.create_refund', 'getattr(self, n) -> by-name:Kit.list_refunds'],
    ],
    ['a loop over the keys of a dict literal', tool('', 'for n in {"create_charge": 1}:', '    getattr(self, n)()'), ['getattr(self, n) -> by-name:Kit.create_charge']],
    ['a dict of literal names looked up', tool('ACTIONS = {"refund": "create_refund", "charge": "create_charge"}', 'getattr(self, ACTIONS[kind])()'), ['getattr(self, ACTIONS[kind]) -> by-name:Kit.create_refund', 'getattr(self, ACTIONS[kind]) -> by-name:Kit.create_charge']],
    ['a dict of literal names, known key', tool('ACTIONS = {"refund": "create_refund", "charge": "create_charge"}', 'getattr(self, ACTIONS["charge"])()'), ['getattr(self, ACTIONS["charge"]) -> by-name:Kit.create_charge']],
    ['an f-string prefix over the class methods', tool('', 'getattr(self, f"create_{kind}")()'), ['getattr(self, f"create_{kind}") -> by-name:Kit.create_refund', 'getattr(self, f"create_{kind}") -> by-name:Kit.create_charge']],
    ['a + suffix', tool('', 'getattr(self, kind + "_refunds")()'), ['getattr(self, kind + "_refunds") -> by-name:Kit.list_refunds']],
    ['an f-string with a known part', tool('', 'k = "charge"', 'getattr(self, f"create_{k}")()'), ['getattr(self, f"create_{k}") -> by-name:Kit.create_charge']],
    ['through a name: handler = getattr(…)', tool('', 'handler = getattr(self, "list_refunds")', 'handler()'), ['handler -> by-name:Kit.list_refunds']],
    ['on an instance of the class', tool('', 'pass') + '\nk = Kit()\ngetattr(k, "create_charge")()', ['getattr(k, "create_charge") -> by-name:Kit.create_charge']],
    ['globals() lookup of module functions', 'def on_start():\n    pass\ndef on_stop():\n    pass\ndef fire(ev):\n    globals()[f"on_{ev}"]()', ['globals()[f"on_{ev}"] -> by-name:on_start', 'globals()[f"on_{ev}"] -> by-name:on_stop']],
    // valid: the code does not say which names
    ['a name from input is unknown', tool('', 'getattr(self, kind)()'), []],
    ['an f-string with no literal part is unknown', tool('', 'getattr(self, f"{kind}")()'), []],
    ['a user-defined getattr is not the builtin', tool('def getattr(o, n):\n    pass', 'getattr(self, "create_refund")()'), []],
    ['a name no method has', tool('', 'getattr(self, "delete_all")()'), []],
    ['a module object, not a class of the program', tool('import stripe', 'getattr(stripe, "create_refund")()'), []],
  ];
  for (const [name, code, expected] of cases) it(name, () => assert.deepEqual(byName(code), expected));

  it('a Literal[…] parameter', () => {
    const code = 'from typing import Literal\nclass Kit:\n    def create_refund(self):\n        pass\n    def list_refunds(self):\n        pass\n    def go(self, kind: Literal["create_refund"]):\n        getattr(self, kind)()';
    assert.deepEqual(byName(code), ['getattr(self, kind) -> by-name:Kit.create_refund']);
  });

  it('method-name routing: the routing call reaches the method its literal names', () => {
    const code = [
      'class Toolkit:',
      '    def create_refund(self, charge):\n        pass',
      '    def create_charge(self, amount):\n        pass',
      '    def run(self, method, args):',
      '        fn = getattr(self, method)',
      '        return fn(**args)',
      'kit = Toolkit()',
      'kit.run("create_refund", {"charge": "ch_1"})',
      'kit.run(method="create_charge", args={})',
      'kit.run(user_input, {})',
    ].join('\n');
    assert.deepEqual(edges(code), [
      'kit.run -> instance:Toolkit.run',
      'kit.run -> by-name:Toolkit.create_refund',
      'kit.run -> instance:Toolkit.run',
      'kit.run -> by-name:Toolkit.create_charge',
      'kit.run -> instance:Toolkit.run',
    ]);
  });

  it('method-name routing through a dict of functions, and from a plain function', () => {
    const code = [
      'def refund(a):\n    pass',
      'def charge(a):\n    pass',
      'TOOLS = {"create_refund": refund, "create_charge": charge}',
      'def run(name, args):',
      '    return TOOLS[name](args)',
      'def agent_step():',
      '    run("create_charge", {})',
    ].join('\n');
    assert.deepEqual(edges(code), ['TOOLS[name] -> dispatch:refund', 'TOOLS[name] -> dispatch:charge', 'run -> direct:run', 'run -> by-name:charge']);
  });

  it('summaries follow by-name edges: the routing caller reaches the effect', () => {
    const code = 'class Kit:\n    def create_refund(self):\n        send()\n    def run(self, name):\n        return getattr(self, name)()\ndef tool_step(k: Kit):\n    k.run("create_refund")\ndef other(k: Kit):\n    k.run("missing")';
    const p = programFromPython(code);
    const s = summarize(callGraphOf(p), {
      local: () => new Set<string>(),
      atCall: (c) => (text(c.callee) === 'send' ? new Set(['send']) : undefined),
      join: (a, b) => new Set([...a, ...b]),
      equals: (a, b) => a.size === b.size,
    });
    assert.deepEqual([...s.get(fn(p, 'tool_step'))!], ['send']);
    assert.deepEqual([...s.get(fn(p, 'other'))!], []);
    assert.deepEqual([...s.get(fn(p, 'Kit.run'))!], []);
  });
});
