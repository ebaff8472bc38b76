import fc from 'fast-check';
import request from 'supertest';
import { ATOL_TEST_ACCOUNTS } from '../../src/config/atol-sandbox';
import { createEmulator, type Emulator } from '../../src/emulator';
import { loadSharedCases } from '../helpers/shared-cases';
import { documentArb, WIDE } from './document-arbitraries';
import { testPreviewService } from './receipt-fixtures';

// The bodies the engine builds, sent over the wire to the ATOL emulator (src/emulator, a model
// of reference §12): each must be registered and come out `done`, never refused or failed.

const account = ATOL_TEST_ACCOUNTS[4];
const preview = testPreviewService();

describe('engine bodies at the ATOL emulator', () => {
  let emulator: Emulator;
  let token: string;

  beforeAll(async () => {
    emulator = createEmulator({ processingDelayMs: 3_600_000 });
    const answer = await request(emulator.app)
      .post('/possystem/v4/getToken')
      .send({ login: account.login, pass: account.password });
    token = answer.body.token;
  });
  afterAll(() => emulator.close());

  async function register(kind: 'invoice' | 'refund', body: unknown): Promise<string> {
    const { operation, request: atolBody } = preview.preview(kind, body);
    const answer = await request(emulator.app)
      .post(`/possystem/v4/${account.groupCode}/${operation}`)
      .set('Token', token)
      .send(atolBody);
    expect({ status: answer.status, error: answer.body.error }).toEqual({
      status: 200,
      error: null,
    });
    return answer.body.uuid;
  }

  async function reports(uuids: string[]): Promise<string[]> {
    await emulator.processWaiting();
    const problems: string[] = [];
    for (const uuid of uuids) {
      const answer = await request(emulator.app)
        .get(`/possystem/v4/${account.groupCode}/report/${uuid}`)
        .set('Token', token);
      if (answer.body.status !== 'done') problems.push(JSON.stringify(answer.body.error));
    }
    return problems;
  }

  it('when every buildable shared case is sent, then each is done', async () => {
    const uuids: string[] = [];
    for (const data of loadSharedCases()) {
      if (data.expect.refused) continue;
      uuids.push(await register(data.kind, data.document));
    }

    expect(uuids.length).toBeGreaterThan(0);
    expect(await reports(uuids)).toEqual([]);
  });

  it('when 300 generated documents that build are sent, then each is done', async () => {
    const uuids: string[] = [];
    const docs = fc.sample(documentArb(WIDE), { numRuns: 900, seed: 20260101 });
    for (const [index, doc] of docs.entries()) {
      const body = { ...doc.body, id: `E-${index}` };
      try {
        preview.preview(doc.kind, body);
      } catch {
        continue; // refused documents are the property tests' business
      }
      uuids.push(await register(doc.kind, body));
      if (uuids.length === 300) break;
    }

    expect(uuids).toHaveLength(300);
    expect(await reports(uuids)).toEqual([]);
  });
});
