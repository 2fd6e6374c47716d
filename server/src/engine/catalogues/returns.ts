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
