/**
 * The engine's public API. Pure: no vscode or vscode-languageserver imports, so the language
 * server, the CLI and the tests all drive the same code.
 */
export * from './model';
export * from './notebook';
export { analyze, inputFromBytes, type AnalysisInput, type AnalysisOptions, type AnalysisResult } from './analyze';
export { allRules, ruleById, ruleIds } from './registry';
export { classifyFile, type FileKind, type ManifestKind } from './files';
export { createProject, nodeFileSystem, type FileSystem, type ProjectContext } from './project';
export { ConfigError, configFromTable, defaultConfig, findConfig, loadConfigFile, resolveConfig, type ResolvedConfig } from './config';
export { initParser } from './python/parser';
export { programFromNotebook, programFromPython, parseUnit, programFromUnits, type PythonProgram, type Unit } from './python/program';
export type { Rule, RuleMeta } from './rule';
