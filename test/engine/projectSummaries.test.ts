import assert from 'node:assert/strict';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { functionKey } from '../../server/src/engine/python/callGraph';
import { programFromPython } from '../../server/src/engine/python/program';
import { moduleFileOf, projectModulesOf, splitQualified } from '../../server/src/engine/python/projectModules';
import { importedFunction, importedSummary, projectSummaries, type SummaryKind } from '../../server/src/engine/python/projectSummaries';
import { text } from '../../server/src/engine/python/syntax';
import { MEMORY_ROOT, memoryProject as inMemory, useParser } from './helpers';

useParser();

const ROOT = MEMORY_ROOT;

/** A project on an in-memory file system: { 'app/x.py': '…' }. */
function memoryProject(files: Record<string, string>) {
  return { project: inMemory(files), abs: (rel: string) => path.join(ROOT, rel), files };
}

/** A fact: the names of `send_*` calls a function reaches. */
const sends: SummaryKind<ReadonlySet<string>> = {
  id: 'test.sends',
  spec: () => ({
    local: () => new Set(),
    atCall: (c) => (/^send_\w+$/.test(text(c.callee).split('.').pop()!) ? new Set([text(c.callee).split('.').pop()!]) : undefined),
    join: (a, b) => new Set([...a, ...b]),
    equals: (a, b) => a.size === b.size,
  }),
};

describe('project modules: which file an import names', () => {
  const { project, abs } = memoryProject({
    'app/__init__.py': '',
    'app/tools.py': '',
    'app/utils/__init__.py': '',
    'app/utils/chat.py': '',
    'src/pkg/mod.py': '',
    'scripts/helper.py': '',
    'scripts/run.py': '',
  });
  const cases: [string, string, string | undefined][] = [
    ['app/tools.py', 'app.utils.chat', 'app/utils/chat.py'],
    ['app/tools.py', '.utils.chat', 'app/utils/chat.py'],
    ['app/utils/chat.py', '..tools', 'app/tools.py'],
    ['app/utils/chat.py', '.', 'app/utils/__init__.py'],
    ['app/tools.py', 'app.utils', 'app/utils/__init__.py'],
    ['app/tools.py', 'pkg.mod', 'src/pkg/mod.py'],
    ['scripts/run.py', 'helper', 'scripts/helper.py'],
    ['app/tools.py', 'requests', undefined],
    ['app/tools.py', '.missing', undefined],
  ];
  for (const [from, name, expected] of cases) {
    it(`${name} from ${from}`, () => assert.equal(moduleFileOf(project, abs(from), name), expected && abs(expected)));
  }
  it('splits a qualified name into module file and the path inside it', () => {
    assert.deepEqual(splitQualified(project, abs('app/tools.py'), 'app.utils.chat.Client.send'), { file: abs('app/utils/chat.py'), path: 'Client.send' });
    assert.deepEqual(splitQualified(project, abs('app/tools.py'), '.utils.chat.notify'), { file: abs('app/utils/chat.py'), path: 'notify' });
    assert.equal(splitQualified(project, abs('app/tools.py'), 'os.path.join'), undefined);
  });
});

describe('project summaries: facts follow calls into other modules', () => {
  it('through helpers two modules away, with the defining function found', () => {
    const { project, abs, files } = memoryProject({
      'app/__init__.py': '',
      'app/tools.py': 'from app.notify import alert\n\ndef refund(order):\n    alert(order)\n',
      'app/notify.py': 'from .chat import post\n\ndef alert(order):\n    post(order)\n',
      'app/chat.py': 'def post(order):\n    client.send_message(order)\n',
    });
    const program = programFromPython(files['app/tools.py']!);
    const s = projectSummaries(project, abs('app/tools.py'), program, sends);
    const refund = program.semantics.functions.find((f) => f.name === 'refund')!;
    assert.deepEqual([...s.get(refund)!], ['send_message']);
    const call = program.semantics.calls.find((c) => text(c.callee) === 'alert')!;
    assert.deepEqual([...importedSummary(project, abs('app/tools.py'), program, call, sends)!], ['send_message']);
    const where = importedFunction(project, abs('app/tools.py'), program, call)!;
    assert.equal(where.file, abs('app/notify.py'));
    assert.equal(functionKey(where.fn), 'alert');
  });
  it('methods of imported classes are keyed by their qualified name', () => {
    const { project, abs, files } = memoryProject({
      'repo.py': 'class Orders:\n    def save(self, o):\n        self.write_row(o)\n    def write_row(self, o):\n        db.send_insert(o)\n',
      'task.py': 'import repo\n\ndef run(o):\n    repo.Orders.save(None, o)\n',
    });
    const program = programFromPython(files['task.py']!);
    const s = projectSummaries(project, abs('task.py'), program, sends);
    assert.deepEqual([...s.get(program.semantics.functions[0]!)!], ['send_insert']);
  });
  it('import cycles between project modules terminate', () => {
    const { project, abs, files } = memoryProject({
      'a.py': 'from b import g\n\ndef f():\n    g()\n    send_a()\n',
      'b.py': 'from a import f\n\ndef g():\n    f()\n    send_b()\n',
    });
    const program = programFromPython(files['a.py']!);
    const s = projectSummaries(project, abs('a.py'), program, sends);
    assert.deepEqual([...s.get(program.semantics.functions[0]!)!].sort(), ['send_a', 'send_b']);
  });
  it('a module that cannot be read or parsed is unknown, never a crash', () => {
    const { project, abs, files } = memoryProject({ 'a.py': 'from b import g\nfrom c import h\n\ndef f():\n    g()\n    h()\n', 'b.py': 'def g(:\n    send_x(\n' });
    const program = programFromPython(files['a.py']!);
    const s = projectSummaries(project, abs('a.py'), program, sends);
    assert.deepEqual([...s.get(program.semantics.functions[0]!)!], []);
  });
  it('a method called through a field typed by an imported Protocol: the union of its implementations there', () => {
    const { project, abs, files } = memoryProject({
      'cal.py': 'from typing import Protocol\n\nclass Calendar(Protocol):\n    def book(self, slot): ...\n\nclass Fake(Calendar):\n    def book(self, slot):\n        pass\n\nclass CalCom(Calendar):\n    def book(self, slot):\n        self.http.send_post(slot)\n',
      'broken.py': 'class Calendar(Protocol:\n    def book(self, slot): ...\n',
      'agent.py': 'from dataclasses import dataclass\nfrom livekit.agents import RunContext\nfrom cal import Calendar\nimport broken\n\n@dataclass\nclass Userdata:\n    cal: Calendar\n    other: broken.Calendar\n\ndef tool(ctx: RunContext[Userdata], slot):\n    ctx.userdata.cal.book(slot)\n\ndef other(ctx: RunContext[Userdata], slot):\n    ctx.userdata.other.book(slot)\n',
    });
    const program = programFromPython(files['agent.py']!);
    const s = projectSummaries(project, abs('agent.py'), program, sends);
    const byName = (n: string) => [...s.get(program.semantics.functions.find((f) => f.name === n)!)!];
    assert.deepEqual(byName('tool'), ['send_post']);
    // A module that fails to parse: unknown, never a crash.
    assert.deepEqual(byName('other'), []);
    const call = program.semantics.calls.find((c) => text(c.callee) === 'ctx.userdata.cal.book')!;
    const where = importedFunction(project, abs('agent.py'), program, call)!;
    assert.equal(where.file, abs('cal.py'));
    assert.equal(functionKey(where.fn), 'Calendar.book');
  });
  it('star imports and imports of names that are not functions give nothing', () => {
    const { project, abs, files } = memoryProject({ 'a.py': 'from b import *\nfrom b import VALUE\n\ndef f():\n    g()\n    VALUE()\n', 'b.py': 'VALUE = 1\ndef g():\n    send_x()\n' });
    const program = programFromPython(files['a.py']!);
    const s = projectSummaries(project, abs('a.py'), program, sends);
    assert.deepEqual([...s.get(program.semantics.functions[0]!)!], []);
  });
});

describe('project modules: one parse per module text', () => {
  it('the program a scan analyses a file with is the one the files importing it read', () => {
    const { project, abs } = memoryProject({ 'app/mail.py': 'def send():\n    pass\n' });
    const modules = projectModulesOf(project);
    const analysed = modules.programFor(abs('app/mail.py'), 'def send():\n    pass\n');
    assert.equal(modules.programOf(abs('app/mail.py')), analysed);
    assert.equal(modules.programFor(abs('app/mail.py'), 'def send():\n    pass\n'), analysed);
  });
  it('a text other than the file holds is parsed on its own, and the file is read afresh after it', () => {
    const { project, abs } = memoryProject({ 'app/mail.py': 'def send():\n    pass\n' });
    const modules = projectModulesOf(project);
    const edited = modules.programFor(abs('app/mail.py'), 'def send_all():\n    pass\n');
    assert.deepEqual(edited.semantics.functions.map((f) => f.name), ['send_all']);
    const onDisk = modules.programOf(abs('app/mail.py'));
    assert.notEqual(onDisk, edited);
    assert.deepEqual(onDisk !== 'unparseable' && onDisk.semantics.functions.map((f) => f.name), ['send']);
  });
});
