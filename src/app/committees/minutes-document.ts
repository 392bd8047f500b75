// The minutes (referat) of a meeting as .docx (docx) and PDF (pdfkit), from the decisions and measures recorded in the meeting.
//
// docx writes real Word documents (styles, headings, tables) without Word; pdfkit lays text out with line breaking
// and page breaks, and its standard Helvetica covers Norwegian letters (WinAnsi), so no font file is shipped.
import { AlignmentType, Document, HeadingLevel, Packer, Paragraph, Table, TableCell, TableRow, TextRun, WidthType } from 'docx';
import PDFDocument from 'pdfkit';
import { formatOsloDate, formatOsloDateTime } from '../../cards/index.js';
import type { CommitteeMemberRole, Instant } from '../../domain/index.js';

export interface MinutesModel {
  readonly committeeName: string;
  readonly meetingTitle: string;
  readonly startsAt: Instant;
  readonly endsAt: Instant;
  readonly location: string | null;
  readonly authorName: string;
  readonly publishedAt: Instant;
  readonly members: readonly { readonly name: string; readonly role: CommitteeMemberRole }[];
  readonly items: readonly MinutesItem[];
}

export interface MinutesItem {
  readonly number: string | null;
  readonly title: string;
  readonly outcome: 'decided' | 'postponed' | 'withdrawn' | 'none';
  readonly decision: string | null;
  readonly measures: readonly { readonly title: string; readonly ownerName: string; readonly deadline: string }[];
  readonly escalatedToName: string | null;
}

const ROLE_NB: Readonly<Record<CommitteeMemberRole, string>> = {
  leader: 'leder',
  facilitator: 'tilrettelegger',
  member: 'medlem',
  unionRepresentative: 'tillitsvalgt',
  safetyRepresentative: 'verneombud',
  userRepresentative: 'brukerrepresentant',
  patientSafetyRepresentative: 'pasientsikkerhetsrepresentant',
  chiefMunicipalPhysician: 'kommuneoverlege',
};

const OUTCOME_NB = { decided: 'Vedtak', postponed: 'Utsatt', withdrawn: 'Trukket', none: 'Ikke behandlet' } as const;

/** The heading lines both formats share. */
function header(m: MinutesModel): { title: string; facts: [string, string][] } {
  const facts: [string, string][] = [
    ['Møte', m.meetingTitle],
    ['Tid', `${formatOsloDateTime(m.startsAt, 'nb')} – ${formatOsloDateTime(m.endsAt, 'nb').split(' ').slice(-1)[0] ?? ''}`],
  ];
  if (m.location) facts.push(['Sted', m.location]);
  facts.push(['Referent', m.authorName], ['Publisert', formatOsloDateTime(m.publishedAt, 'nb')]);
  return { title: `Referat – ${m.committeeName}`, facts };
}

const itemHeading = (i: MinutesItem) => (i.number ? `Sak ${i.number}: ${i.title}` : i.title);
const measureLine = (x: MinutesItem['measures'][number]) => `${x.title} – ansvarlig ${x.ownerName}, frist ${formatOsloDate(`${x.deadline}T12:00:00.000Z`, 'nb')}`;

export async function minutesDocx(m: MinutesModel): Promise<Uint8Array> {
  const { title, facts } = header(m);
  const children: (Paragraph | Table)[] = [
    new Paragraph({ text: title, heading: HeadingLevel.TITLE }),
    new Table({
      width: { size: 100, type: WidthType.PERCENTAGE },
      rows: facts.map(
        ([label, value]) =>
          new TableRow({ children: [new TableCell({ children: [new Paragraph({ children: [new TextRun({ text: label, bold: true })] })] }), new TableCell({ children: [new Paragraph(value)] })] }),
      ),
    }),
    new Paragraph({ text: 'Deltakere', heading: HeadingLevel.HEADING_2 }),
    ...m.members.map((p) => new Paragraph({ text: `${p.name} (${ROLE_NB[p.role]})`, bullet: { level: 0 } })),
    new Paragraph({ text: 'Saker', heading: HeadingLevel.HEADING_2 }),
  ];
  for (const item of m.items) {
    children.push(new Paragraph({ text: itemHeading(item), heading: HeadingLevel.HEADING_3 }));
    children.push(new Paragraph({ children: [new TextRun({ text: `${OUTCOME_NB[item.outcome]}: `, bold: true }), new TextRun(item.decision ?? '')] }));
    for (const x of item.measures) children.push(new Paragraph({ text: `Tiltak: ${measureLine(x)}`, bullet: { level: 0 } }));
    if (item.escalatedToName) children.push(new Paragraph({ children: [new TextRun({ text: `Meldt videre til ${item.escalatedToName}.`, italics: true })] }));
  }
  children.push(new Paragraph({ alignment: AlignmentType.LEFT, children: [new TextRun({ text: 'Tiltakene følges opp på aksjonslisten og kommer tilbake på sakslisten til de er utført.', italics: true })] }));
  const doc = new Document({ creator: 'Varde', title, description: m.meetingTitle, sections: [{ children }] });
  return new Uint8Array(await Packer.toBuffer(doc));
}

export function minutesPdf(m: MinutesModel): Promise<Uint8Array> {
  const { title, facts } = header(m);
  // A fixed creation date: the same minutes give the same bytes (pdfkit would stamp the time of generation).
  const doc = new PDFDocument({ size: 'A4', margin: 56, info: { Title: title, Creator: 'Varde', CreationDate: new Date(m.publishedAt) } });
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<Uint8Array>((resolve, reject) => {
    doc.on('end', () => resolve(new Uint8Array(Buffer.concat(chunks))));
    doc.on('error', reject);
  });
  doc.font('Helvetica-Bold').fontSize(18).text(title);
  doc.moveDown(0.5).fontSize(10);
  for (const [label, value] of facts) doc.font('Helvetica-Bold').text(`${label}: `, { continued: true }).font('Helvetica').text(value);
  doc.moveDown().font('Helvetica-Bold').fontSize(13).text('Deltakere');
  doc.font('Helvetica').fontSize(10);
  for (const p of m.members) doc.text(`• ${p.name} (${ROLE_NB[p.role]})`);
  doc.moveDown().font('Helvetica-Bold').fontSize(13).text('Saker');
  for (const item of m.items) {
    doc.moveDown(0.5).font('Helvetica-Bold').fontSize(11).text(itemHeading(item));
    doc.font('Helvetica-Bold').fontSize(10).text(`${OUTCOME_NB[item.outcome]}: `, { continued: true }).font('Helvetica').text(item.decision ?? '');
    for (const x of item.measures) doc.text(`• Tiltak: ${measureLine(x)}`, { indent: 12 });
    if (item.escalatedToName) doc.font('Helvetica-Oblique').text(`Meldt videre til ${item.escalatedToName}.`).font('Helvetica');
  }
  doc.moveDown().font('Helvetica-Oblique').text('Tiltakene følges opp på aksjonslisten og kommer tilbake på sakslisten til de er utført.');
  doc.end();
  return done;
}
