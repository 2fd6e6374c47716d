/** The dependencies rules, in alphabetical order of id. */
import type { Rule } from '../rule';
import { movingModelAliasRule } from '../rules/moving-model-alias';
import { undeclaredImport } from '../rules/undeclared-import';
import { unpinnedBaseImage } from '../rules/unpinned-base-image';
import { unpinnedInstall } from '../rules/unpinned-install';
import { unpinnedRequirement } from '../rules/unpinned-requirement';

export const rules: readonly Rule[] = [movingModelAliasRule, undeclaredImport, unpinnedBaseImage, unpinnedInstall, unpinnedRequirement];
