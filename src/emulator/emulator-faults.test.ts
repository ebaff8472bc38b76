import { createFaultBook, documentFaultsOf } from './emulator-faults';

describe('fault book', () => {
  it('when a fault fires its number of times, then it disappears', () => {
    const book = createFaultBook();
    book.add([{ kind: 'serviceError', code: 50, times: 2 }]);

    const fired = [1, 2, 3].map(() => book.takeForRequest('register').length);

    expect(fired).toEqual([1, 1, 0]);
    expect(book.list()).toEqual([]);
  });

  it('when a fault has no count, then it fires until cleared', () => {
    const book = createFaultBook();
    book.add([{ kind: 'drop' }]);

    for (let n = 0; n < 5; n += 1) book.takeForRequest('report');
    const [entry] = book.list();
    book.clear();

    expect(entry).toMatchObject({ fired: 5, remaining: undefined });
    expect(book.takeForRequest('report')).toEqual([]);
  });

  it('when a fault names endpoints, then other endpoints are spared', () => {
    const book = createFaultBook();
    book.add([{ kind: 'hang', on: ['report'] }]);

    expect(book.takeForRequest('register')).toEqual([]);
    expect(book.takeForRequest('report')).toHaveLength(1);
  });

  it('when document faults fire, then request faults are left alone and vice versa', () => {
    const book = createFaultBook();
    book.add([
      { kind: 'latency', ms: 5 },
      { kind: 'fail', type: 'driver', code: 16, externalId: 'x-1', times: 1 },
      { kind: 'report34', windowMs: 100 },
    ]);

    const forOther = documentFaultsOf(book.takeForDocument('x-2'), 1000);
    const forTarget = documentFaultsOf(book.takeForDocument('x-1'), 1000);

    expect(forOther).toEqual({ report34Until: 1100 });
    expect(forTarget).toEqual({
      fail: { type: 'driver', code: 16, text: 'Неверная цена (сумма)' },
      report34Until: 1100,
    });
    expect(book.takeForRequest('getToken')).toEqual([{ kind: 'latency', ms: 5 }]);
  });

  it('when a fault is malformed, then adding it throws', () => {
    expect(() => createFaultBook().add([{ kind: 'latency' } as never])).toThrow();
  });
});
