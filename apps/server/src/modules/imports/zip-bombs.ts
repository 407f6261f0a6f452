/**
 * Test code: small XLSX files that inflate to hundreds of megabytes (zip bombs), written with
 * node's deflate and a minimal zip writer, so the tests need no file on disk.
 */
import { crc32, createDeflateRaw } from 'node:zlib';

type Part = { name: string; chunks: () => Iterable<Buffer | string> };

/** One part deflated: its compressed bytes, CRC and inflated size, without holding the inflated text. */
async function deflate(part: Part) {
  const deflater = createDeflateRaw({ level: 9, memLevel: 9 });
  const out: Buffer[] = [];
  deflater.on('data', (b: Buffer) => out.push(b));
  const finished = new Promise((resolve, reject) => deflater.on('end', resolve).on('error', reject));
  let crc = 0;
  let size = 0;
  for (const piece of part.chunks()) {
    const b = typeof piece === 'string' ? Buffer.from(piece) : piece;
    crc = crc32(b, crc);
    size += b.length;
    if (!deflater.write(b)) await new Promise((r) => deflater.once('drain', r));
  }
  deflater.end();
  await finished;
  return { name: Buffer.from(part.name), data: Buffer.concat(out), crc, size };
}

/** A zip of the parts in their order (deflated, sizes in the local headers, no zip64). */
export async function zip(parts: Part[]): Promise<Buffer> {
  const local: Buffer[] = [];
  const central: Buffer[] = [];
  let offset = 0;
  for (const part of parts) {
    const { name, data, crc, size } = await deflate(part);
    const header = Buffer.alloc(30);
    header.writeUInt32LE(0x04034b50, 0);
    header.writeUInt16LE(20, 4);
    header.writeUInt16LE(0, 6);
    header.writeUInt16LE(8, 8);
    header.writeUInt32LE(crc >>> 0, 14);
    header.writeUInt32LE(data.length, 18);
    header.writeUInt32LE(size, 22);
    header.writeUInt16LE(name.length, 26);
    local.push(header, name, data);
    const entry = Buffer.alloc(46);
    entry.writeUInt32LE(0x02014b50, 0);
    entry.writeUInt16LE(20, 4);
    entry.writeUInt16LE(20, 6);
    entry.writeUInt16LE(8, 10);
    entry.writeUInt32LE(crc >>> 0, 16);
    entry.writeUInt32LE(data.length, 20);
    entry.writeUInt32LE(size, 24);
    entry.writeUInt16LE(name.length, 28);
    entry.writeUInt32LE(offset, 42);
    central.push(entry, name);
    offset += header.length + name.length + data.length;
  }
  const dir = Buffer.concat(central);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(parts.length, 8);
  end.writeUInt16LE(parts.length, 10);
  end.writeUInt32LE(dir.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...local, dir, end]);
}

const once = (text: string) => () => [text];

/** The text `unit` repeated until `bytes`, in 1 MiB pieces. */
function* repeat(head: string, unit: string, bytes: number, tail: string) {
  yield head;
  const piece = Buffer.from(unit.repeat(Math.max(1, Math.floor((1024 * 1024) / unit.length))));
  for (let done = 0; done < bytes; done += piece.length) yield piece;
  yield tail;
}

const frame = (sheet: Part, strings?: Part) => [
  {
    name: '[Content_Types].xml',
    chunks: once(
      '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="xml" ContentType="application/xml"/></Types>',
    ),
  },
  {
    name: 'xl/workbook.xml',
    chunks: once(
      '<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="S" sheetId="1" r:id="rId1"/></sheets></workbook>',
    ),
  },
  {
    name: 'xl/_rels/workbook.xml.rels',
    chunks: once(
      '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>',
    ),
  },
  ...(strings ? [strings] : []),
  sheet,
];

const sheetStart =
  '<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>';
const sheetEnd = '</sheetData></worksheet>';

/** A workbook whose shared strings inflate to `bytes` (one short string, repeated). */
export const sharedStringsBomb = (bytes: number) =>
  zip(
    frame(
      {
        name: 'xl/worksheets/sheet1.xml',
        chunks: once(`${sheetStart}<row r="1"><c r="A1" t="s"><v>0</v></c></row>${sheetEnd}`),
      },
      {
        name: 'xl/sharedStrings.xml',
        chunks: () =>
          repeat(
            '<?xml version="1.0" encoding="UTF-8"?><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">',
            '<si><t>客户名称ABCDEFGHIJ</t></si>',
            bytes,
            '</sst>',
          ),
      },
    ),
  );

/** A workbook whose one sheet holds `rows` rows (inline text), the sheet before anything else. */
export const rowsWorkbook = (rows: number) =>
  zip(
    frame({
      name: 'xl/worksheets/sheet1.xml',
      chunks: function* () {
        yield `${sheetStart}<row r="1"><c r="A1" t="inlineStr"><is><t>客户名称</t></is></c></row>`;
        let batch: string[] = [];
        for (let r = 2; r <= rows + 1; r++) {
          batch.push(`<row r="${r}"><c r="A${r}" t="inlineStr"><is><t>公司${r % 10}</t></is></c></row>`);
          if (batch.length === 10_000) {
            yield batch.join('');
            batch = [];
          }
        }
        yield batch.join('');
        yield sheetEnd;
      },
    }),
  );

/**
 * A workbook whose sheet inflates to `bytes` of rows (~115 bytes each, all alike, so that 546 MB
 * deflate to under 2 MB), the sheet before anything else.
 */
export const sheetBomb = (bytes: number) =>
  zip(
    frame({
      name: 'xl/worksheets/sheet1.xml',
      chunks: () =>
        repeat(
          `${sheetStart}<row r="1"><c r="A1" t="inlineStr"><is><t>客户名称</t></is></c></row>`,
          '<row r="2" spans="1:2"><c r="A2" t="inlineStr"><is><t>某某客户有限公司</t></is></c><c r="B2"><v>1</v></c></row>',
          bytes,
          sheetEnd,
        ),
    }),
  );
