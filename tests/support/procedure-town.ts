// A small municipality for the procedure tests (issue 8), and helpers to upload, read the libraries and lists through
// Graph (not through the app's repositories), and post multipart forms to the API.
//
//   kommune (Kari Direktør)
//   └─ mh: Mestring og helse (Kåre Sektor)
//      └─ husoy: Husøy sykehjem (Liv Leder, deputy Dag Nestleder)
//         ├─ husoy-a: Avdeling A (Siv Avdeling) — Anne, Arne (nurse: safetyRepresentative)
//         └─ husoy-b: Avdeling B (Bodil Avdeling) — Berit
//   └─ ol: Oppvekst og læring (Siri Sektor) — Ola Rektor at skole, Per Lærar
//   Vera Kvalitet: quality adviser at kommune
import { writeDocx, writePdf } from '../../src/app/procedures/index.js';
import type { OrgUnit, Person, Role } from '../../src/domain/index.js';
import type { AppStack, SmallMunicipality } from './app-stack.js';
import type { TestUser } from './bot-client.js';

const id = (n: number) => `7a1e0c7a-0000-4b1b-8c2d-${String(n).padStart(12, '0')}`;

export const P = {
  direktor: { aadObjectId: id(1), name: 'Kari Direktør' },
  kare: { aadObjectId: id(2), name: 'Kåre Sektor' },
  liv: { aadObjectId: id(3), name: 'Liv Leder' },
  dag: { aadObjectId: id(4), name: 'Dag Nestleder' },
  siv: { aadObjectId: id(5), name: 'Siv Avdeling' },
  bodil: { aadObjectId: id(6), name: 'Bodil Avdeling' },
  anne: { aadObjectId: id(7), name: 'Anne Ansatt' },
  arne: { aadObjectId: id(8), name: 'Arne Ansatt' },
  berit: { aadObjectId: id(9), name: 'Berit Ansatt', locale: 'nn-NO' },
  siri: { aadObjectId: id(10), name: 'Siri Sektor' },
  ola: { aadObjectId: id(11), name: 'Ola Rektor' },
  per: { aadObjectId: id(12), name: 'Per Lærar' },
  vera: { aadObjectId: id(13), name: 'Vera Kvalitet' },
} satisfies Record<string, TestUser>;

export const UNITS: OrgUnit[] = [
  { id: 'kommune', name: 'Tønsberg kommune', level: 'municipality', parentId: null, leaderId: P.direktor.aadObjectId },
  { id: 'mh', name: 'Mestring og helse', level: 'sector', parentId: 'kommune', leaderId: P.kare.aadObjectId },
  { id: 'husoy', name: 'Husøy sykehjem', level: 'unit', parentId: 'mh', leaderId: P.liv.aadObjectId, deputyLeaderId: P.dag.aadObjectId },
  { id: 'husoy-a', name: 'Avdeling A', level: 'service', parentId: 'husoy', leaderId: P.siv.aadObjectId },
  { id: 'husoy-b', name: 'Avdeling B', level: 'service', parentId: 'husoy', leaderId: P.bodil.aadObjectId },
  { id: 'ol', name: 'Oppvekst og læring', level: 'sector', parentId: 'kommune', leaderId: P.siri.aadObjectId },
  { id: 'skole', name: 'Byskogen skole', level: 'unit', parentId: 'ol', leaderId: P.ola.aadObjectId },
];

const person = (user: TestUser, unitId: string, roles: Role[] = ['employee']): Person => {
  const email = `${user.name.toLowerCase().replace(/\W+/g, '.')}@varde-demo.onmicrosoft.com`;
  return { id: user.aadObjectId, name: user.name, email, upn: email, unitId, roles };
};

export const PEOPLE: Person[] = [
  person(P.direktor, 'kommune', ['chiefExecutive']),
  person(P.kare, 'mh', ['sectorHead']),
  person(P.liv, 'husoy', ['unitLeader']),
  person(P.dag, 'husoy', ['employee']),
  person(P.siv, 'husoy-a', ['serviceLeader']),
  person(P.bodil, 'husoy-b', ['serviceLeader']),
  person(P.anne, 'husoy-a'),
  person(P.arne, 'husoy-a', ['employee', 'safetyRepresentative']),
  person(P.berit, 'husoy-b'),
  person(P.siri, 'ol', ['sectorHead']),
  person(P.ola, 'skole', ['unitLeader']),
  person(P.per, 'skole'),
  person(P.vera, 'kommune', ['qualityAdviser']),
];

export const TOWN: SmallMunicipality = { units: UNITS, people: PEOPLE };

/** People in husoy and below: whom a procedure of Husøy applies to. */
export const HUSOY_PEOPLE = PEOPLE.filter((p) => ['husoy', 'husoy-a', 'husoy-b'].includes(p.unitId));

export const docx = (title: string, ...paragraphs: string[]) => writeDocx(title, paragraphs.length ? paragraphs : ['Innhold.']);
export const pdf = (title: string, ...paragraphs: string[]) => writePdf(title, paragraphs.length ? paragraphs : ['Innhold.']);

export interface Json {
  [key: string]: unknown;
}

/** POST /api/procedures as the tab sends it: the file and its metadata in one multipart form. */
export async function upload(stack: AppStack, token: string, file: { name: string; bytes: Uint8Array; type?: string }, metadata: unknown): Promise<Response> {
  const form = new FormData();
  form.set('metadata', typeof metadata === 'string' ? metadata : JSON.stringify(metadata));
  form.set('file', new Blob([new Uint8Array(file.bytes)], { type: file.type ?? 'application/octet-stream' }), file.name);
  return stack.api(token, '/api/procedures', { method: 'POST', body: form });
}

export async function uploadVersion(stack: AppStack, token: string, documentId: string, etag: string, file: { name: string; bytes: Uint8Array }): Promise<Response> {
  const form = new FormData();
  form.set('etag', etag);
  form.set('file', new Blob([new Uint8Array(file.bytes)]), file.name);
  return stack.api(token, `/api/procedures/${documentId}/versions`, { method: 'POST', body: form });
}

/** The quality site's id, as Graph names it. */
export async function qualitySite(stack: AppStack): Promise<string> {
  return ((await (await stack.emulator.graph('/sites/varde-demo.sharepoint.com:/sites/kvalitet')).json()) as { id: string }).id;
}

/** A list's or library's items through Graph, every field. */
export async function listItems(stack: AppStack, site: string, list: string, filter?: string): Promise<Json[]> {
  const out: Json[] = [];
  let url: string | null = `/sites/${site}/lists/${encodeURIComponent(list)}/items?${new URLSearchParams({ $expand: 'fields', $top: '5000', ...(filter ? { $filter: filter } : {}) })}`;
  while (url) {
    const res: Response = await stack.emulator.graph(url);
    if (res.status !== 200) throw new Error(`${list}: ${res.status} ${await res.text()}`);
    const body = (await res.json()) as { value: { fields: Json }[]; '@odata.nextLink'?: string };
    out.push(...body.value.map((i) => i.fields));
    const next: string | undefined = body['@odata.nextLink'];
    url = next ? next.slice(next.indexOf('/sites/')) : null;
  }
  return out;
}

/** A library file's versions through Graph (newest first). */
export async function fileVersions(stack: AppStack, site: string, library: string, driveItemId: string): Promise<string[]> {
  const res = await stack.emulator.graph(`/sites/${site}/lists/${encodeURIComponent(library)}/drive/items/${driveItemId}/versions`);
  if (res.status !== 200) throw new Error(`versions: ${res.status}`);
  return ((await res.json()) as { value: { id: string }[] }).value.map((v) => v.id);
}
