import { defineConfig } from 'vitest/config';
import full from './vitest.config.ts';

// `npm run test:unit`: the unit tests beside the code, the API tests (the app without a socket) and the
// architecture checks; no client build, browser, load, fault or fuzz run, and no test tagged `process`
// (it starts the real server; the script passes --tags-filter=!process). `npm test` runs everything.
export default defineConfig({
  test: {
    ...full.test,
    include: ['domain/**/*.test.ts', 'data/**/*.test.ts', 'server/**/*.test.ts', 'web/**/*.test.ts', 'tests/api/**/*.test.ts', 'tests/architecture/**/*.test.ts'],
    globalSetup: ['tests/setup/database.ts'],
    // Modules are loaded once per worker, not once per file: half the CPU time. `npm test` keeps isolation.
    isolate: false,
  },
});
