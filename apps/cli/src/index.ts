export { runCli, COMMANDS } from './cli.ts';
export type { Command } from './cli.ts';
export { EXIT, UsageError, resolveLang } from './io.ts';
export type { CliIo } from './io.ts';
export { computeJson, channelTable } from './commands/compute.ts';
