/**
 * A FastAPI endpoint whose request body has no schema: a body parameter annotated
 * `dict`/`Dict[...]`/`Any`/`Mapping`, or `await request.json()` never validated in the endpoint
 * (agent/requestInputs.ts). Malformed or hostile input then reaches the model, the agent or the
 * database unchecked, and fails late, far from the request, or not at all.
 */
import * as path from 'node:path';
import { fastapiEndpoints, unvalidatedInputs } from '../agent/requestInputs';
import { isTestFile } from '../fileRoles';
import { createRule } from '../rule';

export const unvalidatedRequestBody = createRule(
  {
    id: 'unvalidated-request-body',
    family: 'agent',
    category: 'input-validation',
    subtypes: [],
    description: 'Report FastAPI endpoints that accept a request body without a schema',
    defaultSeverity: 'warning',
    recommended: true,
    appliesTo: ['python'],
    scope: 'program',
    reads: ['source'],
  },
  (ctx) => {
    const program = ctx.program;
    if (!program || isTestFile(path.relative(ctx.project.root, ctx.file))) return;
    for (const fn of fastapiEndpoints(program)) {
      for (const u of unvalidatedInputs(program, fn)) {
        ctx.reportNode(
          program.units[u.unit]!,
          u.node,
          u.kind === 'untyped-parameter'
            ? `Endpoint \`${fn.name}\` takes \`${u.what}\`: FastAPI accepts any JSON object for it and validates nothing; declare a pydantic model for the body.`
            : `Endpoint \`${fn.name}\` parses the body with \`${u.what}\` and never validates it: declare a pydantic model parameter (or validate with \`Model.model_validate(data)\`).`,
        );
      }
    }
  },
);
