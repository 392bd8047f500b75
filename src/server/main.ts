// `npm run serve`: the app server in production (App Service starts it): configuration from the environment, the
// SharePoint sites checked against the schema, the bot and the tab on PORT. No emulator, no demo data.
import { composeApp } from './compose.js';
import { ConfigError, readConfig } from './config.js';
import { startAppServer } from './serve.js';
import { openStack } from './stack.js';

try {
  const config = readConfig();
  const stack = await openStack(config, (line) => console.log(`varde: ${line}`));
  const composition = composeApp(config, stack);
  const app = await startAppServer(config, composition.app);
  console.log(`varde: listening on port ${new URL(app.url).port}`);
  let stopping = false;
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.on(signal, () => {
      if (stopping) return;
      stopping = true;
      // Finish what is in flight (waiting reports are on disk, the read log is flushed) before the port closes.
      void Promise.resolve(composition.stop())
        .then(() => app.close())
        .then(() => process.exit(0));
    });
  }
} catch (err) {
  // Configuration errors are written for the IT department in Norwegian; anything else by name only (no personal data).
  console.error(err instanceof ConfigError ? err.message : `varde: start failed (${err instanceof Error ? err.name : 'unknown'})`);
  process.exit(1);
}
