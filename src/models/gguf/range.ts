/** Reading a file by range (a Blob slice): what GGUF files need, on the page and in the worker. */

/** Bytes [offset, offset + length) of a file (a Blob slice: nothing else is read). */
export async function readRange(file: Blob, offset: number, length: number): Promise<Uint8Array> {
  const part = file.slice(offset, offset + length);
  if (typeof part.arrayBuffer === 'function') return new Uint8Array(await part.arrayBuffer());
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(new Uint8Array(reader.result as ArrayBuffer));
    reader.onerror = () => reject(reader.error ?? new Error('read'));
    reader.readAsArrayBuffer(part);
  });
}

/** Whether a file begins with GGUF's magic. */
export async function isGguf(file: Blob): Promise<boolean> {
  const head = await readRange(file, 0, 4);
  return head[0] === 0x47 && head[1] === 0x47 && head[2] === 0x55 && head[3] === 0x46;
}
