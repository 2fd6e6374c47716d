/** Shared test helpers: parser init and small program builders. */
import { before } from 'node:test';
import { initParser } from '../../server/src/engine/python/parser';

export function useParser(): void {
  before(async () => {
    await initParser();
  });
}
