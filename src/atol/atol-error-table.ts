import type { AtolError, AtolErrorType, FailureClass } from './atol-types';

// The whole of ATOL's error semantics (reference §7) as data: the client decides from these two
// tables, and the emulator answers with the same codes, statuses and texts.

/** What a client does about a service error (reference §7.4). */
export type ServiceErrorAction =
  /** Not registered, or unknown: send the same body again later (same external id). */
  | 'retry'
  /** 10/11: fetch a new token once and repeat the call. */
  | 'refresh_token'
  /** Configuration or account problem: stop and alert. */
  | 'stop'
  /** The request or the data is wrong: fix it; never loop automatically. */
  | 'fix'
  /** 33: the external id is registered; the body carries the first uuid. */
  | 'duplicate'
  /** 34: the report is not ready yet; poll again. */
  | 'not_ready'
  /** 30: the report's uuid is unknown. */
  | 'unknown_uuid';

export interface ServiceErrorRow {
  code: number;
  name: string;
  httpStatus: number;
  /** The document status that accompanies the error on the wire, when there is one. */
  status?: 'wait' | 'fail';
  /** ATOL's literal text; `{0}`, `{1}` are substituted. */
  text: string;
  action: ServiceErrorAction;
}

/** Service errors, type `system`/`unknown` (reference §7.1). */
// prettier-ignore
export const SERVICE_ERRORS: readonly ServiceErrorRow[] = [
  { code: 0, name: 'Undefined', httpStatus: 400, action: 'retry',
    text: 'Неизвестная ошибка обработки' },
  { code: 1, name: 'IncomingChequeProcessingFailed', httpStatus: 400, action: 'retry',
    text: 'Сервер не смог обработать входной чек' },
  { code: 10, name: 'MissingToken', httpStatus: 401, action: 'refresh_token',
    text: 'Не распознан токен запроса' },
  { code: 11, name: 'ExpiredToken', httpStatus: 401, action: 'refresh_token',
    text: 'Переданный токен не активен' },
  { code: 12, name: 'WrongLoginOrPassword', httpStatus: 401, action: 'stop',
    text: 'Неверный логин или пароль' },
  { code: 13, name: 'ValidationException', httpStatus: 400, action: 'fix',
    text: 'Ошибка валидации входящего запроса. Ошибочные поля : {0}' },
  { code: 14, name: 'UserBlocked', httpStatus: 403, action: 'stop',
    text: 'Пользователь заблокирован' },
  { code: 20, name: 'GroupCodeAndTokenDontMatch', httpStatus: 401, action: 'stop',
    text: 'Код группы, указанный в запросе, не соответствует токену' },
  { code: 21, name: 'NotSupportedGroupCodeForProtocol', httpStatus: 401, action: 'stop',
    text: 'Код группы не поддерживает данную версию протокола' },
  { code: 30, name: 'MissingUuid', httpStatus: 400, status: 'fail', action: 'unknown_uuid',
    text: 'Передан некорректный UUID : "{0}". ' +
      'Необходимо повторить запрос с корректными данными' },
  { code: 31, name: 'IncomingOperationNotSupported', httpStatus: 400, action: 'fix',
    text: 'Операция "{0}" не поддерживается' },
  { code: 32, name: 'IncomingValidationException', httpStatus: 400, status: 'fail', action: 'fix',
    text: 'Ошибка валидации входного чека. Ошибочные поля : {1}' },
  { code: 33, name: 'IncomingExternalIdAlreadyExists', httpStatus: 400, status: 'wait',
    action: 'duplicate', text: 'В системе существует чек с external_id : {0} и group_code: {1}' },
  { code: 34, name: 'StateCheckNotFound', httpStatus: 200, status: 'wait', action: 'not_ready',
    text: 'Состояние чека не найдено. Попробуйте позднее' },
  { code: 40, name: 'BadRequest', httpStatus: 400, action: 'fix',
    text: 'Некорректный запрос' },
  { code: 41, name: 'UnsupportedMediaType', httpStatus: 415, action: 'fix',
    text: 'Некорректный Content-Type: {0}' },
  { code: 50, name: 'ErrorServerConfiguration', httpStatus: 500, action: 'retry',
    text: 'Ошибка сервера. Обратитесь к Администратору' },
];

interface FailureRow {
  types: readonly AtolErrorType[];
  /** Codes as numbers or inclusive ranges "a-b"; `any` matches every code. */
  codes: readonly (number | string)[] | 'any';
  errorClass: FailureClass;
  why: string;
}

/**
 * How a failed document is classified (reference §7.2), first matching row wins. A data error
 * needs its data fixed; a register fault is resubmitted later as a new document; a timeout
 * is resubmitted with a new external id.
 */
export const REPORT_FAILURES: readonly FailureRow[] = [
  {
    types: ['timeout'],
    codes: 'any',
    errorClass: 'timeout',
    why: 'waited in the queue over 300 s',
  },
  {
    types: ['driver'],
    codes: [38, 43, 57, 58, 80, 134, 146],
    errorClass: 'data',
    why: 'in the register-fault list, but ATOL says "incorrect request": a human must look',
  },
  {
    types: ['driver'],
    codes: [
      '1-12',
      14,
      15,
      '18-22',
      26,
      '28-32',
      '34-36',
      38,
      40,
      42,
      43,
      54,
      55,
      '57-59',
      61,
      62,
      64,
      65,
      '67-73',
      77,
      78,
      '80-83',
      86,
      89,
      90,
      93,
      95,
      97,
      '104-107',
      109,
      111,
      112,
      '115-125',
      127,
      129,
      '131-142',
      146,
      148,
      149,
      154,
      '158-160',
      162,
      '165-169',
      172,
      '177-181',
      183,
      '188-192',
      '194-214',
      221,
      '224-227',
      230,
      241,
      '245-249',
      251,
      258,
      '262-264',
      402,
      404,
      406,
      407,
      410,
      411,
      413,
      414,
      '418-420',
      501,
      502,
    ],
    errorClass: 'register',
    why: 'register fault (the list as ATOL prints it): resubmit later and alert',
  },
  { types: ['agent'], codes: [2004, 2005], errorClass: 'register', why: 'internal service error' },
  { types: ['system'], codes: [2005], errorClass: 'register', why: 'internal service error (v5)' },
  {
    types: ['agent', 'system'],
    codes: [2003, 2006, 2007, 2009, -2146233033],
    errorClass: 'data',
    why: 'INN, JSON or field value wrong',
  },
  // Every other code, including the listed driver data errors (16, 66, 128, …) and legacy
  // negative codes, is treated as the receipt's data: resubmitting it unchanged cannot help.
  {
    types: ['driver', 'agent', 'system', 'unknown', 'none'],
    codes: 'any',
    errorClass: 'data',
    why: 'data error',
  },
];

const serviceErrorsByCode = new Map(SERVICE_ERRORS.map((row) => [row.code, row]));

const failureMatchers = REPORT_FAILURES.map((row) => ({
  types: new Set(row.types),
  codes: row.codes === 'any' ? undefined : expandCodes(row.codes),
  errorClass: row.errorClass,
}));

function expandCodes(codes: readonly (number | string)[]): Set<number> {
  const result = new Set<number>();
  for (const code of codes) {
    if (typeof code === 'number') {
      result.add(code);
      continue;
    }
    const [from, to] = code.split('-').map(Number);
    for (let n = from ?? 0; n <= (to ?? from ?? 0); n += 1) result.add(n);
  }
  return result;
}

/** The service-error row for a code, or undefined for codes ATOL does not list. */
export function serviceErrorRow(code: number): ServiceErrorRow | undefined {
  return serviceErrorsByCode.get(code);
}

/**
 * The row for an error that the service (not a register) raised. Register errors reuse the same
 * small numbers, so the type decides first (reference §7).
 */
export function serviceErrorOf(error: AtolError): ServiceErrorRow | undefined {
  if (error.type !== 'system' && error.type !== 'unknown' && error.type !== 'none')
    return undefined;
  return serviceErrorsByCode.get(error.code);
}

/** Classifies a failed document's error: data, register fault or queue timeout (reference §7.2). */
export function classifyFailure(error: AtolError): FailureClass {
  for (const row of failureMatchers) {
    if (row.types.has(error.type) && (!row.codes || row.codes.has(error.code))) {
      return row.errorClass;
    }
  }
  return 'data';
}

/** ATOL's text for a service error, with `{0}`, `{1}` replaced by the arguments. */
export function serviceErrorText(code: number, ...args: string[]): string {
  const text = serviceErrorsByCode.get(code)?.text ?? 'Неизвестная ошибка обработки';
  return text.replace(/\{(\d)\}/g, (_, index: string) => args[Number(index)] ?? '');
}
