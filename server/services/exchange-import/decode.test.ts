import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { ApiError } from '../../errors.ts';
import { decodeCsv } from './decode.ts';

const utf8 = (s: string) => new TextEncoder().encode(s);
const sjis = (s: string) => new Uint8Array(iconv.encode(s, 'cp932'));
const join = (...parts: Uint8Array[]) => new Uint8Array(Buffer.concat(parts));
const refusal = (bytes: Uint8Array) => {
  try {
    decodeCsv(bytes);
  } catch (err) {
    return err as ApiError;
  }
  throw new Error('decoded');
};

describe('decodeCsv', () => {
  it('reads UTF-8 (BOM dropped) and Shift_JIS as Excel saves it', () => {
    expect(decodeCsv(utf8('\ufeffa,b\n世田谷区,倶知安町\n'))).toEqual({ text: 'a,b\n世田谷区,倶知安町\n', encoding: 'utf-8' });
    expect(decodeCsv(sjis('a,b\r\n指宿市,倶知安町\r\n'))).toEqual({ text: 'a,b\r\n指宿市,倶知安町\r\n', encoding: 'shift_jis' });
  });

  it('refuses a UTF-8 file with one Shift_JIS row, naming that line', () => {
    const err = refusal(join(utf8('a_name,b_name,kind\n東京都世田谷区,北海道倶知安町,friendship\n'), sjis('狛江市,長岡市,sister\n'), utf8('千代田区,松本市,sister\n')));
    expect(err).toBeInstanceOf(ApiError);
    expect(err.status).toBe(400);
    expect(err.code).toBe('invalid_encoding');
    expect(err.message).toMatch(/^line 3 of the CSV is not UTF-8 \(Shift_JIS\?\) while the rest of the file is UTF-8 \(e\.g\. line 2\); nothing was imported/);
  });

  it('names several such lines', () => {
    const rows = [utf8('a,b\n'), utf8('世田谷区,倶知安町\n'), sjis('狛江市,長岡市\n'), sjis('指宿市,倶知安町\n')];
    expect(refusal(join(...rows)).message).toMatch(/^lines 3 and 4 of the CSV are not UTF-8/);
  });

  it('never turns bytes it cannot read into U+FFFD: they are refused with their line', () => {
    expect(refusal(join(sjis('a,b\r\n指宿市,倶知安町\r\n'), new Uint8Array([0x82, 0xa0, 0xff, 0x2c, 0x41, 0x0d, 0x0a]))).message).toMatch(
      /^line 3 of the CSV holds bytes that are neither UTF-8 nor Shift_JIS/,
    );
    expect(refusal(utf8('a,b\nx,\ufffd\n')).message).toMatch(/^line 2 of the CSV holds the replacement character/);
  });
});
