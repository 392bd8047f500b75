// Starts the app server on its port; returns how to reach and stop it.
import { serve } from '@hono/node-server';
import type { AddressInfo } from 'node:net';
import { createApp } from './app.js';
import type { VardeConfig } from './config.js';

export interface RunningApp {
  url: string;
  close(): Promise<void>;
}

export function startAppServer(config: VardeConfig): Promise<RunningApp> {
  const app = createApp({ version: config.userAgent.version, local: config.local });
  return new Promise((resolve, reject) => {
    const server = serve({ fetch: app.fetch, port: config.port, hostname: config.local ? '127.0.0.1' : '0.0.0.0' }, (info: AddressInfo) => {
      resolve({
        url: `http://${config.local ? '127.0.0.1' : 'localhost'}:${info.port}`,
        close: () => new Promise<void>((done) => server.close(() => done())),
      });
    });
    server.once('error', reject);
  });
}
