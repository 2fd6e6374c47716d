/**
 * A project that holds secrets where issue 19 found them echoed: a token in requirement URLs,
 * a password in an index URL, an AWS key id and secret key in a notebook's saved traceback.
 * `leaked` is the check the CLI and language-server tests share.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

// Assembled from parts so that this file does not itself look like it leaks keys.
export const GITHUB = 'ghp_' + 'aB3dE5fG7hJ9kL1mN3pQ5rS7tU9vW1xY3zA5';
export const AWS = 'AKIA' + 'Q3EGRTZ5HXMPL7UK';
export const AWS_SECRET = 'wJal' + 'rXUtnFEMI/K7MDENG/bPxRfiCYzQ9x2Lm8Wp';
export const PASSWORD = 'S3cr' + '3tPassw0rd';
const SECRETS = { GITHUB, AWS, AWS_SECRET, PASSWORD };

export const REQUIREMENTS = `mylib @ git+https://${GITHUB}@github.com/acme/mylib.git\ngit+https://${GITHUB}@github.com/acme/other.git\n--extra-index-url https://alice:${PASSWORD}@pypi.acme.com/simple\n`;

export const NOTEBOOK = JSON.stringify({
  nbformat: 4,
  nbformat_minor: 5,
  metadata: { kernelspec: { name: 'python3', display_name: 'Python 3', language: 'python' } },
  cells: [
    {
      cell_type: 'code',
      execution_count: 1,
      metadata: {},
      source: 'import boto3\ns3 = boto3.client("s3")\ns3.list_buckets()',
      outputs: [
        {
          output_type: 'error',
          ename: 'ClientError',
          evalue: `An error occurred (InvalidAccessKeyId) when calling ListBuckets: key ${AWS} with aws_secret_access_key='${AWS_SECRET}' is not valid`,
          traceback: ['Traceback (most recent call last):', `  File "<ipython-input-1>", line 3, in <module>\n    s3 = boto3.client("s3", aws_access_key_id="${AWS}", aws_secret_access_key="${AWS_SECRET}")`, `ClientError: ${AWS}`],
        },
      ],
    },
  ],
});

/** The names of the secrets any 8-character piece of which appears in `out`. */
export function leaked(out: string): string[] {
  return Object.entries(SECRETS)
    .filter(([, s]) => {
      for (let i = 0; i + 8 <= s.length; i++) if (out.includes(s.slice(i, i + 8))) return true;
      return false;
    })
    .map(([name]) => name);
}

export function secretsProject(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'preflight-secrets-'));
  fs.writeFileSync(path.join(dir, 'requirements.txt'), REQUIREMENTS);
  fs.writeFileSync(path.join(dir, 'analysis.ipynb'), NOTEBOOK);
  return dir;
}
