// The Teams app package as `npm run package` builds it: valid for every example environment, exactly the expected files,
// the values from the env file in the right places, reproducible, and in step with the bot, the tab and the schema.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { unzipSync } from 'fflate';
import { PNG } from 'pngjs';
import { afterAll, describe, expect, it } from 'vitest';
import { commandOf } from '../../src/app/conversation/handler.js';
import { procedureQueryOf } from '../../src/app/procedures/chat.js';
import { assemblePackage, buildPackage } from '../../scripts/app-package/build.js';
import { availableEnvs } from '../../scripts/app-package/env.js';
import { drawColorIcon, drawOutlineIcon } from '../../scripts/app-package/icons.js';
import { APP_PACKAGE_DIR, REPO_ROOT } from '../../scripts/app-package/paths.js';
import { LOCALIZATION_SCHEMA_FILE, MANIFEST_SCHEMA_FILE, loadSchemas } from '../../scripts/app-package/schema.js';
import { validatePackage } from '../../scripts/app-package/validate.js';
import { at, readJson } from './helpers.js';

const EXPECTED_FILES = ['color.png', 'en.json', 'manifest.json', 'nn.json', 'outline.png'];
const outDir = mkdtempSync(join(tmpdir(), 'varde-package-'));
afterAll(() => rmSync(outDir, { recursive: true, force: true }));

const envs = availableEnvs(join(APP_PACKAGE_DIR, 'env'));

describe('the example environments', () => {
  it('are local, dev and prod', () => {
    expect(envs).toEqual(['dev', 'local', 'prod']);
  });

  it.each(envs)('%s builds a zip that validates and holds exactly the expected files at its root', (env) => {
    const built = buildPackage({ env, outDir });
    expect(built.zipPath).toBe(join(outDir, `appPackage.${env}.zip`));
    const unzipped = unzipSync(readFileSync(built.zipPath));
    expect(Object.keys(unzipped).sort()).toEqual(EXPECTED_FILES);
    // What is in the zip is what was validated, byte for byte.
    for (const [name, bytes] of built.files) expect(Buffer.from(unzipped[name] ?? []).equals(Buffer.from(bytes))).toBe(true);
    expect(validatePackage(new Map(Object.entries(unzipped)))).toEqual([]);
  });

  it.each(envs)('%s puts the env file’s values where Teams needs them', (env) => {
    const { files, values } = assemblePackage({ env });
    const m = readJson(files, 'manifest.json');
    const host = values.PUBLIC_HOST;
    expect(m.manifestVersion).toBe(loadSchemas().manifestVersion);
    expect(m.id).toBe(values.TEAMS_APP_ID);
    expect(m.version).toBe(values.APP_VERSION);
    expect(m.validDomains).toEqual([host]);
    expect(m.webApplicationInfo).toEqual({ id: values.AAD_APP_CLIENT_ID, resource: `api://${host}/${values.AAD_APP_CLIENT_ID}` });
    expect(at(m, 'bots', 0).botId).toBe(values.BOT_ID);
    expect(at(m, 'staticTabs', 0)).toMatchObject({ entityId: 'varde-home', contentUrl: `https://${host}/`, scopes: ['personal'] });
    expect(at(m, 'configurableTabs', 0).configurationUrl).toBe(`https://${host}/config`);
    for (const name of ['en.json', 'nn.json']) expect(readJson(files, name)['name.short']).toBe(values.APP_NAME_SHORT);
  });

  it('the same inputs give the same zip, byte for byte', () => {
    const a = buildPackage({ env: 'prod', outDir });
    const b = buildPackage({ env: 'prod', outDir });
    expect(Buffer.from(a.zip).equals(Buffer.from(b.zip))).toBe(true);
  });
});

describe('what the manifest declares', () => {
  const m = readJson(assemblePackage({ env: 'prod' }).files, 'manifest.json');
  const bot = at(m, 'bots', 0);

  it('the bot: personal, team and group chat, files in the personal chat, the Norwegian command menu', () => {
    expect(bot.scopes).toEqual(['personal', 'team', 'groupChat']);
    expect(bot.supportsFiles).toBe(true);
    const personal = at(bot, 'commandLists', 0);
    expect(personal.scopes).toEqual(['personal']);
    expect((personal.commands as { title: string }[]).map((c) => c.title)).toEqual(['Meld avvik', 'Nytt forbedringsforslag', 'Mine meldinger', 'Varsling', 'Finn prosedyre']);
  });

  it('tabs: the personal tab at /, the bot chat and about; the channel tab with its config page, also in meetings', () => {
    expect((m.staticTabs as { entityId: string }[]).map((t) => t.entityId)).toEqual(['varde-home', 'conversations', 'about']);
    const channel = at(m, 'configurableTabs', 0);
    expect(channel.scopes).toEqual(['team', 'groupChat']);
    expect(channel.context).toEqual(['channelTab', 'privateChatTab', 'meetingChatTab', 'meetingDetailsTab', 'meetingSidePanel', 'meetingStage']);
  });

  it('asks for the RSC permissions the README justifies, and no others', () => {
    const rsc = (at(m, 'authorization', 'permissions').resourceSpecific as { name: string; type: string }[]).map((p) => `${p.name} (${p.type})`);
    expect(rsc.sort()).toEqual([
      'ChannelMeeting.ReadBasic.Group (Application)',
      'ChannelMeetingStage.Write.Group (Delegated)',
      'MeetingStage.Write.Chat (Delegated)',
      'OnlineMeeting.ReadBasic.Chat (Application)',
    ]);
    const readme = readFileSync(join(APP_PACKAGE_DIR, 'README.md'), 'utf8');
    for (const p of at(m, 'authorization', 'permissions').resourceSpecific as { name: string }[]) expect(readme).toContain(`\`${p.name}\``);
  });

  it('the default language is bokmål in the manifest, with English and nynorsk files', () => {
    expect(m.localizationInfo).toEqual({
      defaultLanguageTag: 'nb-no',
      additionalLanguages: [
        { languageTag: 'en', file: 'en.json' },
        { languageTag: 'nn', file: 'nn.json' },
      ],
    });
  });
});

describe('the bot understands its own command menu', () => {
  // Commands the menu offers before the conversation handles them: the procedure search is yet to come, and nynorsk's
  // «nytt forbetringsforslag» wants one more alias in src/app/conversation/handler.ts's COMMANDS.
  // Procedure search is not a fixed command: it takes the words after it ("finn prosedyre legemiddel").
  const SEARCHES = new Set(['finn prosedyre', 'find procedure']);
  const { files } = assemblePackage({ env: 'prod' });
  const titles = [
    ...(at(readJson(files, 'manifest.json'), 'bots', 0).commandLists as { commands: { title: string }[] }[]).flatMap((l) => l.commands.map((c) => c.title)),
    ...['en.json', 'nn.json'].flatMap((f) => Object.entries(readJson(files, f)).filter(([k]) => k.endsWith('.title')).map(([, v]) => String(v))),
  ];

  it.each([...new Set(titles)])('«%s»', (title) => {
    if (SEARCHES.has(title.toLowerCase())) {
      expect(procedureQueryOf(`${title} legemiddel`), `the procedure search does not recognise «${title}»`).toBe('legemiddel');
      return;
    }
    expect(commandOf(title), `the conversation handler does not recognise «${title}»`).not.toBeNull();
  });
});

describe('sources', () => {
  it('the icons on disk are the ones scripts/app-package/icons.ts draws', () => {
    for (const [file, drawn] of [
      ['color.png', drawColorIcon()],
      ['outline.png', drawOutlineIcon()],
    ] as const) {
      const onDisk = PNG.sync.read(readFileSync(join(APP_PACKAGE_DIR, file)));
      expect([onDisk.width, onDisk.height]).toEqual([drawn.width, drawn.height]);
      expect(Buffer.from(onDisk.data).equals(Buffer.from(drawn.data)), `${file}: run npx tsx scripts/app-package/make-icons.ts`).toBe(true);
    }
  });

  it('the schema copies are unchanged from ../shared/schemas (when it is there)', () => {
    const shared = join(REPO_ROOT, '..', 'shared', 'schemas', 'teams-v1.24');
    if (!existsSync(shared)) return;
    for (const file of [MANIFEST_SCHEMA_FILE, LOCALIZATION_SCHEMA_FILE]) {
      expect(readFileSync(join(APP_PACKAGE_DIR, 'schema', file), 'utf8')).toBe(readFileSync(join(shared, file), 'utf8'));
    }
  });
});

describe('npm run package', () => {
  const run = (...args: string[]) =>
    spawnSync(process.execPath, ['--import', 'tsx', join(REPO_ROOT, 'scripts', 'package.ts'), ...args], { cwd: REPO_ROOT, encoding: 'utf8', timeout: 60_000 });

  it('writes appPackage.<env>.zip and says so', () => {
    const result = run('--env', 'dev', '--out-dir', outDir);
    expect(result.status, result.stderr).toBe(0);
    expect(result.stdout).toContain('appPackage.dev.zip');
    expect(existsSync(join(outDir, 'appPackage.dev.zip'))).toBe(true);
  });

  it('an unknown environment exits 2 and names the ones there are', () => {
    const result = run('--env', 'staging', '--out-dir', outDir);
    expect(result.status).toBe(2);
    expect(result.stderr).toContain('No env file for «staging»');
    expect(result.stderr).toContain('Environments: dev, local, prod.');
  });
});
