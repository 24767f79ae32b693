import { defineConfig } from 'vitest/config';

// Tests sit beside the code they prove (data/, server/, web/) and in tests/ for API and browser runs.
export default defineConfig({
  test: {
    root: '.',
    include: ['domain/**/*.test.ts', 'data/**/*.test.ts', 'server/**/*.test.ts', 'web/**/*.test.ts', 'tests/**/*.test.ts'],
    exclude: ['node_modules/**', 'dist/**'],
    globalSetup: ['tests/setup/global.ts'],
    // Browser tests draw every frame on SwiftShader (CPU): generous, so a busy machine slows them rather than fails them.
    testTimeout: 150_000,
    hookTimeout: 240_000,
    fileParallelism: true,
    maxWorkers: 2,
  },
});
