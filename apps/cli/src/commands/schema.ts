import { parseArgs } from 'node:util';
import { planJsonSchema } from '@shopplan/schema';
import { EXIT, type CliIo } from '../io.ts';

/** `shopplan schema`: prints the plan document's JSON Schema (generated from zod). */
export function schema(args: string[], io: CliIo): number {
  parseArgs({ args, allowPositionals: false, options: {} });
  io.out(JSON.stringify(planJsonSchema(), null, 2));
  return EXIT.ok;
}
