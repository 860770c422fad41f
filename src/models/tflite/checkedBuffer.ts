/**
 * A flatbuffers ByteBuffer that refuses to read outside the file. The generated accessors trust
 * every offset they follow; in a damaged file an offset can point anywhere, and the plain buffer
 * then reads `undefined` bytes as zeros. Every scalar read goes through readUint8/readUint16/
 * readInt32 (the others are built on them), so checking those three bounds every read.
 */
import { ByteBuffer, type Encoding } from 'flatbuffers';
import { refuseModel } from '../problems.ts';

/** Thrown for a read past the end; the reader turns it into a problem naming the field. */
export class OutOfFile extends Error {
  constructor(readonly offset: number) {
    super(`read at ${offset} outside the file`);
  }
}

/** ByteBuffer whose every read is within the bytes. */
export class CheckedByteBuffer extends ByteBuffer {
  private check(offset: number, size: number): void {
    if (!(offset >= 0 && size >= 0 && offset + size <= this.capacity())) throw new OutOfFile(offset);
  }
  override readUint8(offset: number): number {
    this.check(offset, 1);
    return super.readUint8(offset);
  }
  override readUint16(offset: number): number {
    this.check(offset, 2);
    return super.readUint16(offset);
  }
  override readInt32(offset: number): number {
    this.check(offset, 4);
    return super.readInt32(offset);
  }
  override __vector_len(offset: number): number {
    const length = super.__vector_len(offset);
    const start = super.__vector(offset);
    // A vector's elements are at least one byte each.
    this.check(start, length);
    return length;
  }
  override __string(offset: number, encoding?: Encoding): string | Uint8Array {
    const start = offset + this.readInt32(offset);
    this.check(start + 4, this.readInt32(start));
    return super.__string(offset, encoding);
  }
}

/** The identifier at bytes 4–7 of every TFLite file. */
export const TFLITE_IDENTIFIER = 'TFL3';

/** Whether the bytes carry TFLite's file identifier. */
export function isTflite(bytes: Uint8Array): boolean {
  return (
    bytes.length >= 8 &&
    String.fromCharCode(bytes[4] ?? 0, bytes[5] ?? 0, bytes[6] ?? 0, bytes[7] ?? 0) === TFLITE_IDENTIFIER
  );
}

/** Runs `read`, turning an out-of-file read into an outOfBounds problem at `at`. */
export function within<T>(at: () => string, size: number, read: () => T): T {
  try {
    return read();
  } catch (e) {
    if (e instanceof OutOfFile)
      refuseModel({ kind: 'outOfBounds', format: 'tflite', at: at(), offset: e.offset, size });
    if (e instanceof RangeError) refuseModel({ kind: 'malformed', format: 'tflite', at: at(), detail: e.message });
    throw e;
  }
}
