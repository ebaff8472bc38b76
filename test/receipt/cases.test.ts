import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { loadConfig } from '../../src/config/load-config';
import { previewText } from '../../src/cli/preview';
import { buildPreviewService } from '../../src/main';
import { runKkm } from '../helpers/kkm-process';
import { loadSharedCases, type SharedCase } from '../helpers/shared-cases';

// The shared cases (../shared/cases, else the copy in test/fixtures/cases) read as data: each
// one's document goes through `kkm preview`'s own code (previewText with the service
// `kkm preview` builds), and every expectation it lists is checked. No case is named in code;
// a new file is a new test.

const cases = loadSharedCases();
const caseFiles = cases.map((shopCase) => shopCase.file);
const service = buildPreviewService(loadConfig({ NODE_ENV: 'test' }));

function caseNamed(file: string): SharedCase {
  const found = cases.find((shopCase) => shopCase.file === file);
  if (!found) throw new Error(`No case file ${file}`);
  return found;
}

const kopecks = (value: number) => Math.round(value * 100);

function sumsByName(items: any[]): Map<string, number> {
  const sums = new Map<string, number>();
  for (const item of items) sums.set(item.name, (sums.get(item.name) ?? 0) + kopecks(item.sum));
  return sums;
}

/** One checker per expectation key; an unknown key fails the case instead of passing quietly. */
const checks: Record<string, (expected: any, body: any, operation: string | undefined) => void> = {
  total: (expected, body) => expect(body.receipt.total).toBe(expected),
  lineCount: (expected, body) => expect(body.receipt.items).toHaveLength(expected),
  payments: (expected, body) => expect(body.receipt.payments).toEqual(expected),
  client: (expected, body) => expect(body.receipt.client).toMatchObject(expected),
  operation: (expected, _body, operation) => expect(operation).toBe(expected),
  clientHasNo: (expected: string[], body) => {
    for (const key of expected) expect(body.receipt.client).not.toHaveProperty(key);
  },
  maxNameLength: (expected: number, body) => {
    for (const item of body.receipt.items) {
      expect([...item.name].length).toBeLessThanOrEqual(expected);
      expect(item.name.length).toBeLessThanOrEqual(expected);
    }
  },
  lines: (expected: any[], body) => {
    expect(body.receipt.items).toHaveLength(expected.length);
    expected.forEach((line, index) => expect(body.receipt.items[index]).toMatchObject(line));
  },
  itemSums: (expected: Record<string, number>, body) => {
    const sums = sumsByName(body.receipt.items);
    for (const [name, sum] of Object.entries(expected)) expect(sums.get(name)).toBe(kopecks(sum));
  },
  itemSumsWithin: (expected: { cents: number; sums: Record<string, number> }, body) => {
    const sums = sumsByName(body.receipt.items);
    for (const [name, sum] of Object.entries(expected.sums)) {
      const got = sums.get(name);
      expect(got).toBeDefined();
      expect(Math.abs((got ?? 0) - kopecks(sum))).toBeLessThanOrEqual(expected.cents);
    }
  },
};

describe('shared cases through kkm preview', () => {
  it('when the cases folder is read, then it holds cases', () => {
    expect(caseFiles.length).toBeGreaterThan(0);
  });

  it.each(caseFiles)('when %s is previewed, then every expectation holds', (file) => {
    const data = caseNamed(file);
    const output = previewText(service, data.kind, JSON.stringify(data.document));
    const { refused, field, ...expectations } = data.expect;

    if (refused) {
      expect(output.exitCode).not.toBe(0);
      expect(output.stdout).toBe('');
      if (field !== undefined) {
        expect(output.stderr.filter((line) => line.startsWith(`  ${field}: `))).not.toEqual([]);
      }
      expect(Object.keys(expectations)).toEqual([]);
      return;
    }
    expect({ exitCode: output.exitCode, stderr: output.stderr }).toMatchObject({ exitCode: 0 });
    const body = JSON.parse(output.stdout);
    for (const [key, expected] of Object.entries(expectations)) {
      const check = checks[key];
      if (!check) throw new Error(`${file}: no check for expectation "${key}"`);
      check(expected, body, output.operation);
    }
  });
});

describe('kkm preview as a process', () => {
  // The child runs the built code: `npm test` builds dist/ first (run `npm run build` when
  // running this file alone). Building here would pull dist/ from under other running tests.
  it('when a case document is given as a file, then the ATOL body is printed, exit 0', async () => {
    const data = caseNamed('row-discount-three-units.json');
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'kkm-')), 'doc.json');
    fs.writeFileSync(file, JSON.stringify(data.document));

    const result = await runKkm(['preview', 'invoice', file]);

    expect(result.code).toBe(0);
    const body = JSON.parse(result.stdout);
    expect(body.receipt.total).toBe(data.expect.total);
    expect(body.receipt.items).toMatchObject(data.expect.lines);
    expect(result.stderr).toContain("ATOL's public test company");
  });

  it('when a document is refused, then field errors go to stderr, exit non-zero', async () => {
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'kkm-')), 'bad.json');
    fs.writeFileSync(file, JSON.stringify({ id: 'X 1', items: [], total: '1.005' }));

    const result = await runKkm(['preview', 'refund', file]);

    expect(result.code).not.toBe(0);
    expect(result.stdout).toBe('');
    expect(result.stderr).toContain('  id: must be 1–64 characters');
    expect(result.stderr).toContain('  total: an amount has more than 2 decimals');
  });

  it('when the file is not valid UTF-8, then it is refused with exit 2', async () => {
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'kkm-')), 'latin1.json');
    const text = JSON.stringify(caseNamed('row-discount-three-units.json').document);
    const broken = [Buffer.from(`${text.slice(0, -1)},"x":"X`), Buffer.from([0xff, 0x22, 0x7d])];
    fs.writeFileSync(file, Buffer.concat(broken));

    const result = await runKkm(['preview', 'invoice', file]);

    expect(result.code).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr).toContain('kkm: the body is not valid UTF-8');
  });
});
