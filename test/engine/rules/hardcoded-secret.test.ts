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
    {
      name: 'messages never show more than four characters of the secret',
      code: `k = "${OPENAI}"`,
      errors: [{ line: 1, message: new RegExp(`^(?![\\s\\S]*${OPENAI.slice(4, 12)})`) }],
    },
  ],
});
