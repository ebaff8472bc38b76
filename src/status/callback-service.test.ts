import { ValidationError } from '../errors/errors';
import { createSilentLogger } from '../logger/logger';
import { createCallbackService } from './callback-service';

function setup(reconcile: (uuid: string) => Promise<number> = async () => 1) {
  const stored: unknown[] = [];
  const reconciled: string[] = [];
  const service = createCallbackService({
    store: {
      insert: async (companyKey, report, body) => {
        stored.push({ companyKey, uuid: report.uuid, body });
        return stored.length;
      },
    },
    fiscal: {
      reconcileCallbacks: async (uuid) => {
        reconciled.push(uuid);
        return reconcile(uuid);
      },
    },
    companyKey: 'default',
    logger: createSilentLogger(),
  });
  return { service, stored, reconciled };
}

const done = {
  uuid: 'u-1',
  status: 'done',
  error: null,
  payload: {
    fiscal_receipt_number: 1,
    shift_number: 1,
    receipt_datetime: '03.12.2026 10:15:00',
    total: 10,
    fn_number: '9999078900004312',
    ecr_registration_number: '0000000001002292',
    fiscal_document_number: 5,
    fiscal_document_attribute: 123,
    fns_site: 'www.nalog.gov.ru',
  },
  group_code: 'v4-online-atol-ru_4179',
  external_id: 'default-invoice-1',
};

describe('createCallbackService', () => {
  it('when a report arrives, then it is stored and reconciled by its uuid', async () => {
    const { service, stored, reconciled } = setup();

    const received = await service.receive(done);
    await service.drain();

    expect(received).toEqual({ id: 1, uuid: 'u-1' });
    expect(stored).toEqual([{ companyKey: 'default', uuid: 'u-1', body: done }]);
    expect(reconciled).toEqual(['u-1']);
  });

  it('when the body is not a report, then nothing is stored', async () => {
    const { service, stored } = setup();

    await expect(service.receive({ uuid: 'u-1', status: 'maybe' })).rejects.toBeInstanceOf(
      ValidationError,
    );
    expect(stored).toEqual([]);
  });

  it('when applying is slow, then receive answers before it ends', async () => {
    let finish: (value: number) => void = () => undefined;
    const { service } = setup(() => new Promise((resolve) => (finish = resolve)));

    await service.receive(done);
    let drained = false;
    const draining = service.drain().then(() => (drained = true));
    await new Promise((resolve) => setImmediate(resolve));

    expect(drained).toBe(false);
    finish(1);
    await draining;
    expect(drained).toBe(true);
  });

  it('when applying fails, then the error is logged and drain still ends', async () => {
    const { service } = setup(async () => {
      throw new Error('database went away');
    });

    await service.receive(done);
    await expect(service.drain()).resolves.toBeUndefined();
  });
});
