import {
  attemptRows,
  createFiscalFixture,
  documentStatus,
  fiscalConfig,
  queueDocument,
  type FiscalFixture,
} from './fiscal-fixture';
import { useFiscalFixture } from './fiscal-harness';
import { duplicate, registered } from './fiscal-fakes';

describe('fiscal service: claims, stale sends and lock ownership', () => {
  let fixture: FiscalFixture;
  const db = useFiscalFixture({ lockTtlMs: 60000 }, (created) => (fixture = created));

  async function expireLocks(): Promise<void> {
    await fixture
      .knex('attempts')
      .where('status', 'sending')
      .update({ locked_until: fixture.knex.raw("now() - interval '1 second'") });
  }

  it('when a claimed attempt is not due yet or already locked, then no other worker claims it', async () => {
    await queueDocument(fixture);
    const first = await fixture.service.claimDue(10);
    const second = await fixture.otherService('worker-b').claimDue(10);

    expect(first).toHaveLength(1);
    expect(second).toHaveLength(0);
  });

  it('when a sender died mid-send, then its stale attempt is resent with the same external id and 33 adopts the uuid', async () => {
    const { document, attempt } = await queueDocument(fixture);
    await fixture.service.claimDue(10); // the process dies here, after ATOL registered it
    await expireLocks();

    const [claim, ...rest] = await fixture.otherService('worker-b').claimDue(10);
    expect(rest).toHaveLength(0);
    expect(claim).toMatchObject({ id: attempt.id, tries: 2, lockedBy: 'worker-b' });
    fixture.client.answerRegister(duplicate('uuid-from-first-send'));
    await fixture.otherService('worker-b').sendClaimed(claim!);

    expect(fixture.client.registerCalls[0]!.body.external_id).toBe(attempt.externalId);
    const transactions = await fixture.knex('transactions').where({ document_id: document.id });
    expect(transactions.map((row: { uuid: string }) => row.uuid)).toEqual(['uuid-from-first-send']);
    expect(await documentStatus(fixture.knex, document.id)).toBe('wait');
  });

  it('when a worker answers after its lock was taken over, then its answer is not recorded', async () => {
    const { document } = await queueDocument(fixture);
    const [mine] = await fixture.service.claimDue(10);
    await expireLocks();
    const [theirs] = await fixture.otherService('worker-b').claimDue(10);

    fixture.client.answerRegister(registered('uuid-a'), duplicate('uuid-a'));
    const late = await fixture.service.sendClaimed(mine!);
    expect(late.recorded).toBe('lost_lock');
    let [row] = await attemptRows(fixture.knex, document.id);
    expect(row).toMatchObject({ status: 'sending', locked_by: 'worker-b' });

    const owner = await fixture.otherService('worker-b').sendClaimed(theirs!);
    expect(owner.recorded).toBe('recorded');
    [row] = await attemptRows(fixture.knex, document.id);
    expect(row.status).toBe('sent');
    expect(await fixture.knex('transactions').where({ document_id: document.id })).toHaveLength(1);
  });

  it('when the same worker reclaims its own stale attempt, then the older claim cannot record', async () => {
    await queueDocument(fixture);
    const [older] = await fixture.service.claimDue(10);
    await expireLocks();
    const [newer] = await fixture.service.claimDue(10);

    expect(newer!.tries).toBe(older!.tries + 1);
    expect((await fixture.service.sendClaimed(older!)).recorded).toBe('lost_lock');
    expect((await fixture.service.sendClaimed(newer!)).recorded).toBe('recorded');
  });

  it('when two workers claim 60 attempts at once, then each attempt is claimed exactly once', async () => {
    for (let i = 0; i < 60; i += 1) await queueDocument(fixture);
    const services = ['w1', 'w2', 'w3'].map((id) => fixture.otherService(id));

    const rounds = await Promise.all(
      services.flatMap((service) => [
        service.claimDue(7),
        service.claimDue(7),
        service.claimDue(7),
      ]),
    );
    const rest = await fixture.service.claimDue(100);

    const ids = [...rounds.flat(), ...rest].map((claim) => claim.id);
    expect(ids).toHaveLength(60);
    expect(new Set(ids).size).toBe(60);
  });

  it('when sync mode sends an attempt at once, then it is claimed by the request and a second send finds it taken', async () => {
    const sync = { ...fiscalConfig(), sendMode: 'sync' as const };
    fixture = await createFiscalFixture(db(), sync);
    const { document, attempt } = await queueDocument(fixture);

    // Held back from the workers while the request sends it.
    expect(await fixture.otherService('worker-b').claimDue(10)).toHaveLength(0);
    fixture.client.answerRegister(registered('uuid-sync'));
    const result = await fixture.service.sendAttemptNow(attempt.id);
    const again = await fixture.service.sendAttemptNow(attempt.id);

    expect(result).toMatchObject({ claimed: true, status: 'sent', recorded: 'recorded' });
    expect(result.outcome).toMatchObject({ kind: 'registered', uuid: 'uuid-sync' });
    expect(again).toMatchObject({ claimed: false, status: 'sent' });
    expect(fixture.client.registerCalls).toHaveLength(1);
    expect(await documentStatus(fixture.knex, document.id)).toBe('wait');
  });
});
