// Photos and files sent to the bot in a personal chat, over real HTTP: fetched from where Teams keeps them (a file
// server plays the sender's OneDrive, the connector stand-in hosts pasted images behind the bot's token), held with
// the form, and stored in the case's attachment library (the confidential site's for whistleblowing) when the form is
// sent; refused files are said plainly in Norwegian and the report goes through without them.
import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LOCAL_APP } from '../../src/server/config.js';
import { type BotStand, type Card, caseNumberIn, invokeCard, json, kari, startBotStand } from '../support/bot-stand.js';
import { type FileServer, startFileServer } from '../support/file-server.js';

const FILE_INFO = 'application/vnd.microsoft.teams.file.download.info';
const MB = 1024 * 1024;

let stand: BotStand;
let files: FileServer;

beforeAll(async () => {
  // 6 MB at most here, so that a file over Graph's 4 MB simple-upload limit (an upload session) fits and a larger one does not.
  stand = await startBotStand({ env: { VARDE_FILE_MAX_MB: '6' } });
  files = await startFileServer();
});

afterAll(async () => {
  await files?.close();
  await stand?.close();
});

/** A PDF of `size` bytes with a recognisable pattern (so a wrong or torn upload shows). */
function pdf(size: number, seed: number): Buffer {
  const bytes = Buffer.alloc(size);
  for (let i = 0; i < size; i++) bytes[i] = (i * 31 + seed) % 251;
  bytes.write('%PDF-1.7\n', 0, 'latin1');
  return bytes;
}
const png = (seed: number) => Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, ...Array.from({ length: 5000 }, (_, i) => (i + seed) % 256)]);
const sha = (b: Uint8Array) => createHash('sha256').update(b).digest('hex');

/** A file as Teams sends it: a file download info with a pre-authenticated link into the sender's OneDrive. */
const teamsFile = (name: string, bytes: Uint8Array) => ({
  contentType: FILE_INFO,
  name,
  contentUrl: 'https://contoso-my.sharepoint.com/personal/kari/Documents/x',
  content: { downloadUrl: files.serve(name, bytes), uniqueId: name, fileType: name.split('.').pop() },
});
/** A pasted image as Teams sends it: image/* on the Bot Connector, and the HTML copy of the message beside it. */
const pastedImage = (bytes: Uint8Array) => [
  { contentType: 'image/*', contentUrl: stand.connector.addAttachment(bytes, 'image/png') },
  { contentType: 'text/html', content: '<p><img src="https://eu-api.asm.skype.com/v1/objects/0-x/views/imgo"></p>' },
];

const FILLED = { kind: 'adverseEvent', description: 'Vannlekkasje på lageret, kartonger ødelagt.', location: 'Lager', unitId: 'husoy', severity: 'medium', consequenceFor: 'organisation' };

describe('files sent with a report', () => {
  const big = pdf(4 * MB + 123_457, 7);
  const image = png(3);
  let caseId = '';
  let caseNumber = '';

  it('are fetched when the message comes (the pasted image with the bot’s own token, the file without any) and named on the form', async () => {
    const form = await stand.say(kari, 'Vannlekkasje på lageret', { attachments: [teamsFile('Skaderapport.pdf', big), ...pastedImage(image)] });
    expect(json(form.card)).toContain('📎 Skaderapport.pdf, bilde.png. Filene legges ved saken når du sender meldingen.');
    expect(form.texts).toEqual([]);
    // The OneDrive link is pre-authenticated: no token goes there. The Bot Connector got the bot's token (it checks it).
    expect(files.requests.map((r) => r.authorization)).toEqual([undefined]);
    expect(stand.connector.attachmentDownloads.map((d) => d.appId)).toEqual([LOCAL_APP.clientId]);
    expect(stand.connector.refused).toEqual([]);

    const receipt = invokeCard(await stand.submit(kari, form, FILLED));
    caseNumber = caseNumberIn(receipt) ?? '';
    caseId = String((form.card.actions as { verb: string; data: { submissionId: string } }[]).find((a) => a.verb === 'submitReport')?.data.submissionId);
    expect(caseNumber).toMatch(/^AV-\d{4}-\d{5}$/);
  });

  it('are stored in Vedlegg, in a folder named by the case number, byte for byte, each linked to the case by CaseId', async () => {
    const stored = await stand.filesIn('quality', 'Vedlegg', caseNumber);
    expect(stored.map((f) => f.name).sort()).toEqual(['Skaderapport.pdf', 'bilde.png']);
    const byName = Object.fromEntries(stored.map((f) => [f.name, f]));
    // Over 4 MB: this one went through an upload session (one, for one file), in fragments.
    const routes = ((await (await fetch(`${stand.em.url}/_emulator/metrics`)).json()) as { requests: { byRoute: Record<string, number> } }).requests.byRoute;
    expect(Object.entries(routes).filter(([route]) => route.endsWith('/createUploadSession')).map(([, n]) => n)).toEqual([1]);
    expect(byName['Skaderapport.pdf']?.bytes.length).toBe(big.length);
    expect(sha(byName['Skaderapport.pdf']?.bytes ?? Buffer.alloc(0))).toBe(sha(big));
    expect(sha(byName['bilde.png']?.bytes ?? Buffer.alloc(0))).toBe(sha(image));
    for (const f of stored) expect(f.fields.CaseId).toBe(caseId);
    // The indexed CaseId finds them, as the tab will.
    expect((await stand.listItems('quality', 'Vedlegg', `fields/CaseId eq '${caseId}'`)).map((f) => f.FileLeafRef).sort()).toEqual(['Skaderapport.pdf', 'bilde.png']);
    const listed = await stand.app.stack.repos.attachments.list(caseId);
    expect(listed.map((f) => [f.name, f.size])).toEqual([
      ['bilde.png', image.length],
      ['Skaderapport.pdf', big.length],
    ]);
    expect(listed.every((f) => f.webUrl.includes(`/Vedlegg/${caseNumber}/`))).toBe(true);
  });

  it('of a whistleblowing report are stored only in the confidential site’s Varslingsvedlegg', async () => {
    const secret = pdf(20_000, 11);
    const form = await stand.say(kari, 'varsling', { attachments: [teamsFile('Kvittering.pdf', secret)] });
    expect(json(form.card)).toContain('Kvittering.pdf');
    const receipt = invokeCard(await stand.submit(kari, form, { description: 'Lederen bruker kommunens bil privat.', occurredDate: '', occurredTime: '' }));
    const number = caseNumberIn(receipt) ?? '';
    expect(number).toMatch(/^VA-\d{4}-\d{5}$/);
    const id = String((form.card.actions as { verb: string; data: { submissionId: string } }[]).find((a) => a.verb === 'submitReport')?.data.submissionId);

    const stored = await stand.filesIn('confidential', 'Varslingsvedlegg', number);
    expect(stored.map((f) => [f.name, sha(f.bytes), f.fields.CaseId])).toEqual([['Kvittering.pdf', sha(secret), id]]);
    expect(await stand.filesIn('quality', 'Vedlegg', number)).toEqual([]);
    expect(await stand.listItems('quality', 'Vedlegg', `fields/CaseId eq '${id}'`)).toEqual([]);
  });
});

describe('files that are refused', () => {
  it('too large or of a type Varde does not keep: a Norwegian message for each, and the report still lands, without them', async () => {
    const before = files.requests.length;
    const form = await stand.say(kari, 'Noen har søla olje i garasjen', {
      attachments: [teamsFile('Video fra garasjen.pdf', pdf(7 * MB, 5)), teamsFile('oppdatering.exe', Buffer.from('MZ\x90\x00'))],
    });
    expect(form.texts).toEqual([
      'Filen «Video fra garasjen.pdf» ble ikke tatt med fordi den er større enn 6 MB. Meldingen kan sendes uten den.',
      'Filen «oppdatering.exe» ble ikke tatt med: Varde tar imot bilder, PDF, Office-dokumenter og tekstfiler. Meldingen kan sendes uten den.',
    ]);
    // The program was refused by its type before a byte was fetched; the big file was asked for and cut off.
    expect(files.requests.slice(before).map((r) => decodeURIComponent(r.path.split('/').pop() ?? ''))).toEqual(['Video fra garasjen.pdf']);
    expect(json(form.card)).not.toContain('📎');

    const receipt: Card = invokeCard(await stand.submit(kari, form, { ...FILLED, description: 'Noen har søla olje i garasjen' }));
    const number = caseNumberIn(receipt) ?? '';
    expect(json(receipt)).toContain('Takk! Meldingen er registrert.');
    const id = String((form.card.actions as { verb: string; data: { submissionId: string } }[]).find((a) => a.verb === 'submitReport')?.data.submissionId);
    expect(await stand.listItems('quality', 'Avvik', `fields/RecordId eq '${id}'`)).toEqual([expect.objectContaining({ CaseNumber: number, Description: 'Noen har søla olje i garasjen' })]);
    expect(await stand.filesIn('quality', 'Vedlegg', number)).toEqual([]);
  });

  it('a file link to anywhere but where Teams keeps files is never fetched', async () => {
    const before = files.requests.length;
    const form = await stand.say(kari, 'Døra til medisinrommet sto åpen', {
      attachments: [{ contentType: FILE_INFO, name: 'metadata.pdf', content: { downloadUrl: 'http://169.254.169.254/latest/meta-data/iam', fileType: 'pdf' } }],
    });
    expect(form.texts).toEqual(['Filen «metadata.pdf» kunne ikke hentes fra Teams. Meldingen kan sendes uten den, og filen kan legges til i saken i Varde etterpå.']);
    expect(files.requests.length).toBe(before);
    expect(stand.events).toContain('bot.fileRefused');
  });
});
