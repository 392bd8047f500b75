// Starts the app server on its port; returns how to reach and stop it.
import { serve } from '@hono/node-server';
import type { Hono } from 'hono';
import type { AddressInfo } from 'node:net';
import { createApp } from './app.js';
import type { VardeConfig } from './config.js';

export interface RunningApp {
  url: string;
  close(): Promise<void>;
}

/** Serves `app` (the composition's, see compose.ts; by default the bare app without the bot). PORT 0 takes a free port. */
export function startAppServer(config: VardeConfig, app: Hono = createApp({ version: config.userAgent.version, local: config.local })): Promise<RunningApp> {
  return new Promise((resolve, reject) => {
    const server = serve({ fetch: app.fetch, port: config.port, hostname: config.local ? '127.0.0.1' : '0.0.0.0' }, (info: AddressInfo) => {
      resolve({
        url: `http://${config.local ? '127.0.0.1' : 'localhost'}:${info.port}`,
        close: () =>
          new Promise<void>((done) => {
            server.close(() => done());
            // Keep-alive connections (the Bot Connector's, a browser's) would hold the close open.
            if ('closeAllConnections' in server) server.closeAllConnections();
          }),
      });
    });
    server.once('error', reject);
  });
}
