import { describe, expect, it } from 'vitest';
import { absoluteRef, planWorkbookSpec } from '@shopplan/engine';
import { EXAMPLE_PLAN_IDS, examplePlan } from '@shopplan/examples';
import { documentLocation, formatPath, listAssumptions, parseAssumptionPath } from '@shopplan/schema';
import { exportWorkbook, importWorkbook } from './index.ts';
import { XlsxXml } from './xlsx-xml.ts';

// The import finds the cell of a refused value through the field registry's
// document location. It used to keep its own copy of that mapping, which had
// drifted: margins, refund rates and curve parameters were reported at the
// wrong path, so their issues named no cell.
describe('importWorkbook names the cell of every refused assumption, for every registry field', () => {
  for (const id of EXAMPLE_PLAN_IDS) {
    it(`${id}: each named assumption set out of its valid range is refused at its own cell`, async () => {
      const plan = examplePlan(id);
      const bytes = await exportWorkbook({ plan, lang: 'en' });
      const names = planWorkbookSpec(plan).names.filter((n) => n.assumptionPath !== undefined);
      const fields = new Set<string>();
      for (const name of names) {
        const path = name.assumptionPath!;
        const f = parseAssumptionPath(path)?.field;
        expect(f, path).toBeDefined();
        expect(documentLocation(plan, path), path).toBeDefined();
        const bad = f!.valid.max !== undefined ? f!.valid.max + 1 : f!.valid.min - 1;
        const xml = await XlsxXml.open(bytes);
        const cell = absoluteRef(name.sheet, name.col, name.row).replaceAll('$', '');
        const [sheet = '', address = ''] = cell.split('!');
        await xml.setNumber(sheet.replace(/^'|'$/g, ''), address, bad);
        const outcome = await importWorkbook(await xml.bytes());
        expect(outcome.ok, path).toBe(false);
        if (outcome.ok) continue;
        const own = outcome.issues.find((i) => i.code === 'too_big' || i.code === 'too_small');
        expect(own?.path, `${path}: ${JSON.stringify(outcome.issues)}`).toBe(cell);
        // the structured path still says which field of the document it is
        expect(formatPath(own!.at), path).toBe(formatPath(documentLocation(plan, path)!));
        fields.add(f!.id);
      }
      // every named assumption of the plan was tried
      expect(fields.size).toBe(new Set(listAssumptions(plan).filter((a) => names.some((n) => n.assumptionPath === a.path)).map((a) => parseAssumptionPath(a.path)!.field.id)).size);
    }, 180_000);
  }
});
