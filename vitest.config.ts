import { defineConfig } from 'vitest/config';

// Tests sit beside the code they prove (data/, server/, web/) and in tests/ for API and browser runs.
export default defineConfig({
  test: {
    root: '.',
    include: ['domain/**/*.test.ts', 'data/**/*.test.ts', 'server/**/*.test.ts', 'web/**/*.test.ts', 'tests/**/*.test.ts'],
    exclude: ['node_modules/**', 'dist/**'],
    globalSetup: ['tests/setup/global.ts'],
    // Each test file's temporary folders (database copies) are removed when it ends.
    setupFiles: ['tests/setup/cleanup.ts'],
    // Tests that start the real server as a child process (seconds each); `npm run test:unit` leaves them out.
    tags: [{ name: 'process', description: 'starts the real server as a child process' }],
    // Browser tests draw every frame on SwiftShader (CPU): generous, so a busy machine slows them rather than fails them.
    testTimeout: 150_000,
    hookTimeout: 240_000,
    fileParallelism: true,
    // flowmap.gl publishes ES modules with extensionless imports that Node cannot load: vite transforms them.
    server: { deps: { inline: [/@flowmap\.gl/] } },
    maxWorkers: 2,
  },
});
