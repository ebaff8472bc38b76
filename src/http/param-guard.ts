import type { Request, RequestHandler } from 'express';
import { ValidationError, type FieldProblem } from '../errors/errors';
import { unstorableTextProblem } from './unstorable-text';

function queryProblems(query: Request['query']): FieldProblem[] {
  const problems: FieldProblem[] = [];
  for (const [name, value] of Object.entries(query)) {
    const texts = [name, ...(Array.isArray(value) ? value : [value])];
    const message = texts.map((text) => unstorableTextProblem(String(text))).find(Boolean);
    if (message) problems.push({ path: name, message });
  }
  return problems;
}

// Route parameters are only named inside each router, after this app-level check runs, so a
// bad one is named by its position in the path (segment 1 is the first after the host).
function pathProblems(path: string): FieldProblem[] {
  const problems: FieldProblem[] = [];
  path.split('/').forEach((segment, position) => {
    if (!segment.includes('%')) return;
    let message: string | undefined;
    try {
      message = unstorableTextProblem(decodeURIComponent(segment));
    } catch {
      message = 'is not valid percent-encoded UTF-8';
    }
    if (message) problems.push({ path: `path segment ${position}`, message });
  });
  return problems;
}

/**
 * Refuses query and path parameters holding text the database cannot store (a NUL from %00)
 * or that cannot be decoded, as a 400 naming the parameter, before any route queries with it.
 */
export function refuseUnstorableParams(): RequestHandler {
  return (req, _res, next) => {
    const inQuery = queryProblems(req.query);
    if (inQuery.length > 0) throw new ValidationError('Request query is invalid', inQuery);
    const inPath = pathProblems(req.path);
    if (inPath.length > 0) throw new ValidationError('Request path is invalid', inPath);
    next();
  };
}
