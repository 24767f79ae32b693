import { afterAll } from 'vitest';
import { removeTestDirs } from '../helpers/database.ts';

// Every test file: its database copies and other temporary folders go when it ends (about 20 MB each; a full
// run used to leave some 320 MB behind). Registered before the file's own hooks, so it runs after them
// (after-hooks run in reverse order): the file's servers and databases are closed by then.
afterAll(removeTestDirs);
