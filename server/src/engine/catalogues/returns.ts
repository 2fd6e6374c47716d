/**
 * What a call returns, when a library's documentation says so and the name alone does not:
 * factories and re-exported classes whose instances catalogues spell by their public class
 * (`requests.Session().post`). Keys are qualified callee names as the resolver spells them
 * (python/resolve.ts `originOf`); values are the spelling of the returned instance.
 */
export const FACTORY_RETURNS: ReadonlyMap<string, string> = new Map([
  // https://requests.readthedocs.io/en/latest/api/#request-sessions: `requests.session()`
  // "Returns a Session for context-management"; `requests.sessions.Session` is the class.
  ['requests.session', 'requests.Session()'],
  ['requests.sessions.Session', 'requests.Session()'],
  // https://docs.livekit.io/reference/python/v1/livekit/agents/utils/http_context.html:
  // `http_session() -> aiohttp.ClientSession` ("optional utility function to avoid having to
  // manually manage an aiohttp.ClientSession lifetime").
  ['livekit.agents.utils.http_context.http_session', 'aiohttp.ClientSession()'],
]);

/**
 * What `with manager as name` binds when `__enter__` does not return the manager itself, keyed by
 * the manager's spelling (python/resolve.ts `originOf`).
 */
export const CONTEXT_RETURNS: ReadonlyMap<string, string> = new Map([
  // https://docs.sqlalchemy.org/en/20/orm/session_api.html#sqlalchemy.orm.sessionmaker.begin:
  // "Produce a context manager that both provides a new Session as well as a transaction that
  // commits" — `with Session.begin() as session:` binds the Session.
  ['sqlalchemy.orm.sessionmaker().begin()', 'sqlalchemy.orm.Session()'],
  ['sqlalchemy.orm.session.sessionmaker().begin()', 'sqlalchemy.orm.Session()'],
]);

/**
 * Generic framework types whose attribute holds a value of the type argument: `ctx:
 * RunContext[Userdata]` makes `ctx.userdata` a `Userdata`. Keys are the generic's qualified
 * name as the resolver spells it; values map an attribute to the index of the type argument it
 * holds.
 */
export const GENERIC_ATTRIBUTES: ReadonlyMap<string, ReadonlyMap<string, number>> = new Map([
  // https://docs.livekit.io/reference/python/v1/livekit/agents/index.html#livekit.agents.RunContext:
  // `class RunContext(Generic[Userdata_T])`, `userdata -> Userdata_T` ("the session's userdata");
  // `AgentSession(Generic[Userdata_T])` has the same property.
  ['livekit.agents.RunContext', new Map([['userdata', 0]])],
  ['livekit.agents.voice.RunContext', new Map([['userdata', 0]])],
  ['livekit.agents.AgentSession', new Map([['userdata', 0]])],
  ['livekit.agents.voice.AgentSession', new Map([['userdata', 0]])],
  // https://ai.pydantic.dev/api/tools/#pydantic_ai.tools.RunContext: `RunContext[AgentDepsT]`,
  // `deps: AgentDepsT` ("dependencies for the agent").
  ['pydantic_ai.RunContext', new Map([['deps', 0]])],
  ['pydantic_ai.tools.RunContext', new Map([['deps', 0]])],
  // https://openai.github.io/openai-agents-python/ref/run_context/: `RunContextWrapper(Generic[TContext])`,
  // `context: TContext`.
  ['agents.RunContextWrapper', new Map([['context', 0]])],
  ['agents.run_context.RunContextWrapper', new Map([['context', 0]])],
]);
