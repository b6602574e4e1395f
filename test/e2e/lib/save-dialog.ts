// The save dialog for e2e sessions: the person "chooses" the suggested name in a folder the test
// owns, so a test can read back what the core wrote.
import { join } from 'node:path';
import type { SavePathRequest } from '../../../src-main/core/options';

export function saveDialogInto(folder: string) {
  const asked: SavePathRequest[] = [];
  return {
    folder,
    asked,
    /** CoreOptions.chooseSavePath */
    choose: async (request: SavePathRequest): Promise<string | null> => {
      asked.push(request);
      return join(folder, request.defaultName);
    },
  };
}
