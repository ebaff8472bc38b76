import { NotFoundError } from '../errors/errors';
import type { WaitingTransaction } from './poll-store';
import type { StatusChecker } from './status-checker';
import type { UpdateProgress } from './status-types';
import { createUpdateService } from './update-service';

function transaction(n: number): WaitingTransaction {
  return { uuid: `u-${n}`, externalId: `e-${n}`, documentId: n, ageMs: 60_000, polling: true };
}

const waiting = [1, 2, 3].map(transaction);

function setup() {
  const checked: string[] = [];
  const checker: StatusChecker = {
    check: async (t, source, actor) => {
      checked.push(`${t.uuid} ${source} ${actor}`);
      const done = t.uuid !== 'u-2';
      return {
        uuid: t.uuid,
        outcome: done ? 'done' : 'wait',
        status: done ? 'done' : 'wait',
        changed: done,
      };
    },
  };
  const service = createUpdateService({
    store: {
      listWaiting: async () => waiting,
      findWaiting: async (uuid) => waiting.find((t) => t.uuid === uuid),
    },
    checker,
  });
  return { service, checked };
}

describe('createUpdateService', () => {
  it('when all are updated, then each waiting transaction is checked once, with progress', async () => {
    const { service, checked } = setup();
    const progress: UpdateProgress[] = [];

    const summary = await service.updateAll({ actor: 'cli', onProgress: (p) => progress.push(p) });

    expect(checked.sort()).toEqual(['u-1 manual cli', 'u-2 manual cli', 'u-3 manual cli']);
    expect(progress.map((p) => `${p.done}/${p.total}`)).toEqual(['1/3', '2/3', '3/3']);
    expect(summary).toMatchObject({ total: 3, changed: 2, byStatus: { done: 2, wait: 1 } });
  });

  it('when one uuid is updated, then only it is checked', async () => {
    const { service, checked } = setup();

    const result = await service.updateOne('u-3', { actor: 'cli' });

    expect(result).toMatchObject({ uuid: 'u-3', status: 'done' });
    expect(checked).toEqual(['u-3 manual cli']);
  });

  it('when the uuid is not waiting, then it is a not-found error', async () => {
    const { service } = setup();

    await expect(service.updateOne('nope', { actor: 'cli' })).rejects.toBeInstanceOf(NotFoundError);
  });
});
