import { z } from 'zod';
import { formatProblems, problemsOf } from './schema-problems';

/** getToken's input (reference §1.3): the same rules for the POST body and the GET query. */
const tokenRequestSchema = z.object({
  login: z
    .string()
    .max(100)
    .regex(/^[^\s]+$/),
  pass: z.string().max(100),
  source: z
    .string()
    .max(100)
    .regex(/^[a-zA-Z0-9_\-@.]+$/)
    .optional(),
});

export type TokenRequestCheck =
  { ok: true; login: string; pass: string } | { ok: false; fields: string };

/** Checks a getToken request; a failure lists the fields for error 13's text. */
export function validateTokenRequest(input: unknown): TokenRequestCheck {
  const parsed = tokenRequestSchema.safeParse(input);
  if (parsed.success) return { ok: true, login: parsed.data.login, pass: parsed.data.pass };
  return { ok: false, fields: formatProblems(problemsOf(parsed.error, input)) };
}
