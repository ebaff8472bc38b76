import type { Body } from './v4-bodies';

export type Break = [what: string, change: (body: Body) => void, field: string];

const items = (body: Body) => body.receipt.items;
const item = (body: Body) => body.receipt.items[0];

/** Every way §3/§10 forbid a body, with the field ATOL's error 32 names (`Kind: #/path`). */
export const schemaBreaks: Break[] = [
  [
    'timestamp in ISO form',
    (b) => (b.timestamp = '2026-03-14T12:40:05'),
    'PatternMismatch: #/timestamp',
  ],
  ['hour 24', (b) => (b.timestamp = '14.03.2026 24:00:00'), 'PatternMismatch: #/timestamp'],
  ['no timestamp', (b) => delete b.timestamp, 'PropertyRequired: #/timestamp'],
  ['no external_id', (b) => delete b.external_id, 'PropertyRequired: #/external_id'],
  [
    'external_id of 129 characters',
    (b) => (b.external_id = 'x'.repeat(129)),
    'StringTooLong: #/external_id',
  ],
  [
    'callback_url of 257 characters',
    (b) => (b.service = { callback_url: `https://a.ru/${'x'.repeat(244)}` }),
    'StringTooLong: #/service.callback_url',
  ],
  ['no receipt', (b) => delete b.receipt, 'PropertyRequired: #/receipt'],
  ['no client', (b) => delete b.receipt.client, 'PropertyRequired: #/receipt.client'],
  [
    'neither email nor phone',
    (b) => (b.receipt.client = { name: 'Иван' }),
    'PropertyRequired: #/receipt.client',
  ],
  [
    'an e-mail without @',
    (b) => (b.receipt.client.email = 'buyer.example.org'),
    'PatternMismatch: #/receipt.client.email',
  ],
  [
    'a phone with letters',
    (b) => (b.receipt.client = { phone: '+7 900 ABC' }),
    'PatternMismatch: #/receipt.client.phone',
  ],
  [
    'a buyer INN of 11 digits',
    (b) => (b.receipt.client.inn = '12345678901'),
    'PatternMismatch: #/receipt.client.inn',
  ],
  [
    'no company INN',
    (b) => delete b.receipt.company.inn,
    'PropertyRequired: #/receipt.company.inn',
  ],
  [
    'a company INN with letters',
    (b) => (b.receipt.company.inn = '55443322AB'),
    'PatternMismatch: #/receipt.company.inn',
  ],
  [
    'no payment_address',
    (b) => delete b.receipt.company.payment_address,
    'PropertyRequired: #/receipt.company.payment_address',
  ],
  [
    'an unknown sno',
    (b) => (b.receipt.company.sno = 'usn'),
    'NotInEnumeration: #/receipt.company.sno',
  ],
  [
    'an agent without supplier',
    (b) => (b.receipt.agent_info = { type: 'another' }),
    'PropertyRequired: #/receipt.supplier_info',
  ],
  [
    'an unknown agent type',
    (b) => {
      b.receipt.agent_info = { type: 'agent' };
      b.receipt.supplier_info = {};
    },
    'NotInEnumeration: #/receipt.agent_info.type',
  ],
  ['no items', (b) => (b.receipt.items = []), 'TooFewItems: #/receipt.items'],
  [
    '101 items',
    (b) => (b.receipt.items = Array.from({ length: 101 }, () => item(b))),
    'TooManyItems: #/receipt.items',
  ],
  [
    'a name of 129 characters',
    (b) => (item(b).name = 'я'.repeat(129)),
    'StringTooLong: #/receipt.items[0].name',
  ],
  ['no name', (b) => delete item(b).name, 'PropertyRequired: #/receipt.items[0].name'],
  [
    'a price as a string',
    (b) => (item(b).price = '2490.00'),
    'NumberExpected: #/receipt.items[0].price',
  ],
  [
    'a price with 3 decimals',
    (b) => (item(b).price = 2490.005),
    'NumberNotMultipleOf: #/receipt.items[0].price',
  ],
  ['a negative price', (b) => (item(b).price = -1), 'NumberTooSmall: #/receipt.items[0].price'],
  [
    'a price over 42 949 672.95',
    (b) => (item(b).price = 42949672.96),
    'NumberTooBig: #/receipt.items[0].price',
  ],
  ['a quantity of 0', (b) => (item(b).quantity = 0), 'NumberTooSmall: #/receipt.items[0].quantity'],
  [
    'a quantity with 4 decimals',
    (b) => (item(b).quantity = 1.0005),
    'NumberNotMultipleOf: #/receipt.items[0].quantity',
  ],
  [
    'a quantity over 99 999.999',
    (b) => (item(b).quantity = 100000),
    'NumberTooBig: #/receipt.items[0].quantity',
  ],
  ['no sum', (b) => delete item(b).sum, 'PropertyRequired: #/receipt.items[0].sum'],
  [
    'a sum with 3 decimals',
    (b) => (item(b).sum = 2490.001),
    'NumberNotMultipleOf: #/receipt.items[0].sum',
  ],
  [
    'a measurement unit of 17 characters',
    (b) => (item(b).measurement_unit = 'x'.repeat(17)),
    'StringTooLong: #/receipt.items[0].measurement_unit',
  ],
  [
    'an unknown payment_method',
    (b) => (item(b).payment_method = 'full'),
    'NotInEnumeration: #/receipt.items[0].payment_method',
  ],
  [
    'an unknown payment_object',
    (b) => (item(b).payment_object = 'goods'),
    'NotInEnumeration: #/receipt.items[0].payment_object',
  ],
  [
    'composite outside legacy mode',
    (b) => (item(b).payment_object = 'composite'),
    'NotInEnumeration: #/receipt.items[0].payment_object',
  ],
  ['no vat', (b) => delete item(b).vat, 'PropertyRequired: #/receipt.items[0].vat'],
  [
    'an unknown vat type',
    (b) => (item(b).vat.type = 'vat21'),
    'NotInEnumeration: #/receipt.items[0].vat.type',
  ],
  [
    'a vat sum with 3 decimals',
    (b) => (item(b).vat.sum = 449.021),
    'NumberNotMultipleOf: #/receipt.items[0].vat.sum',
  ],
  [
    'an item agent without supplier',
    (b) => (item(b).agent_info = { type: 'commission_agent' }),
    'PropertyRequired: #/receipt.items[0].supplier_info',
  ],
  [
    'an item supplier without INN',
    (b) => {
      item(b).agent_info = { type: 'commission_agent' };
      item(b).supplier_info = { name: 'ООО' };
    },
    'PropertyRequired: #/receipt.items[0].supplier_info.inn',
  ],
  [
    'a bad nomenclature code',
    (b) => (item(b).nomenclature_code = 'zz'),
    'PatternMismatch: #/receipt.items[0].nomenclature_code',
  ],
  [
    'a country code with letters',
    (b) => (item(b).country_code = 'RU'),
    'PatternMismatch: #/receipt.items[0].country_code',
  ],
  [
    'user data of 65 characters',
    (b) => (item(b).user_data = 'x'.repeat(65)),
    'StringTooLong: #/receipt.items[0].user_data',
  ],
  ['no payments', (b) => delete b.receipt.payments, 'PropertyRequired: #/receipt.payments'],
  ['an empty payments list', (b) => (b.receipt.payments = []), 'TooFewItems: #/receipt.payments'],
  [
    '11 payments',
    (b) => (b.receipt.payments = Array.from({ length: 11 }, () => ({ type: 1, sum: 0 }))),
    'TooManyItems: #/receipt.payments',
  ],
  [
    'payment type 10',
    (b) => (b.receipt.payments[0].type = 10),
    'NumberTooBig: #/receipt.payments[0].type',
  ],
  [
    'payment type 1.5',
    (b) => (b.receipt.payments[0].type = 1.5),
    'IntegerExpected: #/receipt.payments[0].type',
  ],
  [
    'a payment without sum',
    (b) => delete b.receipt.payments[0].sum,
    'PropertyRequired: #/receipt.payments[0].sum',
  ],
  [
    '7 vats',
    (b) => (b.receipt.vats = Array.from({ length: 7 }, () => ({ type: 'none', sum: 0 }))),
    'TooManyItems: #/receipt.vats',
  ],
  [
    'a vats element without sum',
    (b) => delete b.receipt.vats[0].sum,
    'PropertyRequired: #/receipt.vats[0].sum',
  ],
  ['no total', (b) => delete b.receipt.total, 'PropertyRequired: #/receipt.total'],
  [
    'a cashier of 65 characters',
    (b) => (b.receipt.cashier = 'x'.repeat(65)),
    'StringTooLong: #/receipt.cashier',
  ],
  [
    'additional_check_props of 17 characters',
    (b) => (b.receipt.additional_check_props = 'x'.repeat(17)),
    'StringTooLong: #/receipt.additional_check_props',
  ],
  [
    'an empty device number',
    (b) => (b.receipt.device_number = ''),
    'StringTooShort: #/receipt.device_number',
  ],
];

/** VAT rates outside their dates (reference §3.11), refused with 32 and ATOL's sentence. */
export const rateBreaks: Array<[string, (body: Body) => void, string, string]> = [
  [
    'vat18 in a sale',
    (b) => (item(b).vat = { type: 'vat18' }),
    'С 01.04.2019 ставки НДС 18',
    'NotInEnumeration: #/receipt.items[0].vat.type',
  ],
  [
    'vat120 in a 2026 sale',
    (b) => (item(b).vat = { type: 'vat120' }),
    'С 01.01.2026 ставки НДС 20',
    'NotInEnumeration: #/receipt.items[0].vat.type',
  ],
  [
    'vat22 in a 2025 document',
    (b) => {
      b.timestamp = '31.12.2025 23:59:59';
      b.receipt.vats = undefined;
      items(b).forEach((i: Body) => (i.vat = { type: 'vat22' }));
    },
    'Ставки НДС 22 и 22/122 действуют',
    'NotInEnumeration: #/receipt.items[0].vat.type',
  ],
  [
    'vat5 in a 2024 document',
    (b) => {
      b.timestamp = '01.12.2024 10:00:00';
      b.receipt.vats = [{ type: 'vat5', sum: 0 }];
      items(b).forEach((i: Body) => (i.vat = { type: 'none' }));
    },
    'Ставки НДС 5, 7',
    'NotInEnumeration: #/receipt.vats[0].type',
  ],
];
