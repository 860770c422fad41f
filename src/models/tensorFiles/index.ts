/** Plain tensor files (.npy, .safetensors): known from their first bytes, every tensor read. */
import { readNpy } from './npy.ts';
import { listSafetensors, readSafetensor } from './safetensors.ts';
import type { FileTensor } from './types.ts';

export { slice2d, TensorFileError, type FileTensor, type TensorFileProblem } from './types.ts';

/** npy's magic string "\x93NUMPY". */
const NPY_MAGIC = [0x93, 0x4e, 0x55, 0x4d, 0x50, 0x59];

/** Whether the bytes are an .npy file (its magic) or a .safetensors file (an 8-byte length, then a JSON object). */
export function isTensorFile(bytes: Uint8Array): boolean {
  if (NPY_MAGIC.every((b, k) => bytes[k] === b)) return true;
  return bytes.length > 9 && bytes[8] === 0x7b && bytes[5] === 0 && bytes[6] === 0 && bytes[7] === 0;
}

/** Every tensor of a tensor file (an .npy holds one, named after the file). */
export function readTensorFile(bytes: Uint8Array, name: string): FileTensor[] {
  if (NPY_MAGIC.every((b, k) => bytes[k] === b)) return [readNpy(bytes, name)];
  return listSafetensors(bytes)
    .filter((e) => ['F32', 'F16', 'BF16', 'I8', 'U8', 'I32'].includes(e.dtype))
    .map((e) => readSafetensor(bytes, e.name));
}
