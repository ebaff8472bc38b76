import fs from 'node:fs';
import path from 'node:path';
import { projectRoot } from '../paths';
import { envNames } from './env-schema';

function read(file: string): string {
  return fs.readFileSync(path.join(projectRoot, file), 'utf8');
}

describe('configuration documentation', () => {
  it('when a setting is in the schema, then the README table lists it', () => {
    const readme = read('README.md');

    const missing = envNames.filter((name) => !readme.includes(`| \`${name}\``));

    expect(missing).toEqual([]);
  });

  it('when a setting is in the schema, then .env.example has its line', () => {
    const lines = read('.env.example').split('\n');

    const missing = envNames.filter((name) => !lines.some((line) => line.startsWith(`${name}=`)));

    expect(missing).toEqual([]);
  });

  it('when .env.example names a setting, then the schema knows it', () => {
    const names = read('.env.example')
      .split('\n')
      .filter((line) => /^[A-Z_]+=/.test(line))
      .map((line) => line.slice(0, line.indexOf('=')));

    expect(names.filter((name) => !(envNames as string[]).includes(name))).toEqual([]);
  });
});
