/**
 * The official nbformat v4 schema as the judge of written notebooks: Debian's `python3-nbformat`
 * validates a batch of notebook texts in one Python process. Required in CI (`.ci/run` installs
 * it); elsewhere the tests that use it skip with a notice.
 */
import { REQUIRED, runPythonOracle } from '../engine/ipythonOracle';

export { REQUIRED };

const VALIDATE = String.raw`
import json, sys, warnings
import nbformat
out = []
for text in json.load(sys.stdin):
    try:
        nb = nbformat.from_dict(json.loads(text))
        # nbformat only warns about a 4.5 cell without an id (and adds one): here that is an error.
        with warnings.catch_warnings():
            warnings.simplefilter("error")
            nbformat.validate(nb, version=nb.get("nbformat"), version_minor=nb.get("nbformat_minor"))
        out.append(None)
    except Exception as e:
        out.append(type(e).__name__ + ": " + str(e).split("\n")[0][:300])
print(json.dumps(out))
`;

/** Per text: null when nbformat accepts it, else its complaint; or a string saying why nbformat could not be asked. */
export function validateNotebooks(texts: readonly string[]): (string | null)[] | string {
  return runPythonOracle<(string | null)[]>(VALIDATE, [], texts);
}
