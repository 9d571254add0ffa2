#!/usr/bin/env node
import { runCli } from './cli.ts';
import { terminalSafe } from './terminal.ts';

let progressShown = false;
function showProgress(text: string): void {
  process.stderr.write(`\r${text}\x1b[K`);
  progressShown = true;
}
/** Ends a progress line so what follows starts on a clean line. */
function endProgress(): void {
  if (progressShown) process.stderr.write('\r\x1b[K');
  progressShown = false;
}

// A reader that stops early (`shopplan products PLAN | head`) closes the pipe:
// the answer it wanted is printed, so leave quietly as other Unix tools do
// (the shell's convention for SIGPIPE: 128 + 13), never with a stack trace.
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code === 'EPIPE') process.exit(141);
  process.stderr.write(`shopplan: cannot write the answer: ${terminalSafe(error.message)}\n`);
  process.exit(74);
});

// The process entry: real streams, real environment. A crash that is not a
// planner's mistake still prints one line, not a stack trace, unless
// SHOPPLAN_DEBUG asks for it.
runCli(process.argv.slice(2), {
  out: (text) => {
    endProgress();
    process.stdout.write(`${text}\n`);
  },
  err: (text) => {
    endProgress();
    process.stderr.write(`${text}\n`);
  },
  env: process.env,
  cwd: process.env.INIT_CWD ?? process.cwd(),
  // A status line redrawn in place, only where a person watches: never on
  // stdout (it carries the answer or --json), never into a log file.
  ...(process.stderr.isTTY ? { progress: showProgress } : {}),
}).then(
  (code) => {
    endProgress();
    process.exitCode = code;
  },
  (error: unknown) => {
    endProgress();
    process.stderr.write(`shopplan: internal error: ${terminalSafe(error instanceof Error ? error.message : String(error))}\n`);
    if (process.env.SHOPPLAN_DEBUG) process.stderr.write(`${error instanceof Error ? error.stack : ''}\n`);
    process.exitCode = 70;
  },
);
