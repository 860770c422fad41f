/**
 * A walk over the protobuf wire format before decoding, guided by the schema: each field is
 * tag = (number << 3) | wireType, then a varint, 8 or 4 bytes, or a varint length and that many bytes.
 * It refuses a length past its message's end (outOfBounds, at the field's path), a bad varint or
 * wire type (malformed), and sub-messages nested deeper than MAX_DEPTH (tooDeep) — so that the
 * decoder after it never recurses without bound.
 */
import type { DescField, DescMessage } from '@bufbuild/protobuf';
import { refuseModel, type FilePath } from '../problems.ts';

/** The deepest nesting of messages the reader follows. */
export const MAX_DEPTH = 64;

const fieldsByNumber = new WeakMap<DescMessage, Map<number, DescField>>();

function fieldOf(desc: DescMessage, number: number): DescField | undefined {
  let map = fieldsByNumber.get(desc);
  if (!map) {
    map = new Map(desc.fields.map((f) => [f.number, f]));
    fieldsByNumber.set(desc, map);
  }
  return map.get(number);
}

/** The message type of a message or list-of-messages field. */
function messageOf(field: DescField | undefined): DescMessage | undefined {
  if (!field) return undefined;
  if (field.fieldKind === 'message') return field.message;
  if (field.fieldKind === 'list' && field.listKind === 'message') return field.message;
  return undefined;
}

class Walker {
  pos = 0;
  constructor(readonly bytes: Uint8Array) {}

  /** A varint as a number (exact below 2^53), refusing one longer than 10 bytes or past `end`. */
  varint(end: number, at: FilePath): number {
    let value = 0;
    let scale = 1;
    for (let i = 0; i < 10; i++) {
      if (this.pos >= end)
        refuseModel({ kind: 'outOfBounds', format: 'onnx', at, offset: this.pos, size: this.bytes.length });
      const b = this.bytes[this.pos++] ?? 0;
      value += (b & 0x7f) * scale;
      if (b < 0x80) return value;
      scale *= 128;
    }
    return refuseModel({ kind: 'malformed', format: 'onnx', at, detail: 'varint' });
  }

  skip(n: number, end: number, at: FilePath): void {
    if (n > end - this.pos)
      refuseModel({ kind: 'outOfBounds', format: 'onnx', at, offset: this.pos + n, size: this.bytes.length });
    this.pos += n;
  }

  /** Walks the message `desc` in [pos, end), `depth` messages deep, at path `path`. */
  message(desc: DescMessage, end: number, depth: number, path: FilePath): void {
    if (depth > MAX_DEPTH) refuseModel({ kind: 'tooDeep', format: 'onnx', depth, max: MAX_DEPTH });
    const counts = new Map<number, number>();
    while (this.pos < end) {
      const tag = this.varint(end, path || '.');
      const number = Math.floor(tag / 8);
      const wireType = tag % 8;
      const field = fieldOf(desc, number);
      const name = field?.name ?? String(number);
      const k = counts.get(number) ?? 0;
      counts.set(number, k + 1);
      const at = (path ? `${path}.` : '') + (field?.fieldKind === 'list' ? `${name}[${k}]` : name);
      if (number === 0) refuseModel({ kind: 'malformed', format: 'onnx', at, detail: 'fieldNumber' });
      switch (wireType) {
        case 0:
          this.varint(end, at);
          break;
        case 1:
          this.skip(8, end, at);
          break;
        case 5:
          this.skip(4, end, at);
          break;
        case 2: {
          const length = this.varint(end, at);
          const start = this.pos;
          this.skip(length, end, at);
          const sub = messageOf(field);
          if (sub) {
            this.pos = start;
            this.message(sub, start + length, depth + 1, at);
            this.pos = start + length;
          }
          break;
        }
        default:
          refuseModel({ kind: 'malformed', format: 'onnx', at, detail: `wireType${wireType}` });
      }
    }
  }
}

/** Checks `bytes` as a `desc` message's wire format (lengths, varints, nesting depth). */
export function walkWire(bytes: Uint8Array, desc: DescMessage): void {
  new Walker(bytes).message(desc, bytes.length, 0, '');
}
