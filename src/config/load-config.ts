import fs from 'node:fs';
import path from 'node:path';
import dotenv from 'dotenv';
import { buildConfig } from './build-config';
import { ConfigError } from './config-error';
import type { Config } from './config-types';
import { envNames, envSchema, RawEnv } from './env-schema';

/**
 * The process environment merged over an optional `.env` file in `cwd`; real environment
 * variables win. This is the one place the service reads `process.env`.
 */
export function readEnvironment(cwd: string = process.cwd()): NodeJS.ProcessEnv {
  const file = path.join(cwd, '.env');
  const fromFile = fs.existsSync(file) ? dotenv.parse(fs.readFileSync(file)) : {};
  return { ...fromFile, ...process.env };
}

/**
 * Reads `NAME_FILE` for every known NAME (Docker and Kubernetes secrets are mounted as files).
 * One trailing newline is dropped, as editors add it.
 */
function resolveFileSecrets(env: NodeJS.ProcessEnv, problems: string[]): NodeJS.ProcessEnv {
  const resolved: NodeJS.ProcessEnv = { ...env };
  for (const name of envNames) {
    const file = env[`${name}_FILE`];
    if (file === undefined || file === '') continue;
    if (env[name] !== undefined && env[name] !== '') {
      problems.push(`${name}_FILE: set either ${name} or ${name}_FILE, not both`);
      continue;
    }
    try {
      resolved[name] = fs.readFileSync(file, 'utf8').replace(/\r?\n$/, '');
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code ?? 'unreadable';
      problems.push(`${name}_FILE: cannot read ${file} (${code})`);
    }
  }
  return resolved;
}

/**
 * Parses each variable on its own: a bad one is reported and replaced by its default, so the
 * rules spanning several settings still run and every problem is listed in one go.
 */
function parseEnv(env: NodeJS.ProcessEnv, problems: string[]): RawEnv {
  const values: Record<string, unknown> = {};
  for (const name of envNames) {
    const field = envSchema.shape[name];
    const parsed = field.safeParse(env[name]);
    if (parsed.success) {
      values[name] = parsed.data;
    } else {
      problems.push(...parsed.error.issues.map((issue) => `${name}: ${issue.message}`));
      values[name] = field.parse(undefined);
    }
  }
  return values as RawEnv;
}

/**
 * Parses the whole configuration from an environment. Throws ConfigError listing every problem
 * at once, so a bad deployment is fixed in one round.
 */
export function loadConfig(env: NodeJS.ProcessEnv): Config {
  const problems: string[] = [];
  const resolved = resolveFileSecrets(env, problems);
  const { config, problems: ruleProblems } = buildConfig(parseEnv(resolved, problems));

  problems.push(...ruleProblems);
  if (problems.length > 0) throw new ConfigError(problems);
  return config;
}
