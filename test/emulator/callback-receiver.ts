import http from 'node:http';
import type { AddressInfo } from 'node:net';

export interface ReceivedCallback {
  body: any;
  contentType: string | undefined;
  receivedAt: number;
}

export interface CallbackReceiver {
  /** The URL to put in `service.callback_url`. */
  url: string;
  received: ReceivedCallback[];
  /** Callbacks for one uuid. */
  forUuid(uuid: string): ReceivedCallback[];
  close(): Promise<void>;
}

/** A shop-side endpoint that records every callback POSTed to it and answers 200. */
export async function startCallbackReceiver(host = '127.0.0.1'): Promise<CallbackReceiver> {
  const received: ReceivedCallback[] = [];
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      received.push({
        body: JSON.parse(Buffer.concat(chunks).toString('utf8')),
        contentType: req.headers['content-type'],
        receivedAt: Date.now(),
      });
      res.writeHead(200, { 'Content-Type': 'text/plain' }).end('ok');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, host, resolve));
  const { port } = server.address() as AddressInfo;
  const shownHost = host.includes(':') ? `[${host}]` : host;
  return {
    url: `http://${shownHost}:${port}/kkm/callback/secret_1`,
    received,
    forUuid: (uuid) => received.filter((callback) => callback.body.uuid === uuid),
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
