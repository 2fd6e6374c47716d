import { hardcodedSecret } from '../../../server/src/engine/rules/hardcoded-secret';
import { ruleTester } from '../ruleTester';

// Keys are assembled from parts so that this file does not itself look like it leaks keys.
const OPENAI = 'sk-' + 'proj-' + 'Q7fZk2LmW9xPa4RtY1uB3nC8vD5eH6jKs0gTqXwE';
const LEGACY = 'sk-' + 'T3BlbkFJ' + 'a8Zq2Lm9WxPr4Ty1Ub3Nc8Vd5Eh6Jk0G';
const ANTHROPIC = 'sk-' + 'ant-api03-' + 'Zk2LmW9xPa4RtY1uB3nC8vD5eH6jKs0gTqXwEr7y';
const AWS = 'AKIA' + 'QX7ZK2LMW9PA4RTY';
const GITHUB = 'ghp_' + 'Q7fZk2LmW9xPa4RtY1uB3nC8vD5eH6jKs0gT';
const SLACK = 'xoxb-' + '2817364512-' + 'Q7fZk2LmW9xPa4RtY1uB';
const GOOGLE = 'AIza' + 'Sy9Q7fZk2LmW9xPa4RtY1uB3nC8vD5eH6jK';
const TOKEN = 'Zq8' + 'Lm2Wx9Pr4Ty1Ub3Nc8Vd';
const SLACK_APP = 'xapp-' + '1-A04BCDQ1234-4567890123456-' + '9f8e7d6c5b4a39281706f5e4d3c2b1a0';
const SLACK_ROTATING = 'xoxe.' + 'xoxp-1-' + 'Mi0yLTM0MTQwMzE0Mzk2LTM0MTQwMzE0NDg4';
const SLACK_WORKSPACE = 'xoxa-' + '2-' + 'Q7fZk2LmW9xPa4RtY1uB';
const PASSWORD = 'Rt5y' + 'Ui2oP9aS';

ruleTester.run(hardcodedSecret, {
  valid: [
    'import os\nkey = os.environ["OPENAI_API_KEY"]',
    'client = OpenAI(api_key=os.getenv("OPENAI_API_KEY"))',
    'api_key = "sk-your-key-here"',
    'api_key = "sk-xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx"',
    `aws_key = "AKIAIOSFODNN7EXAMPLE"`,
    'password = "password"',
    'password = "<your password>"',
    'tokenizer.pad_token = tokenizer.eos_token',
    'pad_token = "[PAD]"',
    'token_path = "/secrets/path/to/the/token/file.json"',
    'max_tokens = "1024"',
    'key = "a8Zq2Lm9WxPr4Ty1Ub3Nc8Vd5Eh6Jk0G"', // `key` alone: a dict key, a cache key…
    'os.environ["CUDA_VISIBLE_DEVICES"] = "0,1"',
    'secret = f"{prefix}-{suffix}-{TOKEN_SUFFIX}"',
    'api_key = "sk-learn"',
    { cells: ['# markdown', 'x = 1'] },
    { name: 'the value is the env var the key comes from', code: 'api_key = "ANTHROPIC_API_KEY"\nclient = Anthropic(api_key=os.environ[api_key])' },
    { name: 'an enum value names an auth method', code: 'class AuthMethod(Enum):\n    CLIENT_PASSWORD = "client_password"\n    CLIENT_CREDENTIALS = "client_credentials"' },
    { name: 'a constant holding a driver option path', code: 'DB_OPTION_TLS_KEY_PASSWORD = "dbdriver.connection.tls_client_key_password"' },
    { name: 'a self-describing template value', code: 'app.config["SECRET_KEY"] = "my-very-own-secret-signing-key"\nAPI_KEY = "your-api-key-goes-in-here"' },
    { name: 'test values that say they are fakes', code: 'SECRET_API_KEY = "acme-secret-api-key-do-not-log"\nsettings = Settings(anthropic_api_key="test_anthropic_key")\ntoken = "fakeTokenValue9Q2x"' },
    { name: 'a key the client ignores, a dummy, a changeme', code: 'client = AsyncOpenAI(api_key="ignored-auth-is-by-header", http_client=c)\npassword = "dummy-Pw9-2x"\nDB_PASSWORD = "changeme-Q9x2Lm"' },
    { name: 'Slack-like words are not tokens', code: 'mode = "xapp-config-development"\nname = "xoxb-not-a-real-token-this-will-not-work"' },
    { name: 'Dockerfile: placeholders and references in ENV/ARG', filename: 'Dockerfile', manifest: 'FROM python:3.12-slim\nARG API_TOKEN=<token>\nARG GITHUB_TOKEN\nENV OPENAI_API_KEY="your-api-key-here" SLACK_TOKEN=$SLACK_TOKEN DB_PASSWORD=${DB_PASSWORD}\nENV PYTHONUNBUFFERED=1 MAX_TOKENS=4096\n' },
    { name: 'requirements: index URLs with variables or a plain user', filename: 'requirements.txt', manifest: '--index-url https://${PIP_USER}:${PIP_PASSWORD}@pypi.acme.com/simple\n--extra-index-url https://__token__:<token>@pypi.acme.com/simple\ngit+ssh://git@github.com/acme/lib.git@0123456789abcdef0123456789abcdef01234567\nrequests==2.31.0\n' },
    { name: 'pyproject: uv index URL from the environment', filename: 'pyproject.toml', manifest: '[project]\nname = "x"\nversion = "1"\n\n[[tool.uv.index]]\nname = "acme"\nurl = "https://pypi.acme.com/simple"\n\n[[tool.uv.index]]\nname = "t"\nurl = "https://$UV_USER:$UV_PASSWORD@pypi.t.com/simple"\n' },
    { name: 'a pip command with credentials from the shell', cells: ['%pip install -i https://$USER:$PASS@pypi.acme.com/simple baz==2\n!pip install --extra-index-url https://{user}:{password}@pypi.acme.com/simple bar==1'] },
  ],
  invalid: [
    {
      name: 'OpenAI project key in a keyword argument, os imported',
      code: `import os\nclient = OpenAI(api_key="${OPENAI}")`,
      errors: [{ line: 2, column: 26, endLine: 2, endColumn: 26 + OPENAI.length, message: /^Hard-coded OpenAI project key \(sk-p…\)/ }],
      output: 'import os\nclient = OpenAI(api_key=os.environ["OPENAI_API_KEY"])',
    },
    {
      name: 'the fix adds `import os` after the docstring',
      code: `"""Agent."""\nfrom __future__ import annotations\nKEY = "${LEGACY}"\n`,
      errors: [{ line: 3, column: 8, endLine: 3, endColumn: 8 + LEGACY.length }],
      output: `"""Agent."""\nfrom __future__ import annotations\nimport os\nKEY = os.environ["OPENAI_API_KEY"]\n`,
    },
    {
      name: 'Anthropic before the general sk- pattern',
      code: `anthropic.Anthropic(api_key='${ANTHROPIC}')`,
      errors: [{ line: 1, column: 30, message: /Anthropic API key \(sk-a…\)/ }],
      output: `import os\nanthropic.Anthropic(api_key=os.environ["ANTHROPIC_API_KEY"])`,
    },
    { name: 'AWS key id', code: `aws_access_key_id = "${AWS}"`, errors: [{ line: 1, column: 22, endColumn: 42, message: /AWS access key id \(AKIA…\)/ }] },
    { name: 'GitHub token in a header string: no fix', code: `headers = {"Authorization": "token ${GITHUB}"}`, errors: [{ line: 1, column: 36, endColumn: 76 }], output: null },
    { name: 'Slack token', code: `slack = WebClient(token="${SLACK}")`, errors: [{ line: 1, column: 26, message: /Slack token \(xoxb…\)/ }] },
    { name: 'Google key in a comment', code: `x = 1  # key: ${GOOGLE}`, errors: [{ line: 1, column: 15, endColumn: 54 }], output: null },
    {
      name: 'private key block',
      code: 'PEM = """-----BEGIN RSA PRIVATE KEY-----\nMIIEow\n-----END RSA PRIVATE KEY-----"""',
      errors: [{ line: 1, column: 10, endColumn: 41, message: /private key \(----…\)/ }],
      output: null,
    },
    {
      name: 'secret-named assignment with a random literal',
      code: `import os\nDB_PASSWORD = "Xk9#mQ2vLp"\nclient_secret = "${TOKEN}"`,
      errors: [
        { line: 2, column: 15, endColumn: 27, message: /^Hard-coded password for `DB_PASSWORD` \(Xk9#…\)/ },
        { line: 3, column: 17, endColumn: 17 + TOKEN.length + 2, message: /secret for `client_secret` \(Zq8L…\)/ },
      ],
      output: `import os\nDB_PASSWORD = os.environ["DB_PASSWORD"]\nclient_secret = os.environ["CLIENT_SECRET"]`,
    },
    {
      name: 'keyword, default parameter and dict entry',
      code: `connect(password="Xk9#mQ2vLp")\ndef login(api_key="${TOKEN}"): ...\ncfg = {"auth_token": "${TOKEN}"}`,
      errors: [{ line: 1, column: 18 }, { line: 2, column: 19 }, { line: 3, column: 22 }],
    },
    {
      name: 'env var written with a literal: no fix (it cannot read itself)',
      code: `import os\nos.environ["SERVICE_API_KEY"] = "${TOKEN}"`,
      errors: [{ line: 2, column: 33, message: /set SERVICE_API_KEY outside the code/ }],
      output: null,
    },
    {
      name: 'notebook: key in code, in a shell magic and in markdown; the fix imports os in the cell',
      cells: [{ kind: 'markdown', source: `Use ${OPENAI} for now` }, `!export OPENAI_API_KEY=${OPENAI}`, `llm = ChatOpenAI(api_key="${OPENAI}")`],
      errors: [
        { cell: 1, line: 1, column: 5, endColumn: 5 + OPENAI.length, message: /in a markdown cell/ },
        { cell: 2, line: 1, column: 24 },
        { cell: 3, line: 1, column: 27 },
      ],
      outputCells: [`Use ${OPENAI} for now`, `!export OPENAI_API_KEY=${OPENAI}`, 'import os\nllm = ChatOpenAI(api_key=os.environ["OPENAI_API_KEY"])'],
    },
    {
      name: 'a password next to a local broker is only a hint, and the message shows none of it',
      code: 'conf = {"bootstrap.servers": "localhost:9092", "sasl.username": "client", "sasl.password": "Xk9#mQ2vLp"}',
      errors: [{ line: 1, column: 92, severity: 'hint', message: /^Hard-coded password for `sasl.password` next to a local host: likely a demo value(?![\s\S]*Xk9)/ }],
    },
    {
      name: 'a password a few lines from a local database URL is only a hint',
      code: 'DB_URL = "postgresql://app@127.0.0.1:5432/app"\nDB_PASSWORD = "Xk9#mQ2vLp"',
      errors: [{ line: 2, severity: 'hint' }],
    },
    {
      name: 'next to a remote host it stays an error; random values with separators are not names',
      code: `connect(host="db.internal.acme.io", password="Xk9#mQ2vLp")\nclient_secret = "Q7fZ-k2Lm-W9xP-a4Rt-Y1uB"\nDB_PASSWORD = "Tr0ub4dor&3Horse"`,
      errors: [{ line: 1, severity: 'error' }, { line: 2, severity: 'error' }, { line: 3, severity: 'error' }],
    },
    {
      name: 'provider-format keys next to localhost stay errors',
      code: `client = OpenAI(base_url="http://localhost:8000/v1", api_key="${OPENAI}")`,
      errors: [{ line: 1, severity: 'error', message: /OpenAI project key/ }],
    },
    { name: 'Slack app-level token', code: `t = "${SLACK_APP}"`, errors: [{ line: 1, column: 6, message: /Slack token \(xapp…\)/ }] },
    { name: 'Slack rotating token', code: `t = "${SLACK_ROTATING}"`, errors: [{ line: 1, column: 6, message: /Slack token \(xoxe…\)/ }] },
    { name: 'Slack workspace token', code: `t = "${SLACK_WORKSPACE}"`, errors: [{ line: 1, column: 6, message: /Slack token \(xoxa…\)/ }] },
    {
      name: 'Dockerfile: a provider key in ENV (the issue\'s ENV OPENAI_API_KEY=sk-…)',
      filename: 'Dockerfile',
      manifest: `FROM python:3.12-slim\nENV OPENAI_API_KEY=${LEGACY}\n`,
      errors: [{ line: 2, column: 20, endColumn: 20 + LEGACY.length, message: /^Hard-coded OpenAI API key \(sk-T…\) in Dockerfile: .*build secret/ }],
      output: null,
    },
    {
      name: 'Dockerfile: secret-named ENV and ARG defaults, legacy and quoted forms',
      filename: 'Dockerfile',
      manifest: `FROM python:3.12-slim\nARG HF_TOKEN=${TOKEN}\nENV DB_PASSWORD="Xk9#mQ2vLp" PLAIN=1\nENV CLIENT_SECRET ${TOKEN}\n`,
      errors: [
        { line: 2, column: 14, message: /^Hard-coded secret in `ARG HF_TOKEN` \(Zq8L…\)/ },
        { line: 3, column: 17, endColumn: 29, message: /^Hard-coded password in `ENV DB_PASSWORD` \(Xk9#…\)/ },
        { line: 4, column: 19, message: /^Hard-coded secret in `ENV CLIENT_SECRET`/ },
      ],
    },
    {
      name: 'requirements: passwords in index URLs, a token in a requirement URL',
      filename: 'requirements.txt',
      manifest: `--index-url https://alice:${PASSWORD}@pypi.acme.com/simple\n-i https://bob:${PASSWORD}@pypi.b.com/simple\n--extra-index-url=https://carol:${PASSWORD}@pypi.c.com/simple\nmylib @ git+https://${GITHUB}@github.com/acme/mylib.git@0123456789abcdef0123456789abcdef01234567\n`,
      errors: [
        { line: 1, column: 21, endColumn: 21 + 'alice:'.length + PASSWORD.length, message: /^Hard-coded password in the URL of https:\/\/pypi\.acme\.com in requirements\.txt: .*\$\{PASSWORD\}/ },
        { line: 2, column: 12 },
        { line: 3, column: 27 },
        { line: 4, column: 21, message: /^Hard-coded GitHub token \(ghp_…\) in requirements\.txt/ },
      ],
    },
    {
      name: 'pyproject: a uv index URL with a password, Poetry source too',
      filename: 'pyproject.toml',
      manifest: `[project]\nname = "x"\nversion = "1"\n\n[[tool.uv.index]]\nname = "acme"\nurl = "https://deploy:${PASSWORD}@pypi.acme.com/simple"\n\n[[tool.poetry.source]]\nname = "p"\nurl = "https://user:${PASSWORD}@pypi.p.com/simple"\n`,
      errors: [
        { line: 7, column: 16, message: /in the URL of https:\/\/pypi\.acme\.com in pyproject\.toml: .*UV_INDEX_/ },
        { line: 11, column: 16 },
      ],
    },
    {
      name: 'pip install with an index password in a notebook cell',
      cells: [`!pip install --extra-index-url https://carol:${PASSWORD}@pypi.acme.com/simple bar==1`],
      errors: [{ cell: 1, line: 1, column: 40, message: /^Hard-coded password in the URL of https:\/\/pypi\.acme\.com in an install command/ }],
    },
    {
      name: 'messages never show more than four characters of the secret',
      code: `k = "${OPENAI}"`,
      errors: [{ line: 1, message: new RegExp(`^(?![\\s\\S]*${OPENAI.slice(4, 12)})`) }],
    },
  ],
});
