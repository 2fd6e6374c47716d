/** The one catalogue pattern dialect (python/patterns.ts, docs/patterns.md). */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { DELETIONS, IRREVERSIBLE_FROM_SIDE_EFFECTS } from '../../server/src/engine/catalogues/agent';
import { HANDLER_DECORATORS, IN_MEMORY_STATE_APIS, MUTABLE_CONSTRUCTORS } from '../../server/src/engine/catalogues/hiddenState';
import { CatalogueIndex, DEFAULT_CATALOGUE } from '../../server/src/engine/catalogues/randomness';
import { BASE_CLASS_PLACES, CONSUMER_LOOPS, DECORATOR_PLACES, REGISTRATION_PLACES, RETRY_LOOP, RETRYING_ADAPTERS } from '../../server/src/engine/catalogues/rerunPlaces';
import { SIDE_EFFECTS } from '../../server/src/engine/catalogues/sideEffects';
import { ConfigError, configFromTable } from '../../server/src/engine/config';
import { bestMatch, compilePattern, lastNamesOf, matchesName, patternProblem, patternSchema, PatternIndex, specificity } from '../../server/src/engine/python/patterns';

describe('name patterns', () => {
  // pattern, name, matches?
  const table: [string, string | undefined, boolean][] = [
    // exact
    ['tenacity.retry', 'tenacity.retry', true],
    ['tenacity.retry', 'tenacity.retrying', false],
    ['tenacity.retry', 'x.tenacity.retry', false],
    // instances, items and unknown receivers are literal
    ['requests.Session().post', 'requests.Session().post', true],
    ['requests.Session().post', 'requests.Session.post', false],
    ['pymongo.MongoClient()[][].insert_one', 'pymongo.MongoClient()[][].insert_one', true],
    ['?.client.post', '?.client.post', true],
    ['?.client.post', 'x.client.post', false],
    ['sqlalchemy.orm.sessionmaker()().add', 'sqlalchemy.orm.sessionmaker()().add', true],
    // a leading `*.`: any receiver, at least one segment
    ['*.task', 'celery.Celery().task', true],
    ['*.task', '?.task', true],
    ['*.task', 'task', false],
    ['*.task', 'mytask', false],
    ['*.task', 'a.mytask', false],
    ['*.client().create_*', 'boto3.client().create_bucket', true],
    ['*.client().create_*', 'boto3.client.create_bucket', false],
    // a trailing `.*`: anything below the prefix, not the prefix itself
    ['airflow.decorators.task.*', 'airflow.decorators.task.virtualenv', true],
    ['airflow.decorators.task.*', 'airflow.decorators.task', false],
    ['torch.optim.*', 'torch.optim.lr_scheduler.StepLR', true],
    ['torch.optim.*', 'torch.optimize', false],
    // a `*` inside: any text, dots included
    ['stripe.StripeClient().*.create', 'stripe.StripeClient().checkout.sessions.create', true],
    ['stripe.StripeClient().*.create', 'stripe.StripeClient().create', false],
    ['weaviate.*.data.insert', 'weaviate.Client().data.insert', true],
    ['*.create_*token*', 'iam.create_access_token_v2', true],
    ['*.create_*token*', 'iam.create_key', false],
    ['sagemaker.*().deploy', 'sagemaker.estimator.Estimator().deploy', true],
    ['sagemaker.*().deploy', 'sagemaker.Model.deploy', false],
    ['langgraph.*interrupt', 'langgraph.types.interrupt', true],
    ['langgraph.*interrupt', 'langchain.interrupt', false],
    ['*Customer.create*', 'stripe.Customer.create', true],
    // `*` alone: every name, but not "nothing could spell it"
    ['*', 'anything.at().all', true],
    ['*', undefined, false],
    ['requests.post', undefined, false],
    // regular-expression characters are not special
    ['a.b', 'aXb', false],
    ['f()', 'f()', true],
    ['f()', 'f', false],
  ];
  for (const [pattern, name, expected] of table) {
    it(`${pattern} ${expected ? 'matches' : 'does not match'} ${name}`, () => {
      assert.equal(matchesName(name, pattern), expected);
    });
  }

  it('the most specific pattern wins, whatever the order of the entries', () => {
    const entries = [
      { id: 'any', patterns: ['*'] },
      { id: 'method', patterns: ['*.post'] },
      { id: 'client', patterns: ['requests.*.post'] },
      { id: 'exact', patterns: ['requests.Session().post'] },
    ];
    for (const order of [entries, [...entries].reverse(), [entries[2]!, entries[0]!, entries[3]!, entries[1]!]]) {
      assert.equal(bestMatch('requests.Session().post', order, (e) => e.patterns)?.id, 'exact');
      assert.equal(bestMatch('requests.adapters.post', order, (e) => e.patterns)?.id, 'client');
      assert.equal(bestMatch('httpx.Client().post', order, (e) => e.patterns)?.id, 'method');
      assert.equal(bestMatch('httpx.get', order, (e) => e.patterns)?.id, 'any');
      const index = new PatternIndex(order.flatMap((e) => e.patterns.map((p) => [p, e.id] as const)));
      assert.equal(index.best('requests.Session().post'), 'exact');
      assert.equal(index.best('requests.adapters.post'), 'client');
      assert.equal(index.best('httpx.Client().post'), 'method');
      assert.equal(index.best('httpx.get'), 'any');
      assert.equal(index.best(undefined), undefined);
    }
  });

  it('orders specificity: exact above every wildcard, then more literal characters', () => {
    const name = 'airflow.decorators.task.virtualenv';
    const scores = ['*', 'airflow.*', '*.virtualenv', 'airflow.decorators.task.*', name].map((p) => specificity(name, p));
    assert.deepEqual([...scores].sort((a, b) => a - b), scores);
    assert.equal(new Set(scores).size, scores.length);
    assert.equal(specificity(name, 'celery.*'), -1);
  });

  it('gives equals to the first entry', () => {
    const entries = [{ id: 'first', p: ['*.send'] }, { id: 'second', p: ['*.send'] }];
    assert.equal(bestMatch('smtp.send', entries, (e) => e.p)?.id, 'first');
    assert.equal(new PatternIndex([['a.*', 1], ['a.*', 2], ['a.b', 3], ['a.b', 4]]).best('a.c'), 1);
    assert.equal(new PatternIndex([['a.*', 1], ['a.*', 2], ['a.b', 3], ['a.b', 4]]).best('a.b'), 3);
  });

  const malformed = ['', '.a', 'a.', 'a..b', '**', 'a.**', 'a b', 'a-b.c', 'a(', 'a)', 'a.(x)', 'a[0]', 'a/b', 'a.?x', 'requests.Session(timeout=3).post'];
  for (const p of malformed) {
    it(`rejects the malformed pattern ${JSON.stringify(p)}`, () => {
      assert.ok(patternProblem(p), p);
      assert.throws(() => compilePattern(p), /malformed name pattern/);
      assert.equal(patternSchema.safeParse(p).success, false);
    });
  }

  it('accepts every pattern of the built-in catalogues', () => {
    const all = [
      ...SIDE_EFFECTS.flatMap((e) => [...e.callees, ...(e.exclude ?? [])]),
      ...DECORATOR_PLACES.flatMap((e) => e.decorators),
      ...BASE_CLASS_PLACES.flatMap((e) => e.bases),
      ...REGISTRATION_PLACES.flatMap((e) => e.callees),
      ...RETRY_LOOP.countIterables,
      ...RETRY_LOOP.retryIterables,
      ...CONSUMER_LOOPS.iterables,
      ...CONSUMER_LOOPS.pollingCalls,
      ...RETRYING_ADAPTERS.retryClasses,
      ...RETRYING_ADAPTERS.adapterClasses,
      ...DELETIONS.flatMap((d) => d.callees),
      ...IRREVERSIBLE_FROM_SIDE_EFFECTS.flatMap((r) => r.excludeCallees ?? []),
      ...HANDLER_DECORATORS,
      ...IN_MEMORY_STATE_APIS.flatMap((a) => a.qualifiedNames),
      ...MUTABLE_CONSTRUCTORS,
      ...DEFAULT_CATALOGUE.draws.map((d) => d.name),
      ...DEFAULT_CATALOGUE.seeds.map((d) => d.name),
      ...DEFAULT_CATALOGUE.params.map((d) => d.name),
      ...DEFAULT_CATALOGUE.generators.map((d) => d.name),
      ...DEFAULT_CATALOGUE.methods.flatMap((m) => m.receivers),
      ...DEFAULT_CATALOGUE.determinism.trainingCalls,
      ...DEFAULT_CATALOGUE.determinism.enablingCalls,
      ...DEFAULT_CATALOGUE.determinism.enablingFlags,
    ];
    assert.ok(all.length > 300);
    assert.deepEqual(
      all.filter((p) => patternProblem(p) !== undefined),
      [],
    );
  });

  it('the randomness catalogue: most specific row wins, a later (user) row among equals', () => {
    const user = { name: 'mylib.rng.*', rng: 'user-broad' };
    const narrow = { name: 'mylib.rng.fast.*', rng: 'user-narrow' };
    const override = { name: 'random.random', rng: 'user-override' };
    const index = new CatalogueIndex({ ...DEFAULT_CATALOGUE, draws: [...DEFAULT_CATALOGUE.draws, narrow, user, override] });
    assert.equal(index.draw('mylib.rng.fast.uniform')?.rng, 'user-narrow');
    assert.equal(index.draw('mylib.rng.uniform')?.rng, 'user-broad');
    assert.equal(index.draw('random.random')?.rng, 'user-override');
    assert.equal(index.draw('mylib.rng'), undefined);
  });

  it('a malformed pattern in [tool.preflight.<family>] is a config error naming the key', () => {
    const cases: [object, RegExp][] = [
      [{ idempotency: { 'ignore-effects': ['*.delay', 'a..b'] } }, /tool\.preflight\.idempotency\.ignore-effects\.1: malformed name pattern "a\.\.b"/],
      [{ idempotency: { effects: [{ callees: ['myapi.Client( ).charge'], effect: 'charge' }] } }, /tool\.preflight\.idempotency\.effects\.0\.callees\.0: malformed name pattern/],
      [{ randomness: { seeds: [{ name: 'mylib seed', rngs: ['python'] }] } }, /tool\.preflight\.randomness\.seeds\.0\.name: malformed name pattern/],
      [{ 'hidden-state': { 'handler-decorators': ['app.**'] } }, /tool\.preflight\.hidden-state\.handler-decorators\.0: malformed name pattern/],
    ];
    for (const [table, message] of cases) {
      assert.throws(() => configFromTable(table, 'pyproject.toml'), (e: unknown) => e instanceof ConfigError && message.test(e.message), JSON.stringify(table));
    }
    // Patterns the old per-family syntax refused are accepted now that every family shares one.
    assert.doesNotThrow(() => configFromTable({ randomness: { seeds: [{ name: '*.seed_everything', rngs: ['python'] }] }, idempotency: { 'ignore-effects': ['*.delay'] } }));
  });
});

describe('lastNamesOf: the prefilter on a callee’s last name', () => {
  it('collects the literal last names, without call or subscript suffixes', () => {
    assert.deepEqual([...lastNamesOf(['requests.get', 'requests.Session().post', 'openai.OpenAI', 'x.y()'])!].sort(), ['OpenAI', 'get', 'post', 'y']);
  });
  it('gives up (undefined: skip nothing) when a last segment is a wildcard or unknown', () => {
    assert.equal(lastNamesOf(['requests.get', 'boto3.client().put_*']), undefined);
    assert.equal(lastNamesOf(['a.*']), undefined);
    assert.equal(lastNamesOf(['a.?']), undefined);
  });
});
