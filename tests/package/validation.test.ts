// A bad package fails validation with a message that says what is wrong and where: one test per kind of mistake,
// each starting from the valid prod package and spoiling one thing.
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PNG } from 'pngjs';
import { afterAll, describe, expect, it } from 'vitest';
import { PackageEnvError, PackageValidationError, assemblePackage, buildPackage } from '../../scripts/app-package/build.js';
import { APP_PACKAGE_DIR } from '../../scripts/app-package/paths.js';
import { at, problemsOf, solidPng, validFiles, withFile, withJson, withManifest } from './helpers.js';

const valid = validFiles();

it('the valid package has no problems (the baseline every case spoils)', () => {
  expect(problemsOf(valid)).toEqual([]);
});

describe('the manifest against Microsoft’s schema', () => {
  it('a required field removed', () => {
    expect(problemsOf(withManifest(valid, (m) => delete m.developer))).toContain("manifest.json /: must have required property 'developer'");
    expect(problemsOf(withManifest(valid, (m) => delete at(m, 'bots', 0).botId))).toContain("manifest.json /bots/0: must have required property 'botId'");
  });

  it('a short name over 30 characters', () => {
    const problems = problemsOf(withManifest(valid, (m) => (at(m, 'name').short = 'Varde kvalitetssystem for kommunen')));
    expect(problems).toContain('manifest.json /name/short: must NOT have more than 30 characters (it has 34)');
  });

  it('an id that is not a GUID', () => {
    const problems = problemsOf(withManifest(valid, (m) => (at(m, 'bots', 0).botId = 'varde-bot')));
    expect(problems.some((p) => p.startsWith('manifest.json /bots/0/botId: "varde-bot" must match'))).toBe(true);
  });

  it('another manifest version', () => {
    expect(problemsOf(withManifest(valid, (m) => (m.manifestVersion = '1.23')))).toContain('manifest.json /manifestVersion: must be "1.24"');
  });

  it('a property the schema does not know', () => {
    expect(problemsOf(withManifest(valid, (m) => (m.botId = 'x')))).toContain("manifest.json /: has a property the schema does not allow: 'botId'");
  });

  it('not JSON at all', () => {
    const problems = problemsOf(withFile(valid, 'manifest.json', new TextEncoder().encode('{ "manifestVersion": ')));
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(/^manifest\.json: is not valid JSON/);
  });

  it('no manifest', () => {
    expect(problemsOf(withFile(valid, 'manifest.json', undefined))).toEqual(['manifest.json: is missing: a Teams app package has manifest.json at its root']);
  });
});

describe('icons', () => {
  it('a colour icon of the wrong size', () => {
    expect(problemsOf(withFile(valid, 'color.png', solidPng(96, 96, [31, 92, 115, 255])))).toEqual([
      'color.png: is 96×96 pixels; Teams needs the colour icon to be 192×192',
    ]);
  });

  it('an outline icon of the wrong size', () => {
    expect(problemsOf(withFile(valid, 'outline.png', solidPng(64, 64, [255, 255, 255, 0])))).toEqual([
      'outline.png: is 64×64 pixels; Teams needs the outline icon to be 32×32',
    ]);
  });

  it('an outline icon with an opaque background', () => {
    const problems = problemsOf(withFile(valid, 'outline.png', solidPng(32, 32, [255, 255, 255, 255])));
    expect(problems).toEqual([expect.stringMatching(/^outline\.png: must have a transparent background/)]);
  });

  it('an outline icon that is not white', () => {
    const problems = problemsOf(withFile(valid, 'outline.png', drawnOutlineIn([31, 92, 115])));
    expect(problems).toEqual([expect.stringMatching(/^outline\.png: has \d+ pixel\(s\) that are not white/)]);
  });

  it('an icon that is not a PNG, and one that is missing', () => {
    expect(problemsOf(withFile(valid, 'color.png', new TextEncoder().encode('GIF89a')))).toEqual(['color.png: is not a PNG file']);
    expect(problemsOf(withFile(valid, 'outline.png', undefined))).toEqual(['outline.png: is missing from the package (icons.outline names it)']);
  });
});

describe('URLs and domains', () => {
  it('a tab URL over http', () => {
    const problems = problemsOf(withManifest(valid, (m) => (at(m, 'staticTabs', 0).contentUrl = 'http://varde.tonsberg.kommune.no/')));
    expect(problems).toContain('manifest.json /staticTabs/0/contentUrl: http://varde.tonsberg.kommune.no/ uses http; Teams needs https');
  });

  it('a tab URL outside validDomains', () => {
    const problems = problemsOf(withManifest(valid, (m) => (at(m, 'configurableTabs', 0).configurationUrl = 'https://evil.example.com/config')));
    expect(problems).toContain(
      'manifest.json /configurableTabs/0/configurationUrl: https://evil.example.com/config is not on a domain in validDomains (varde.tonsberg.kommune.no); Teams will not load it',
    );
  });

  it('a wildcard domain covers its subdomains', () => {
    const files = withManifest(valid, (m) => {
      m.validDomains = ['*.tonsberg.kommune.no'];
      at(m, 'webApplicationInfo').resource = `api://*.tonsberg.kommune.no/${String(at(m, 'webApplicationInfo').id)}`;
    });
    const problems = problemsOf(files);
    expect(problems.filter((p) => p.includes('/staticTabs/') || p.includes('/configurableTabs/'))).toEqual([]);
  });

  it('a domain written as a URL, or in capitals', () => {
    expect(problemsOf(withManifest(valid, (m) => (m.validDomains = ['https://varde.tonsberg.kommune.no'])))).toContain(
      'manifest.json /validDomains/0: «https://varde.tonsberg.kommune.no» is not a host name (no scheme, path or port: e.g. varde.kommune.no or *.kommune.no)',
    );
    expect(problemsOf(withManifest(valid, (m) => (m.validDomains = ['Varde.Tonsberg.Kommune.no'])))).toContain(
      'manifest.json /validDomains/0: «Varde.Tonsberg.Kommune.no» must be lower case (Teams SSO fails on some clients otherwise)',
    );
  });

  it('a developer page that is not https', () => {
    expect(problemsOf(withManifest(valid, (m) => (at(m, 'developer').privacyUrl = 'http://www.tonsberg.kommune.no/personvern/')))).toContain(
      'manifest.json /developer/privacyUrl: «http://www.tonsberg.kommune.no/personvern/» must be an https URL people can open',
    );
  });
});

describe('SSO, ids and the bot', () => {
  it('a resource for another host or another app', () => {
    const other = problemsOf(withManifest(valid, (m) => (at(m, 'webApplicationInfo').resource = 'api://varde.example.no/684494ac-98bb-4636-99b2-1559befa44e8')));
    expect(other.some((p) => p.includes('/webApplicationInfo/resource: the host in «api://varde.example.no/') && p.includes('listed in validDomains'))).toBe(true);
    const wrongId = problemsOf(withManifest(valid, (m) => (at(m, 'webApplicationInfo').resource = 'api://varde.tonsberg.kommune.no/11111111-2222-4333-8444-555555555555')));
    expect(wrongId).toContain(
      'manifest.json /webApplicationInfo/resource: «api://varde.tonsberg.kommune.no/11111111-2222-4333-8444-555555555555» must end with webApplicationInfo.id (684494ac-98bb-4636-99b2-1559befa44e8)',
    );
  });

  it('no webApplicationInfo', () => {
    expect(problemsOf(withManifest(valid, (m) => delete m.webApplicationInfo)).join('\n')).toContain('manifest.json /webApplicationInfo: is missing: the tab signs people in with Teams SSO');
  });

  it('the nil GUID', () => {
    expect(problemsOf(withManifest(valid, (m) => (m.id = '00000000-0000-0000-0000-000000000000')))).toContain('manifest.json /id: is the nil GUID; use the real id');
  });

  it('a version that is not major.minor.patch', () => {
    expect(problemsOf(withManifest(valid, (m) => (m.version = '1.0')))).toContain('manifest.json /version: «1.0» is not a version Teams takes (major.minor.patch, e.g. 1.0.0)');
  });

  it('a bot without files', () => {
    expect(problemsOf(withManifest(valid, (m) => (at(m, 'bots', 0).supportsFiles = false)))).toEqual([
      'manifest.json /bots/0/supportsFiles: must be true: people attach photos and files to reports in the personal chat, and Teams offers no way to do that otherwise',
    ]);
  });

  it('a command title too long for Teams’ command menu', () => {
    const problems = problemsOf(withManifest(valid, (m) => (at(m, 'bots', 0, 'commandLists', 0, 'commands', 0).title = 'Meld et avvik eller en uønsket hendelse')));
    expect(problems).toContain('manifest.json /bots/0/commandLists/0/commands/0/title: «Meld et avvik eller en uønsket hendelse» is 39 characters; a command title may have at most 32');
  });

  it('a meeting tab without the groupChat scope', () => {
    expect(problemsOf(withManifest(valid, (m) => (at(m, 'configurableTabs', 0).scopes = ['team'])))).toContain(
      'manifest.json /configurableTabs/0/scopes: a tab offered in meetings must have the groupChat scope (scheduled meetings are group chats)',
    );
  });
});

describe('localisation files', () => {
  it('a short name over 30 characters in English', () => {
    const problems = problemsOf(withJson(valid, 'en.json', (d) => (d['name.short'] = 'Varde quality and internal control')));
    expect(problems).toContain('en.json /name.short: must NOT have more than 30 characters (it has 34)');
  });

  it('a translation of something the manifest does not have', () => {
    const problems = problemsOf(withJson(valid, 'nn.json', (d) => (d['staticTabs[5].name'] = 'Ekstra')));
    expect(problems).toContain('nn.json /staticTabs[5].name: translates «staticTabs[5].name», which the manifest does not have');
  });

  it('a string left untranslated', () => {
    const problems = problemsOf(withJson(valid, 'en.json', (d) => delete d['bots[0].commandLists[0].commands[4].title']));
    expect(problems).toEqual([
      'en.json: lacks «bots[0].commandLists[0].commands[4].title»: the manifest has this string, and people using «en» would see it in the default language',
    ]);
  });

  it('a file for another manifest version', () => {
    const problems = problemsOf(withJson(valid, 'nn.json', (d) => (d.$schema = 'https://developer.microsoft.com/json-schemas/teams/v1.19/MicrosoftTeams.Localization.schema.json')));
    expect(problems[0]).toMatch(/^nn\.json \/\$schema: must name the v1\.24 schema/);
  });

  it('a missing file', () => {
    expect(problemsOf(withFile(valid, 'nn.json', undefined))).toEqual(["nn.json: is missing from the package (the manifest's additionalLanguages names it for «nn»)"]);
  });
});

describe('the package as a whole', () => {
  it('a file the manifest does not name', () => {
    expect(problemsOf(withFile(valid, 'notes.txt', new TextEncoder().encode('hei')))).toEqual([
      'notes.txt: is in the package but the manifest does not refer to it (Teams packages hold only the manifest and the files it names)',
    ]);
  });

  it('a placeholder left in', () => {
    const problems = problemsOf(withManifest(valid, (m) => (at(m, 'developer').name = '${{MUNICIPALITY}}')));
    expect(problems).toContain('manifest.json: placeholder ${{MUNICIPALITY}} was not filled in: set MUNICIPALITY in appPackage/env/.env.<env>');
  });
});

describe('building from the env files', () => {
  const dir = mkdtempSync(join(tmpdir(), 'varde-package-src-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  cpSync(APP_PACKAGE_DIR, dir, { recursive: true, filter: (src) => !src.includes(`${join(APP_PACKAGE_DIR, 'build')}`) });

  it('an env file without a value the templates need', () => {
    const env = readFileSync(join(dir, 'env', '.env.prod'), 'utf8').replace(/^PUBLIC_HOST=.*$/m, '').replace(/^BOT_ID=.*$/m, '');
    writeFileSync(join(dir, 'env', '.env.broken'), env);
    expect(() => assemblePackage({ env: 'broken', sourceDir: dir })).toThrow(PackageEnvError);
    expect(() => assemblePackage({ env: 'broken', sourceDir: dir })).toThrow(/\.env\.broken lacks BOT_ID, PUBLIC_HOST/);
  });

  it('an environment name that could reach outside env/', () => {
    expect(() => assemblePackage({ env: '../prod', sourceDir: dir })).toThrow('«../prod» is not an environment name');
  });

  it('a bad value fails the build with every problem listed, and writes no zip', () => {
    const out = join(dir, 'out');
    let error: unknown;
    try {
      buildPackage({ env: 'prod', sourceDir: dir, outDir: out, overrides: { PUBLIC_HOST: 'Varde.Tonsberg.kommune.no', APP_NAME_SHORT: 'Varde – kvalitet og internkontroll' } });
    } catch (err) {
      error = err;
    }
    expect(error).toBeInstanceOf(PackageValidationError);
    const message = (error as Error).message;
    expect(message).toMatch(/^The Teams app package for «prod» is not valid:/);
    expect(message).toContain('manifest.json /validDomains/0: «Varde.Tonsberg.kommune.no» must be lower case');
    expect(message).toContain('manifest.json /name/short: must NOT have more than 30 characters (it has 34)');
    expect(message).toContain('en.json /name.short: must NOT have more than 30 characters (it has 34)');
    expect(() => readFileSync(join(out, 'appPackage.prod.zip'))).toThrow();
  });
});

/** The real outline icon recoloured: same shape and alpha, not white. */
function drawnOutlineIn(rgb: readonly [number, number, number]): Uint8Array {
  const png = PNG.sync.read(readFileSync(join(APP_PACKAGE_DIR, 'outline.png')));
  for (let o = 0; o < png.data.length; o += 4) {
    png.data[o] = rgb[0];
    png.data[o + 1] = rgb[1];
    png.data[o + 2] = rgb[2];
  }
  return new Uint8Array(PNG.sync.write(png));
}
