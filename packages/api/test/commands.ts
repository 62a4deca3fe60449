import { execFile } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { type Command, type CommandResult, runCommand } from '../src/cli.js';
import { loadEnv } from '../src/env.js';
import { testDatabaseUrl } from './database.js';

const apiRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/** An operator command run in this process against the test file's database, as its process would run it. */
export function runTestCommand(name: string, command: Command, args: string[]): Promise<CommandResult> {
  return runCommand(name, command, args, loadEnv({ ...process.env, DATABASE_URL: testDatabaseUrl() }));
}

/** An operator command's entry point (`src/….cli.ts`) run as a process of its own, as `npm run` does. */
export function runCommandProcess(script: string, args: string[]): Promise<CommandResult> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      ['--import', 'tsx', script, ...args],
      { cwd: apiRoot, env: { ...process.env, DATABASE_URL: testDatabaseUrl() } },
      (error, stdout, stderr) => resolve({ code: error ? Number(error.code) : 0, stdout, stderr }),
    );
  });
}
