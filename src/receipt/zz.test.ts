import fc from 'fast-check';
import { documentArb, WIDE } from '../../test/receipt/document-arbitraries';
import { testPreviewService } from '../../test/receipt/receipt-fixtures';
import { createRegisterValidator } from '../emulator/receipt-validation';
import { processReceipt } from '../emulator/receipt-processing';
import { ATOL_TEST_ACCOUNT, resolveEmulatorOptions } from '../emulator/emulator-options';
test('emulator accepts', () => {
  const svc = testPreviewService();
  const o = resolveEmulatorOptions();
  const validate = createRegisterValidator({
    limits: o.limits,
    legacyComposite: false,
    vatDateRules: o.vatDateRules,
  });
  const docs = fc.sample(documentArb(WIDE), 5000);
  let n = 0;
  const bad: any[] = [];
  for (const d of docs) {
    let r;
    try {
      r = svc.preview(d.kind, d.body);
    } catch {
      continue;
    }
    n++;
    const v = validate(r.operation as any, r.request);
    if (!v.ok) {
      bad.push(['schema', v.text]);
      continue;
    }
    const p = processReceipt(v.body!, ATOL_TEST_ACCOUNT, true);
    if (!p.ok) bad.push(['process', JSON.stringify(p).slice(0, 300)]);
  }
  console.log(n, bad.length, JSON.stringify(bad.slice(0, 5), null, 1));
});
