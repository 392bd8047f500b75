// `npm start`: the local stack on this machine — today the Graph emulator with its data under .data/.
import { startEmulator } from '../infra/graph-emulator/server.js';

const emulator = await startEmulator({
  port: Number(process.env.EMULATOR_PORT ?? 5099),
  dataDir: process.env.EMULATOR_DATA_DIR ?? '.data/graph',
  hostname: process.env.SP_HOSTNAME ?? 'varde-demo.sharepoint.com',
});

console.log('Varde — local stack');
console.log(`  Graph emulator: ${emulator.graphUrl}`);
console.log(`  metrics:        ${emulator.url}/_emulator/metrics`);
console.log('Ctrl-C stops.');

process.once('SIGINT', () => void emulator.close().then(() => process.exit(0)));
process.once('SIGTERM', () => void emulator.close().then(() => process.exit(0)));
