/**
 * Decoding an uploaded CSV: UTF-8 (with or without BOM) or Shift_JIS (CP932, as Excel saves it), one encoding per
 * file. A file that mixes them, or holds bytes that are neither, is refused naming the lines, so nothing is ever
 * stored as mojibake or with U+FFFD in place of what the user wrote.
 */
import iconv from 'iconv-lite';
import type { ImportReport } from '../../../domain/records/exchanges.ts';
import { ApiError } from '../../errors.ts';

const utf8 = new TextDecoder('utf-8', { fatal: true });
const replacement = '\ufffd';

/** Each physical line's bytes (split at LF, which is never part of a multi-byte character in either encoding). */
function byteLines(bytes: Uint8Array): Uint8Array[] {
  const out: Uint8Array[] = [];
  let start = 0;
  for (let i = 0; i <= bytes.length; i++) {
    if (i === bytes.length || bytes[i] === 0x0a) {
      out.push(bytes.subarray(start, i));
      start = i + 1;
    }
  }
  return out;
}

const isUtf8 = (line: Uint8Array) => {
  try {
    utf8.decode(line);
    return true;
  } catch {
    return false;
  }
};

/** "line 3", "lines 3, 7 and 9", at most five named. */
function lineList(numbers: readonly number[]): string {
  const shown = numbers.slice(0, 5).map(String);
  const more = numbers.length > 5 ? ` and ${numbers.length - 5} more` : '';
  if (shown.length === 1) return `line ${shown[0]}`;
  return more ? `lines ${shown.join(', ')}${more}` : `lines ${shown.slice(0, -1).join(', ')} and ${shown.at(-1)}`;
}

/** Lines (1-based) whose text holds U+FFFD. */
const linesWithReplacement = (text: string) => text.split('\n').flatMap((l, i) => (l.includes(replacement) ? [i + 1] : []));

/**
 * Decodes a CSV upload: UTF-8 when every line is valid UTF-8 (BOM dropped), else Shift_JIS when no line shows UTF-8
 * text; throws a 400 `invalid_encoding` naming the lines for a file that mixes the two or holds bytes neither can read.
 * @example decodeCsv(iconv.encode('a,b\n', 'cp932')).encoding // 'utf-8' (plain ASCII is valid UTF-8)
 */
export function decodeCsv(bytes: Uint8Array): { text: string; encoding: ImportReport['encoding'] } {
  let text: string;
  let encoding: ImportReport['encoding'];
  if (isUtf8(bytes)) {
    text = utf8.decode(bytes).replace(/^\ufeff/, '');
    encoding = 'utf-8';
  } else {
    const lines = byteLines(bytes);
    const notUtf8 = lines.flatMap((l, i) => (isUtf8(l) ? [] : [i + 1]));
    // A line with non-ASCII text that is valid UTF-8 shows the file was meant as UTF-8 (Shift_JIS text almost never is).
    const utf8Text = lines.flatMap((l, i) => (l.some((b) => b >= 0x80) && isUtf8(l) ? [i + 1] : []));
    if (utf8Text.length) {
      throw new ApiError(
        400,
        'invalid_encoding',
        `${lineList(notUtf8)} of the CSV ${notUtf8.length === 1 ? 'is' : 'are'} not UTF-8 (Shift_JIS?) while the rest of the file is UTF-8 (e.g. line ${utf8Text[0]}); nothing was imported. Save the whole file in one encoding (in Excel: "CSV UTF-8") and upload it again`,
      );
    }
    text = iconv.decode(Buffer.from(bytes), 'cp932');
    encoding = 'shift_jis';
  }
  const broken = linesWithReplacement(text);
  if (broken.length) {
    throw new ApiError(
      400,
      'invalid_encoding',
      `${lineList(broken)} of the CSV ${broken.length === 1 ? 'holds' : 'hold'} ${encoding === 'utf-8' ? 'the replacement character � (text damaged by an earlier conversion)' : 'bytes that are neither UTF-8 nor Shift_JIS'}; nothing was imported. Correct ${broken.length === 1 ? 'it' : 'them'} and upload the file again`,
    );
  }
  return { text, encoding };
}
