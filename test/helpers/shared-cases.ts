import fs from 'node:fs';
import path from 'node:path';
import { projectRoot } from '../../src/paths';

/** The living case files, kept beside the repository (`../shared/cases`). */
export const livingCasesDir = path.resolve(projectRoot, '..', 'shared', 'cases');

/** The copy inside the repository, used when the living folder is absent (a plain clone). */
export const fixtureCasesDir = path.resolve(projectRoot, 'test', 'fixtures', 'cases');

/** Fewer files than this means a broken copy, not a smaller set of cases. */
export const MIN_CASE_FILES = 16;

/** One shop case: a document, its kind and what the receipt built from it must look like. */
export interface SharedCase {
  /** The file name, e.g. `half-kilo.json`. */
  file: string;
  title: string;
  kind: 'invoice' | 'refund';
  document: unknown;
  expect: Record<string, any>;
}

/** The folder the cases are read from: the living one when it exists, else the fixture copy. */
export function sharedCasesDir(): string {
  return fs.existsSync(livingCasesDir) ? livingCasesDir : fixtureCasesDir;
}

/**
 * Every case file, sorted by name. Throws when the folder holds fewer than MIN_CASE_FILES, so
 * a missing or half-copied folder fails the tests instead of quietly testing less.
 */
export function loadSharedCases(): SharedCase[] {
  const dir = sharedCasesDir();
  const files = fs
    .readdirSync(dir)
    .filter((name) => name.endsWith('.json'))
    .sort();
  if (files.length < MIN_CASE_FILES) {
    throw new Error(
      `Expected at least ${MIN_CASE_FILES} case files in ${dir}, found ${files.length}`,
    );
  }
  return files.map((file) => ({
    file,
    ...(JSON.parse(fs.readFileSync(path.join(dir, file), 'utf8')) as Omit<SharedCase, 'file'>),
  }));
}
