import type {
  AtolCallContext,
  AtolOperation,
  RegisterOutcome,
  ReportOutcome,
} from '../../src/atol/atol-types';
import type { BuildRequestInput, FiscalRequestFactory } from '../../src/fiscal/fiscal-types';

type Scripted<T> = T | ((call: number) => T | Promise<T>);

/** One register call as the fake saw it. */
export interface RegisterCall {
  operation: AtolOperation;
  body: Record<string, unknown>;
  ctx: AtolCallContext | undefined;
}

/**
 * An ATOL client that answers from a script: queued answers first, then the default. It keeps
 * every call so tests can count what was sent.
 */
export class FakeAtolClient {
  readonly registerCalls: RegisterCall[] = [];
  readonly reportCalls: string[] = [];
  private readonly registerScript: Array<Scripted<RegisterOutcome>> = [];
  private readonly reportScript: Array<Scripted<ReportOutcome>> = [];
  private uuidSeq = 0;
  /** Runs inside each register call, before it answers (to look at the database mid-send). */
  duringRegister: ((call: RegisterCall) => Promise<void>) | undefined;
  defaultRegister: Scripted<RegisterOutcome> = () => registered(this.nextUuid());
  defaultReport: Scripted<ReportOutcome> = { kind: 'wait', durationMs: 1 };

  nextUuid(): string {
    this.uuidSeq += 1;
    return `00000000-0000-4000-8000-${String(this.uuidSeq).padStart(12, '0')}`;
  }

  answerRegister(...outcomes: Array<Scripted<RegisterOutcome>>): this {
    this.registerScript.push(...outcomes);
    return this;
  }

  answerReport(...outcomes: Array<Scripted<ReportOutcome>>): this {
    this.reportScript.push(...outcomes);
    return this;
  }

  async register(
    operation: AtolOperation,
    body: unknown,
    ctx?: AtolCallContext,
  ): Promise<RegisterOutcome> {
    const call = { operation, body: body as Record<string, unknown>, ctx };
    this.registerCalls.push(call);
    if (this.duringRegister) await this.duringRegister(call);
    const next = this.registerScript.shift() ?? this.defaultRegister;
    return typeof next === 'function' ? next(this.registerCalls.length) : next;
  }

  async report(uuid: string): Promise<ReportOutcome> {
    this.reportCalls.push(uuid);
    const next = this.reportScript.shift() ?? this.defaultReport;
    return typeof next === 'function' ? next(this.reportCalls.length) : next;
  }
}

export function registered(uuid: string): RegisterOutcome {
  return { kind: 'registered', uuid, httpStatus: 200, durationMs: 3, response: { uuid } };
}

export function duplicate(uuid: string): RegisterOutcome {
  const error = { code: 33, type: 'system' as const, text: 'В системе существует чек' };
  return { kind: 'duplicate', uuid, httpStatus: 400, durationMs: 3, response: { uuid, error } };
}

export function rejected(code = 32, fields = ['receipt.items.0.sum']): RegisterOutcome {
  const error = { code, type: 'system' as const, text: 'Ошибка валидации входного чека' };
  return { kind: 'rejected', error, fields, httpStatus: 400, durationMs: 3 };
}

export function unavailable(reason = 'HTTP 500'): RegisterOutcome {
  return { kind: 'unavailable', reason, httpStatus: 500, durationMs: 3 };
}

export const PAYLOAD = {
  fiscal_receipt_number: 7,
  shift_number: 3,
  receipt_datetime: '03.12.2026 10:15:00',
  total: 4180,
  fn_number: '9999078900004312',
  ecr_registration_number: '0000000001002292',
  fiscal_document_number: 1234,
  fiscal_document_attribute: 3826198150,
  fns_site: 'www.nalog.gov.ru',
};

export function reportDone(uuid: string): ReportOutcome {
  const report = { uuid, status: 'done' as const, error: null, payload: PAYLOAD };
  return { kind: 'done', payload: PAYLOAD, report, durationMs: 2 };
}

export function reportFail(
  uuid: string,
  errorClass: 'data' | 'register' | 'timeout',
  code = errorClass === 'data' ? 16 : 1,
): ReportOutcome {
  const type = errorClass === 'timeout' ? ('timeout' as const) : ('driver' as const);
  const error = { code, type, text: `error ${code}` };
  const report = { uuid, status: 'fail' as const, error, payload: null };
  return { kind: 'fail', error, errorClass, report, durationMs: 2 };
}

/** A request factory that echoes what it was asked for, so tests can read it back. */
export class FakeRequestFactory implements FiscalRequestFactory {
  readonly calls: BuildRequestInput[] = [];
  version = 'v1';

  build(input: BuildRequestInput): object {
    this.calls.push(input);
    return {
      external_id: input.externalId,
      operation: input.operation,
      receipt: input.receipt,
      callback_url: input.callbackUrl,
      timestamp: input.timestamp.toISOString(),
      built: this.version,
    };
  }
}
