/**
 * The engine's public API, and the only way into it from the language server's handlers,
 * runtime and documents, the CLI and the client (test/meta/imports.test.ts checks it). Pure: no
 * vscode or vscode-languageserver imports, so the language server, the CLI and the tests all
 * drive the same code.
 */
export * from './model';
export * from './notebook';
// One pipeline: input (limits) → session (parses, programs, derived facts) → analyze (rules).
export { inputFromBytes, inputFromNotebook, inputFromText, unreadableInput, type AnalysisInput } from './input';
export { analyze, type AnalysisOptions, type AnalysisResult } from './analyze';
export { AnalysisSession, PARSED_NOTEBOOKS_KEPT, type OpenDocument, type SessionOptions } from './session';
export { derived, derivedKey, type DerivedKey } from './derived';
export { pathFilter, type PathFilter } from './pathFilter';
export { scanPaths, DEFAULT_SKIPPED_DIRS, type ScanOptions, type ScanResult } from './scan';
export { readRegularFile } from './regularFile';
export { checkFile, planCheck, reportOf, runCheck, type CheckGroup, type CheckOptions, type CheckPlan, type CheckReport, type CheckTask, type FileResult } from './runner';
// Fixes applied to files (the CLI's --fix / --diff).
export { selectFixes, fixAllowed, type FileFixes, type FixSelection } from './fixes/select';
export { applyFileFixes, readFileToFix } from './fixes/applyFixes';
export { applyTextEdits } from './fixes/applyText';
export { rewriteNotebook, type NotebookRewrite, type RewriteResult } from './fixes/writeNotebook';
// Rules, configuration, projects.
export { allRules, ruleById, ruleIds } from './registry';
export type { Rule, RuleMeta } from './rule';
export { classifyFile, type FileKind, type ManifestKind } from './files';
export { captureReads, createProject, nodeFileSystem, replayReads, snapshotFileSystem, type FileSystem, type ProjectContext } from './project';
export { parseReadKey, readKey, ReadRecorder, type ProjectRead, type ReadKind } from './projectReads';
export { ConfigError, configAnswers, configFromTable, defaultConfig, findConfig, loadConfigFile, resolveConfig, selectionError, withSelection, type ResolvedConfig, type RuleSelection } from './config';
export { findDirective, SUPPRESSION_PREFIX, type Directive } from './suppressions';
export { statementLayout, type CommentPlace, type StatementLayout } from './python/statementRows';
// Python.
export { initParser } from './python/parser';
export { CACHE_DIR_NAME, cacheRootOf } from './verifyRecord';
export { programFromNotebook, programFromPython, parseUnit, programFromUnits, type PythonProgram, type Unit } from './python/program';
// The readiness checklist.
export * from './checklist';
