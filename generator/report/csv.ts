/**
 * A streaming CSV reader for the report's offline input (the portal's export, the export job's CSV): RFC 4180
 * records (quoted fields with `""`, commas and line breaks inside quotes, CRLF or LF), a UTF-8 BOM dropped,
 * one record at a time so a 100,000-device export is never held whole.
 */

import { StringDecoder } from 'node:string_decoder';

/** Records of `chunks` (text in any pieces), each an array of fields; a last line without a break counts. */
export async function* csvRecords(chunks: AsyncIterable<string | Buffer>): AsyncGenerator<string[]> {
  let field = '';
  let record: string[] = [];
  let quoted = false;
  /** After a closing quote inside a quoted field: a second quote is a literal one. */
  let quoteSeen = false;
  let first = true;
  let any = false;
  // A UTF-8 character split between two buffers is decoded whole.
  const decoder = new StringDecoder('utf8');
  for await (const piece of chunks) {
    let text = typeof piece === 'string' ? piece : decoder.write(piece);
    if (first) {
      first = false;
      if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
    }
    let start = 0;
    for (let i = 0; i < text.length; i += 1) {
      const c = text.charCodeAt(i);
      if (quoted) {
        if (quoteSeen) {
          quoteSeen = false;
          if (c === 0x22) {
            field += '"';
            start = i + 1;
            continue;
          }
          quoted = false; // the quote closed the field; this character is read as unquoted below
        } else if (c === 0x22) {
          field += text.slice(start, i);
          quoteSeen = true;
          start = i + 1;
          continue;
        } else {
          continue;
        }
      }
      if (c === 0x22 && field === '' && start === i) {
        quoted = true;
        any = true;
        start = i + 1;
      } else if (c === 0x2c) {
        record.push(field + text.slice(start, i));
        field = '';
        any = true;
        start = i + 1;
      } else if (c === 0x0a || c === 0x0d) {
        field += text.slice(start, i);
        if (any || field !== '' || record.length > 0) {
          record.push(field);
          yield record;
        }
        record = [];
        field = '';
        any = false;
        if (c === 0x0d && text.charCodeAt(i + 1) === 0x0a) i += 1;
        start = i + 1;
      }
    }
    field += text.slice(start);
  }
  if (any || field !== '' || record.length > 0) {
    record.push(field);
    yield record;
  }
}
