// A body's text as lines for `api.body` `lines`, indexed from its bytes so a 200 MB body is never
// one JavaScript string. A line longer than BODY_LINE_CHARS comes in several segments: the window
// shows a minified 100 MB JSON as 25,000 rows, not one it cannot lay out.
import { BODY_LINE_CHARS } from '../../../src-shared/body';
import { GrowableOffsets } from './offsets';

const NEWLINE = 0x0a;

/** Where each segment starts (byte offsets); a segment holds at most BODY_LINE_CHARS UTF-16 units. */
export function segmentStarts(bytes: Buffer): GrowableOffsets {
  const starts = new GrowableOffsets();
  starts.push(0);
  let at = 0;
  while (at <= bytes.length) {
    const found = bytes.indexOf(NEWLINE, at);
    const end = found === -1 ? bytes.length : found;
    // A line of at most BODY_LINE_CHARS bytes has at most that many characters: no byte loop.
    if (end - at > BODY_LINE_CHARS) splitLong(bytes, at, end, starts);
    if (found === -1) break;
    at = found + 1;
    starts.push(at);
  }
  return starts;
}

/** Cuts one long line by characters, never inside a UTF-8 sequence or a surrogate pair. */
function splitLong(bytes: Buffer, start: number, end: number, starts: GrowableOffsets): void {
  let units = 0;
  for (let i = start; i < end; i++) {
    const c = bytes[i] as number;
    if ((c & 0xc0) === 0x80) continue;
    const width = c >= 0xf0 ? 2 : 1;
    if (units + width > BODY_LINE_CHARS) {
      starts.push(i);
      units = 0;
    }
    units += width;
  }
}

/** Segments `start` to `start + count` as text, without their line breaks. */
export function readSegments(bytes: Buffer, starts: GrowableOffsets, start: number, count: number): string[] {
  const lines: string[] = [];
  for (let n = start; n < Math.min(starts.length, start + count); n++) {
    const from = starts.at(n);
    let to = n + 1 < starts.length ? starts.at(n + 1) : bytes.length;
    if (to > from && bytes[to - 1] === NEWLINE) to -= 1;
    if (to > from && bytes[to - 1] === 0x0d) to -= 1;
    lines.push(bytes.toString('utf8', from, to));
  }
  return lines;
}
