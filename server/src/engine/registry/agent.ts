/** The agent production-readiness rules, in alphabetical order of id. */
import type { Rule } from '../rule';
import { absoluteUserPath } from '../rules/absolute-user-path';
import { hardcodedSecret } from '../rules/hardcoded-secret';
import { missingTimeout } from '../rules/missing-timeout';
import { printLogging } from '../rules/print-logging';
import { secretInOutput } from '../rules/secret-in-output';
import { swallowedException } from '../rules/swallowed-exception';
import { unboundedRetry } from '../rules/unbounded-retry';
import { unguardedIrreversibleTool } from '../rules/unguarded-irreversible-tool';
import { unvalidatedRequestBody } from '../rules/unvalidated-request-body';
import { unversionedModelArtifact } from '../rules/unversioned-model-artifact';

export const rules: readonly Rule[] = [
  absoluteUserPath,
  hardcodedSecret,
  missingTimeout,
  printLogging,
  secretInOutput,
  swallowedException,
  unboundedRetry,
  unguardedIrreversibleTool,
  unvalidatedRequestBody,
  unversionedModelArtifact,
];
