// The tests Stryker runs against each mutant (`npm run mutate`, stryker.config.mjs). Only tests that
// run the product in this process can see a mutant: Stryker switches mutants through a global, so
// a core in a child process (the crash and load tests) always runs the original code. Chromium,
// the built app, the docs and lint checks (which read the instrumented sources as text) are left out.
import { defineConfig } from 'vitest/config';
import react from '@vitejs/plugin-react';

export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'mutate-node',
          include: ['test/core/**/*.test.ts', 'test/shell/**/*.test.ts'],
          exclude: [
            'test/core/crash/sigkill.test.ts',
            'test/core/crash/kill-at-the-worst-moment.test.ts',
            'test/core/load/**',
            // Quick actions' mappings over the proxy: slow (a sign-in each), and what they reach of
            // the mutated modules the proxy's own tests reach too.
            'test/core/actions-google.test.ts',
            'test/core/actions-spotify.test.ts',
            'test/core/support-peers.test.ts',
            // Random inputs each run: a mutant they catch once they may miss the next time.
            'test/core/fuzz/**',
            'test/shell/built-app.test.ts',
            'test/shell/csp-chromium.test.ts',
            'test/shell/security-doc.test.ts',
            'test/shell/package-dir.test.ts',
          ],
          environment: 'node',
          testTimeout: 60_000,
          hookTimeout: 60_000,
        },
      },
      {
        plugins: [react()],
        test: {
          name: 'mutate-renderer',
          include: ['test/renderer/**/*.test.{ts,tsx}'],
          environment: 'jsdom',
          testTimeout: 30_000,
        },
      },
    ],
  },
});
