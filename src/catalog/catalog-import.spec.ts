import {
  NEED_HEADERS,
  NEED_TEMPLATE,
  RESULT_HEADERS,
  RESULT_TEMPLATE,
} from 'src/catalog/catalog-import';
import { checkNeedRows, checkResultRows } from 'src/catalog/catalog-rows';
import { readTable } from 'src/common/rows';
import { SheetTemplate, templateWorkbook } from 'src/imports/import-template';

describe('the catalog templates', () => {
  it.each<[string, SheetTemplate, Record<string, string>, typeof checkResultRows]>([
    ['results', RESULT_TEMPLATE, RESULT_HEADERS, checkResultRows],
    ['needs', NEED_TEMPLATE, NEED_HEADERS, checkNeedRows as unknown as typeof checkResultRows],
  ])(
    '%s: every header known to the import, the example row imports',
    async (_, template, headers, check) => {
      const rows = await readTable(await templateWorkbook(template), headers);
      expect(rows).toHaveLength(1);
      // Each header is one the import reads: none is kept as an unknown column.
      expect(Object.keys(rows[0].data).sort()).toEqual(
        template.columns.map((c) => headers[c.header]).sort(),
      );
      const checked = await check(rows);
      expect(checked.errors).toEqual([]);
      expect(checked.valid).toHaveLength(1);
    },
  );
});
