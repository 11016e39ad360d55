/**
 * Which files may be attached, decided by extension AND by the file's first
 * bytes: the content type stored and served is ours, never the uploader's
 * claim, so a script renamed to .pdf is refused.
 */

export interface FileKind {
  ext: string;
  contentType: string;
  /** True when the leading bytes look like this kind of file. */
  sniff(head: Buffer): boolean;
}

const starts = (head: Buffer, bytes: number[], at = 0) => bytes.every((b, i) => head[at + i] === b);
const ascii = (head: Buffer, text: string, at = 0) => head.subarray(at, at + text.length).toString('latin1') === text;

const pdf: FileKind = { ext: 'pdf', contentType: 'application/pdf', sniff: (h) => ascii(h, '%PDF-') };
const jpg: FileKind = { ext: 'jpg', contentType: 'image/jpeg', sniff: (h) => starts(h, [0xff, 0xd8, 0xff]) };
const png: FileKind = { ext: 'png', contentType: 'image/png', sniff: (h) => starts(h, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]) };
// MP3: an ID3 tag or an MPEG audio frame sync.
const mp3: FileKind = { ext: 'mp3', contentType: 'audio/mpeg', sniff: (h) => ascii(h, 'ID3') || (h[0] === 0xff && (h[1] & 0xe0) === 0xe0) };
const m4a: FileKind = { ext: 'm4a', contentType: 'audio/mp4', sniff: (h) => ascii(h, 'ftyp', 4) };
const wav: FileKind = { ext: 'wav', contentType: 'audio/wav', sniff: (h) => ascii(h, 'RIFF') && ascii(h, 'WAVE', 8) };
// DOCX and XLSX are ZIP containers.
const zip = (h: Buffer) => starts(h, [0x50, 0x4b, 0x03, 0x04]);
const docx: FileKind = { ext: 'docx', contentType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document', sniff: zip };
const xlsx: FileKind = { ext: 'xlsx', contentType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', sniff: zip };
const tif: FileKind = { ext: 'tif', contentType: 'image/tiff', sniff: (h) => starts(h, [0x49, 0x49, 0x2a, 0x00]) || starts(h, [0x4d, 0x4d, 0x00, 0x2a]) };

/** What customers may upload on the portal: documents, photos and recordings. */
export const CUSTOMER_KINDS: readonly FileKind[] = [pdf, jpg, png, mp3, m4a, wav, docx];
/** Staff also attach scanned letters (TIFF) and spreadsheets. */
export const STAFF_KINDS: readonly FileKind[] = [...CUSTOMER_KINDS, xlsx, tif];

const ALIASES: Record<string, string> = { jpeg: 'jpg', tiff: 'tif' };

/** The lower-case extension of a file name, with aliases folded (jpeg → jpg). */
export function extensionOf(filename: string): string {
  const m = /\.([A-Za-z0-9]+)$/.exec(filename);
  const ext = m ? m[1].toLowerCase() : '';
  return ALIASES[ext] ?? ext;
}

/** The allowed kind for a file name, or undefined. */
export function kindFor(filename: string, allowed: readonly FileKind[]): FileKind | undefined {
  const ext = extensionOf(filename);
  return allowed.find((k) => k.ext === ext);
}

/** For error messages: "pdf、jpg、png…". */
export function describeKinds(allowed: readonly FileKind[]): string {
  return allowed.map((k) => k.ext).join('、');
}
