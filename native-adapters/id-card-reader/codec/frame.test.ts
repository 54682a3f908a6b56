import { describe, expect, it } from 'vitest';
import { encodeCommand, commandNameOf, Command, type CommandName } from './commands';
import { checkFrame, decodeResponse, decodeRequest, encodeResponse, fromHex, toHex, xorChecksum } from './frame';
import { FrameParser } from './frame-parser';
import { describeStatus, knownStatusCodes } from './status';
import { decodeSamId, encodeSamId } from './sam-id';

/** Worked frames from shared/protocols/idcard-reader.md §3 (request strings and typical replies). */
const requests: Record<CommandName, string> = {
  resetSam: 'AA AA AA 96 69 00 03 10 FF EC',
  samStatus: 'AA AA AA 96 69 00 03 11 FF ED',
  readSamId: 'AA AA AA 96 69 00 03 12 FF EE',
  findCard: 'AA AA AA 96 69 00 03 20 01 22',
  selectCard: 'AA AA AA 96 69 00 03 20 02 21',
  readBaseInfo: 'AA AA AA 96 69 00 03 30 01 32',
  readAdditionalAddress: 'AA AA AA 96 69 00 03 30 03 30',
};

describe('request frames', () => {
  for (const [name, hex] of Object.entries(requests) as Array<[CommandName, string]>) {
    it(`${name} encodes to the spec's bytes and decodes back`, () => {
      expect(toHex(encodeCommand(name))).toBe(hex);
      const decoded = decodeRequest(fromHex(hex));
      expect(decoded).not.toBeNull();
      expect(commandNameOf(decoded?.cmd ?? -1, decoded?.para ?? -1)).toBe(name);
      expect(Command[name]).toEqual({ cmd: decoded?.cmd, para: decoded?.para });
    });
  }

  it('computes the worked checksum 00^03^20^01 = 22', () => {
    expect(xorChecksum(Uint8Array.of(0x00, 0x03, 0x20, 0x01))).toBe(0x22);
  });
});

describe('response frames', () => {
  const replies: Array<[string, string, number, number]> = [
    ['status OK', 'AA AA AA 96 69 00 04 00 00 90 94', 0x90, 0],
    ['find OK', 'AA AA AA 96 69 00 08 00 00 9F 00 00 00 00 97', 0x9f, 4],
    ['select OK', 'AA AA AA 96 69 00 0C 00 00 90 00 00 00 00 00 00 00 00 9C', 0x90, 8],
    ['find failed', 'AA AA AA 96 69 00 04 00 00 80 84', 0x80, 0],
    ['select failed', 'AA AA AA 96 69 00 04 00 00 81 85', 0x81, 0],
    ['read failed', 'AA AA AA 96 69 00 04 00 00 41 45', 0x41, 0],
    ['no such content', 'AA AA AA 96 69 00 04 00 00 91 95', 0x91, 0],
  ];
  for (const [label, hex, sw3, dataLength] of replies) {
    it(`${label}: decodes SW3 0x${sw3.toString(16)} and re-encodes byte for byte`, () => {
      const response = decodeResponse(fromHex(hex));
      expect(response?.sw3).toBe(sw3);
      expect(response?.data.length).toBe(dataLength);
      expect(toHex(encodeResponse(sw3, new Uint8Array(dataLength)))).toBe(hex);
    });
  }

  it('decodes the synthetic SAM ID reply (§3.1); the spec string carries one stray trailing byte', () => {
    // The spec prints 28 bytes for a 27-byte frame (LEN 0x14 → 7 + 20): the checksum is 0E and a
    // stray "27" follows it. The streaming parser takes the frame and discards the extra byte.
    const hex = 'AA AA AA 96 69 00 14 00 00 90 05 00 01 00 A4 B7 32 01 4E 61 BC 00 B1 68 DE 3A 0E 27';
    const events = new FrameParser().push(fromHex(hex));
    const body = events.find((e) => e.kind === 'frame');
    expect(events.find((e) => e.kind === 'discarded')).toEqual({ kind: 'discarded', count: 1 });
    const response = decodeResponse(fromHex(hex).slice(0, 27));
    expect(response?.sw3).toBe(0x90);
    expect(body?.kind === 'frame' ? toHex(body.body.slice(3)) : '').toBe(toHex(response?.data ?? new Uint8Array()));
    const sam = decodeSamId(response?.data ?? new Uint8Array());
    expect(sam?.parts).toEqual([5, 1, 20101028, 12345678, 987654321]);
    expect(sam?.display).toBe('05.01-20101028-0012345678-0987654321');
    expect(toHex(encodeResponse(0x90, encodeSamId([5, 1, 20101028, 12345678, 987654321])))).toBe(hex.slice(0, -3));
  });

  it('rejects bad preamble, impossible LEN, wrong size and bad checksum', () => {
    expect(checkFrame(fromHex('AA AA AA 96 68 00 04 00 00 90 94'), 4)).toEqual({ ok: false, reason: 'bad-preamble' });
    expect(checkFrame(fromHex('AA AA AA 96 69 00 02 00 02'), 4)).toEqual({ ok: false, reason: 'bad-length' });
    expect(checkFrame(fromHex('AA AA AA 96 69 0A 01 00'), 4)).toEqual({ ok: false, reason: 'bad-length' });
    expect(checkFrame(fromHex('AA AA AA 96 69 00 04 00 00 90'), 4)).toEqual({ ok: false, reason: 'length-mismatch' });
    expect(checkFrame(fromHex('AA AA AA 96 69 00 04 00 00 90 95'), 4)).toEqual({ ok: false, reason: 'bad-checksum' });
  });
});

describe('SW3 status table', () => {
  it('maps every code of §4 to an action', () => {
    expect(knownStatusCodes).toHaveLength(18);
    expect(describeStatus(0x80)).toMatchObject({ action: 'no-card', zh: '寻找证/卡失败' });
    expect(describeStatus(0x41).action).toBe('replace-card');
    expect(describeStatus(0x91).action).toBe('empty');
    expect(describeStatus(0x60).action).toBe('sam-fault');
    expect(describeStatus(0x66).action).toBe('sam-fault');
    expect(describeStatus(0x40).action).toBe('not-id-card');
    expect(describeStatus(0x33).action).toBe('card-rejected');
    expect(describeStatus(0x10).action).toBe('host-error');
  });

  it('describes an unknown code with its hex value and a cautious action', () => {
    expect(describeStatus(0x5a)).toMatchObject({ action: 'retry', en: 'unknown status 0x5a' });
  });
});
