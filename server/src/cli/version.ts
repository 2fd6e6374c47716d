/** The version `preflight --version` prints and SARIF reports (package.json's). */
export const VERSION = '0.1.0';
