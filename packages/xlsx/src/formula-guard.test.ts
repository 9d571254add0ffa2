import { describe, expect, it } from 'vitest';
import { FORMULA_FUNCTIONS } from '@shopplan/engine';
import { assertPortableFormula, formulaFunctions, XlsxUsageError } from './index.ts';

describe('the formula guard', () => {
  it('finds the functions a formula calls, ignoring names and text', () => {
    expect(formulaFunctions('=IF(OR(P3=0,N3=0),"",P3/N3)')).toEqual(['IF', 'OR']);
    expect(formulaFunctions('=paid_visitors*search.share')).toEqual([]);
    expect(formulaFunctions('=IF(A1=0,"TEXTJOIN(",1)')).toEqual(['IF']);
    expect(formulaFunctions('=sumproduct(A1:A2, B1:B2)')).toEqual(['SUMPRODUCT']);
  });

  it('lets every function of FORMULA_FUNCTIONS through', () => {
    for (const f of FORMULA_FUNCTIONS) expect(() => assertPortableFormula(`=${f}(1,2)`, 'X!A1')).not.toThrow();
  });

  it('refuses HyperFormula-only and other functions: they never reach a file', () => {
    for (const formula of ['=TEXTJOIN(",",TRUE,A1:A3)', '=VERSION()', '=SUM(A1)+XLOOKUP(1,A1:A2,B1:B2)', '=ISNUMBER(A1)']) {
      expect(() => assertPortableFormula(formula, 'Channels!B2')).toThrow(XlsxUsageError);
    }
    expect(() => assertPortableFormula('=VERSION()', 'Channels!B2')).toThrow(/Channels!B2.*VERSION/);
  });
});
