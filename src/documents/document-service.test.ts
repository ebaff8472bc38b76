import { ConflictError, NotFoundError, ValidationError } from '../errors/errors';
import { createSilentLogger } from '../logger';
import {
  FakeDocumentStore,
  FakeFiscal,
  FakeHistoryStore,
  FakeReceiptEngine,
  fakeKnex,
} from './document-fakes';
import { createDocumentService, type DocumentServiceDeps } from './document-service';

interface SetupOptions {
  sendMode?: DocumentServiceDeps['sendMode'];
  autoSend?: DocumentServiceDeps['autoSend'];
  fiscal?: FakeFiscal;
}

function setup(options: SetupOptions = {}) {
  const fakes = {
    store: new FakeDocumentStore(),
    fiscal: options.fiscal ?? new FakeFiscal(),
    engine: new FakeReceiptEngine(),
  };
  const service = createDocumentService({
    ...fakes,
    knex: fakeKnex,
    history: new FakeHistoryStore(),
    companyKey: 'default',
    sendMode: options.sendMode ?? 'async',
    autoSend: options.autoSend ?? { invoice: true, refund: true },
    logger: createSilentLogger(),
  });
  return { ...fakes, service };
}

const actor = { actor: 'api' };

describe('document service: accept', () => {
  it('when a new invoice arrives, then it is stored, its notes recorded and it is queued', async () => {
    const { service, store, fiscal } = setup();

    const result = await service.accept('invoice', { id: 'A1', total: 1000 }, actor);

    expect(result.created).toBe(true);
    expect(store.rows).toHaveLength(1);
    expect(store.rows[0]).toMatchObject({ shopId: 'A1', totalKopecks: 1000, status: 'queued' });
    expect(store.events.map((event) => event.type)).toEqual(['accepted', 'vat_remapped', 'queued']);
    expect(fiscal.planned).toEqual(['A1']);
    expect(store.queued).toEqual([1]);
  });

  it('when auto-send is off for the kind, then the document is stored and not queued', async () => {
    const { service, store, fiscal } = setup({ autoSend: { invoice: false, refund: true } });

    await service.accept('invoice', { id: 'A1', total: 1000 }, actor);

    expect(store.rows[0]?.status).toBe('stored');
    expect(fiscal.planned).toEqual([]);
    expect(store.queued).toEqual([]);
  });

  it('when the same body comes again, then the stored document is answered, not a new one', async () => {
    const { service, store } = setup();
    await service.accept('invoice', { id: 'A1', total: 1000 }, actor);

    const repeat = await service.accept('invoice', { total: 1000, id: 'A1' }, actor);

    expect(repeat.created).toBe(false);
    expect(store.rows).toHaveLength(1);
    expect(store.queued).toEqual([1]);
  });

  it('when the same id comes with another body, then it is a conflict', async () => {
    const { service } = setup();
    await service.accept('invoice', { id: 'A1', total: 1000 }, actor);

    await expect(service.accept('invoice', { id: 'A1', total: 999 }, actor)).rejects.toThrow(
      ConflictError,
    );
  });

  it('when an invoice and a refund share an id, then both are stored', async () => {
    const { service, store } = setup();

    await service.accept('invoice', { id: 'A1', total: 1000 }, actor);
    await service.accept('refund', { id: 'A1', total: 1000 }, actor);

    expect(store.rows.map((row) => row.kind)).toEqual(['invoice', 'refund']);
  });

  it('when a refund names a stored invoice, then the engine gets the invoice date', async () => {
    const { service, engine } = setup();
    await service.accept('invoice', { id: 'INV1', total: 1000 }, actor);

    await service.accept('refund', { id: 'R1', total: 500, invoiceId: 'INV1' }, actor);
    await service.accept('refund', { id: 'R2', total: 500, invoiceId: 'UNKNOWN' }, actor);

    expect(engine.contexts[1]).toEqual({ invoiceDate: new Date('2026-12-03T07:15:00Z') });
    expect(engine.contexts[2]).toEqual({});
  });

  it('when a string holds a NUL character, then nothing is stored', async () => {
    const { service, store } = setup();

    await expect(
      service.accept('invoice', { id: 'A1', total: 1, note: 'x\u0000' }, actor),
    ).rejects.toThrow(ValidationError);
    expect(store.rows).toHaveLength(0);
  });
});

describe('document service: sync mode', () => {
  it('when SEND_MODE is sync, then the queued attempt is sent after the commit', async () => {
    const { service, fiscal } = setup({ sendMode: 'sync' });

    await service.accept('invoice', { id: 'A1', total: 1000 }, actor);

    expect(fiscal.sentNow).toEqual([101]);
  });

  it('when the sync send throws, then the document is still answered as created', async () => {
    const fiscal = new FakeFiscal();
    fiscal.failSendNow = true;
    const { service } = setup({ sendMode: 'sync', fiscal });

    const result = await service.accept('invoice', { id: 'A1', total: 1000 }, actor);

    expect(result.created).toBe(true);
  });
});

describe('document service: manual actions', () => {
  it('when a stored document is sent, then the fiscal core gets its database id', async () => {
    const { service, fiscal } = setup({ autoSend: { invoice: false, refund: false } });
    await service.accept('invoice', { id: 'A1', total: 1000 }, actor);

    await service.send('invoice', 'A1', { newId: false, actor: 'cli' });

    expect(fiscal.manual).toEqual([{ documentId: 1, newId: false, actor: 'cli' }]);
  });

  it('when the document does not exist, then it is a not-found error', async () => {
    const { service } = setup();

    await expect(service.get('refund', 'NOPE')).rejects.toThrow(NotFoundError);
    await expect(service.send('refund', 'NOPE', { newId: false, actor: 'api' })).rejects.toThrow(
      NotFoundError,
    );
  });
});
