/** File-level rules every document can get (syntax errors, unreadable or invalid files). */
import type { Rule } from '../rule';
import { invalidFile } from '../rules/invalid-file';
import { syntaxError } from '../rules/syntax-error';

export const rules: readonly Rule[] = [invalidFile, syntaxError];
