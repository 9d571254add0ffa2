#!/usr/bin/env node
import { runCli } from './cli.ts';

// The process entry: real streams, real environment. A crash that is not a
// planner's mistake still prints one line, not a stack trace, unless
// SHOPPLAN_DEBUG asks for it.
runCli(process.argv.slice(2), {
  out: (text) => process.stdout.write(`${text}\n`),
  err: (text) => process.stderr.write(`${text}\n`),
  env: process.env,
  cwd: process.env.INIT_CWD ?? process.cwd(),
}).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    process.stderr.write(`shopplan: internal error: ${error instanceof Error ? error.message : String(error)}\n`);
    if (process.env.SHOPPLAN_DEBUG) process.stderr.write(`${error instanceof Error ? error.stack : ''}\n`);
    process.exitCode = 70;
  },
);
