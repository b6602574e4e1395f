/// <reference types="electron-vite/node" />
// The body worker (core/body/worker.ts) as its own bundled file: electron-vite's `?modulePath`
// builds it as a separate entry with its dependencies inlined and gives its path at run time.
// vitest.config.ts and scripts/build-test-main.ts answer the same import with the source file.
import workerPath from '../core/body/worker?modulePath';

export const BODY_WORKER_PATH: string = workerPath;
