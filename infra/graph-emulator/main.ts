// `npm run emulator`: runs the Graph emulator alone, configured from the environment.
import { startEmulator } from './server.js';

const port = Number(process.env.EMULATOR_PORT ?? 5099);
const emulator = await startEmulator({
  port,
  host: process.env.EMULATOR_HOST ?? '127.0.0.1',
  dataDir: process.env.EMULATOR_DATA_DIR ?? '.data/graph',
  hostname: process.env.SP_HOSTNAME ?? 'varde-demo.sharepoint.com',
  strictAuth: process.env.EMULATOR_STRICT_AUTH === '1' || process.env.EMULATOR_STRICT_AUTH === 'true',
  log: process.env.EMULATOR_LOG === '1',
});

console.log(`Graph emulator listening on ${emulator.graphUrl}`);
console.log(`  controls:  ${emulator.url}/_emulator/metrics · /_emulator/faults · /_emulator/reset`);
console.log(`  authority: ${emulator.issuer.authority()} (local token issuer)`);

let stopping = false;
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    if (stopping) return;
    stopping = true;
    emulator.close().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  });
}
