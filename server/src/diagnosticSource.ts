/**
 * `Diagnostic.source` of every Preflight diagnostic. In a module of its own (no imports) so the
 * extension's activation path can read it without loading the LSP protocol library.
 */
export const DIAGNOSTIC_SOURCE = 'preflight';
