/** An RFC 3161 timestamp authority on 127.0.0.1: each POSTed query is answered by `openssl ts -reply`. */
import { createServer, type Server } from 'node:http';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { tool } from './tools.ts';

export interface LoopbackTsa {
  readonly url: string;
  /** Number of queries answered. */
  readonly served: () => number;
  close(): Promise<void>;
}

export async function startTsa(config: string): Promise<LoopbackTsa> {
  const work = mkdtempSync(join(tmpdir(), 'remgen-tsa-'));
  let count = 0;
  const server: Server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const id = count++;
      const query = join(work, `q${id}.tsq`);
      const reply = join(work, `r${id}.tsr`);
      writeFileSync(query, Buffer.concat(chunks));
      void tool('openssl', ['ts', '-reply', '-config', config, '-queryfile', query, '-out', reply]).then((result) => {
        if (!result.ok) {
          response.writeHead(500).end(result.output);
          return;
        }
        response.writeHead(200, { 'content-type': 'application/timestamp-reply' }).end(readFileSync(reply));
      });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  if (!address || typeof address === 'string') throw new Error('TSA did not bind');
  return {
    url: `http://127.0.0.1:${address.port}/`,
    served: () => count,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
