/**
 * Backup of what users made (server/services/user-data.ts), run with the server stopped:
 *
 *   npm run user:export [-- <file.json>]            the user store as JSON, and its agreements as <file>-agreements.csv
 *                                                    (default data/user/backups/atlas-user-<date>.json)
 *   npm run user:import -- <file.json> [--replace]  restores a backup: all of it or nothing
 *
 * ATLAS_DB and ATLAS_USER_DB choose the files, as for the server.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import type { Topology } from 'topojson-specification';
import { AtlasDb } from './db.ts';
import { storePaths } from './paths.ts';
import { refreshCustomRegions } from './services/custom-regions.ts';
import { UserDataError, agreementsCsv, exportUserData, importUserData } from './services/user-data.ts';
import { StoreError } from './store.ts';

const { dbPath, assetPath, userPath } = storePaths();
const [command, ...args] = process.argv.slice(2);
const name = `user:${command}`;

function fail(message: string): never {
  console.error(`${name}: ${message}`);
  process.exit(1);
}

async function open(): Promise<AtlasDb> {
  try {
    return await AtlasDb.open(dbPath, { userStore: userPath, readers: 1 });
  } catch (err) {
    const message = err instanceof Error ? err.message.split('\n')[0]! : String(err);
    const holder = /Conflicting lock is held in .*\(PID (\d+)\)/.exec(message);
    if (holder) fail(`the user store ${userPath} is in use by another process (PID ${holder[1]}), probably the atlas server: stop it, then run \`npm run ${name}\` again`);
    if (err instanceof StoreError && err.store === 'built') fail(`cannot use the database ${dbPath}: ${message}; build it with \`npm run data:build\``);
    fail(`cannot open the user store ${userPath}: ${message}`);
  }
}

async function exportCommand(): Promise<void> {
  if (!existsSync(userPath)) fail(`there is no user store at ${userPath} (nothing saved or imported yet; ATLAS_USER_DB names another)`);
  const stamp = new Date().toISOString().slice(0, 19).replace(/[-:]/g, '').replace('T', '-');
  const jsonPath = resolve(args[0] ?? join(dirname(userPath), 'backups', `atlas-user-${stamp}.json`));
  const csvPath = jsonPath.replace(/(\.json)?$/i, '-agreements.csv');
  const db = await open();
  try {
    const data = await exportUserData(db);
    mkdirSync(dirname(jsonPath), { recursive: true });
    writeFileSync(jsonPath, `${JSON.stringify(data, null, 2)}\n`);
    writeFileSync(csvPath, await agreementsCsv(db, data));
    console.log(
      `${name}: wrote ${data.customRegions.length} saved groupings, ${data.agreements.length} imported agreements, ${data.stories.length} stories and ${data.indicators.length} own indicators to ${jsonPath}, and the agreements to ${csvPath}`,
    );
  } finally {
    await db.close();
  }
}

async function importCommand(): Promise<void> {
  const file = args.find((a) => !a.startsWith('--'));
  if (!file) fail('name the backup to restore: npm run user:import -- <file.json> [--replace]');
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(file, 'utf8'));
  } catch (err) {
    fail(`cannot read ${file} as JSON: ${(err as Error).message.split('\n')[0]}`);
  }
  let topology: Topology;
  try {
    topology = JSON.parse(readFileSync(assetPath, 'utf8')) as Topology;
  } catch (err) {
    fail(`cannot read the boundary file ${assetPath} (${(err as Error).message.split('\n')[0]}); build it with \`npm run data:build\``);
  }
  const db = await open();
  try {
    const result = await importUserData(db, json, { replace: args.includes('--replace') });
    await refreshCustomRegions(db, topology);
    console.log(
      `${name}: restored ${result.regions.added} saved groupings (${result.regions.unchanged} already there), ${result.agreements.added} agreements (${result.agreements.unchanged} already there), ${result.stories.added} stories (${result.stories.unchanged} already there) and ${result.indicators.added} own indicators (${result.indicators.unchanged} already there) into ${userPath}`,
    );
    if (result.unknownCodes.length)
      console.log(`${name}: this build does not know ${result.unknownCodes.join(', ')}; the records that name them are kept but not shown until a build that knows them`);
  } catch (err) {
    if (err instanceof UserDataError) {
      await db.close();
      fail(`${file} was not restored; nothing was written. ${err.problems.length} problem${err.problems.length === 1 ? '' : 's'}:\n  ${err.problems.join('\n  ')}`);
    }
    throw err;
  }
  await db.close();
}

if (command === 'export') await exportCommand();
else if (command === 'import') await importCommand();
else fail('use `npm run user:export` or `npm run user:import -- <file.json>`');
