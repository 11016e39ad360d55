/**
 * PDF building blocks: a document with the Noto Sans SC font embedded (as a
 * subset with a ToUnicode map, so the Chinese text stays extractable) and a
 * bordered table that wraps text and breaks across pages.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import PDFDocument from 'pdfkit';

const require = createRequire(import.meta.url);
let fontCache: Buffer | null = null;

/** The regular-weight Noto Sans SC TTF that ships in node_modules (@expo-google-fonts/noto-sans-sc). */
export function cjkFont(): Buffer {
  if (!fontCache) {
    const pkg = dirname(require.resolve('@expo-google-fonts/noto-sans-sc/package.json'));
    fontCache = readFileSync(join(pkg, '400Regular', 'NotoSansSC_400Regular.ttf'));
  }
  return fontCache;
}

export type Pdf = PDFKit.PDFDocument;

/** A new A4 document with the CJK font selected; a given creationDate makes the bytes reproducible (pdfkit derives the file ID from the info). */
export function newPdf(title: string, creationDate?: Date): Pdf {
  const doc = new PDFDocument({ size: 'A4', margin: 40, info: { Title: title, Producer: 'complaint-desk', ...(creationDate ? { CreationDate: creationDate } : {}) } });
  doc.registerFont('cjk', cjkFont());
  doc.font('cjk');
  return doc;
}

/** Render to a Buffer. */
export function pdfBuffer(build: (doc: Pdf) => void, title: string, creationDate?: Date): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const doc = newPdf(title, creationDate);
    const chunks: Buffer[] = [];
    doc.on('data', (c: Buffer) => chunks.push(c));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
    try {
      build(doc);
      doc.end();
    } catch (e) {
      reject(e);
    }
  });
}

export function heading(doc: Pdf, text: string, sub?: string): void {
  doc.fontSize(16).text(text, { align: 'center' });
  if (sub) doc.moveDown(0.3).fontSize(9).text(sub, { align: 'center' });
  doc.moveDown(0.6);
}

export interface Cell {
  text: string;
  /** Number of grid columns the cell spans (default 1). */
  span?: number;
  /** Label cells are shaded. */
  label?: boolean;
}

const PAD = 4;

/**
 * One table row on a grid of columns (widths in points, summing to the page
 * width); the row grows to its tallest cell and moves to a new page first when
 * it does not fit.
 */
export function tableRow(doc: Pdf, widths: number[], cells: Cell[], fontSize = 9): void {
  doc.fontSize(fontSize);
  const left = doc.page.margins.left;
  const placed: { x: number; w: number; cell: Cell }[] = [];
  let col = 0;
  let x = left;
  for (const cell of cells) {
    const span = cell.span ?? 1;
    const w = widths.slice(col, col + span).reduce((a, b) => a + b, 0);
    placed.push({ x, w, cell });
    x += w;
    col += span;
  }
  const height = Math.max(fontSize + 2 * PAD + 2, ...placed.map((p) => doc.heightOfString(p.cell.text || ' ', { width: p.w - 2 * PAD }) + 2 * PAD));
  const bottom = doc.page.height - doc.page.margins.bottom;
  if (doc.y + height > bottom) doc.addPage();
  const y = doc.y;
  for (const p of placed) {
    if (p.cell.label) doc.save().rect(p.x, y, p.w, height).fill('#f0f0f0').restore();
    doc.rect(p.x, y, p.w, height).lineWidth(0.6).stroke('#000000');
    doc.fillColor('#000000').text(p.cell.text || ' ', p.x + PAD, y + PAD, { width: p.w - 2 * PAD });
  }
  doc.x = left;
  doc.y = y + height;
}

/** Content width of the page. */
export function pageWidth(doc: Pdf): number {
  return doc.page.width - doc.page.margins.left - doc.page.margins.right;
}
