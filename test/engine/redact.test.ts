import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { redactSecrets } from '../../server/src/engine/redact';

// Keys are assembled from parts so that this file does not itself look like it leaks keys.
const GITHUB = 'ghp_' + 'aB3dE5fG7hJ9kL1mN3pQ5rS7tU9vW1xY3zA5';
const AWS = 'AKIA' + 'Q3EGRTZ5HXMPL7UK';
const AWS_SECRET = 'wJal' + 'rXUtnFEMI/K7MDENG/bPxRfiCYzQ9x2Lm8Wp';
const SLACK = 'xoxb-' + '2817364512-' + 'Q7fZk2LmW9xPa4RtY1uB';

describe('redactSecrets', () => {
  const cases: [string, string, string][] = [
    ['a token as a URL user', `'git+https://${GITHUB}@github.com/acme/lib.git'`, `'git+https://***@github.com/acme/lib.git'`],
    ['user and password of an index URL', '--index-url https://alice:S3cr3tPassw0rd@pypi.acme.com/simple', '--index-url https://***@pypi.acme.com/simple'],
    ['a plain user name stays', 'git+ssh://git@github.com/acme/lib.git', 'git+ssh://git@github.com/acme/lib.git'],
    ['a URL without user-info stays', 'https://pypi.org/simple/requests/', 'https://pypi.org/simple/requests/'],
    ['a provider token keeps 4 characters', `ClientError: InvalidClientTokenId for ${AWS}`, 'ClientError: InvalidClientTokenId for AKIA…'],
    ['a Slack token in a log line', `posting with ${SLACK} failed`, 'posting with xoxb… failed'],
    ['secret query parameters', 'GET https://s3.amazonaws.com/b/k?X-Amz-Signature=0f9e8d7c6b5a&access_token=Zq8Lm2Wx9Pr4&page=2', 'GET https://s3.amazonaws.com/b/k?X-Amz-Signature=***&access_token=***&page=2'],
    ['a secret-named value in a traceback', `----> 3 s3 = boto3.client("s3", aws_secret_access_key='${AWS_SECRET}')`, `----> 3 s3 = boto3.client("s3", aws_secret_access_key='wJal…')`],
    ['a password in a log line', 'connecting with password=Xk9#mQ2vLp to db', 'connecting with password=Xk9#… to db'],
    ['placeholders and names stay', 'password=${DB_PASSWORD} token=<token> api_key=OPENAI_API_KEY', 'password=${DB_PASSWORD} token=<token> api_key=OPENAI_API_KEY'],
    ['a private key body is cut after its header', '-----BEGIN RSA PRIVATE KEY-----\nMIIEowIBAAKCAQEA7\n-----END RSA PRIVATE KEY-----', '-----BEGIN RSA PRIVATE KEY-----…-----END RSA PRIVATE KEY-----'],
    ['ordinary text stays', "'numpy' is imported but not declared; pin it (numpy==<version>).", "'numpy' is imported but not declared; pin it (numpy==<version>)."],
  ];
  for (const [name, input, expected] of cases) {
    it(name, () => {
      assert.equal(redactSecrets(input), expected);
      assert.equal(redactSecrets(expected), expected, 'redacting twice changes nothing');
    });
  }
});
