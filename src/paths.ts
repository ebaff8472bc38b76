import fs from 'node:fs';
import path from 'node:path';

function findProjectRoot(start: string): string {
  let dir = start;
  while (!fs.existsSync(path.join(dir, 'package.json'))) {
    const parent = path.dirname(dir);
    if (parent === dir) return process.cwd();
    dir = parent;
  }
  return dir;
}

/** The folder holding package.json, whether the code runs from src/ (tests) or dist/src/. */
export const projectRoot = findProjectRoot(__dirname);

/** Where MJML and other templates live. */
export const templatesDir = path.join(projectRoot, 'templates');
