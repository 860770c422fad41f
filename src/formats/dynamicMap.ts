/**
 * bitsandbytes' 8-bit dynamic code (functional.py create_dynamic_map(signed=True), the code of
 * quantize_blockwise and so of NF4's double quantization): 256 float32 values, sorted, as torch
 * computes them: copied from test/fixtures/lowbit/lowbit_reference.json, where make-lowbit-fixtures.sh
 * ran bitsandbytes' own function (@95f9af3) with torch 1.13; a test holds the two equal. The values are
 * kept rather than recomputed: torch.linspace's float32 steps are not reproduced here.
 */
const HEX =
  'bf7e3333bf7a9999bf770000bf736666bf6fccccbf6c3333bf68999abf650000bf616666bf5dccccbf5a3333bf569999' +
  'bf530000bf4f6666bf4bccccbf483333bf44999abf410000bf3d6667bf39cccdbf363334bf32999abf2f0000bf2b6667' +
  'bf27cccdbf243333bf20999abf1d0000bf196666bf15cccdbf123334bf0e999abf0b0000bf076666bf03cccdbf003333' +
  'bef93334bef20000beeaccccbee3999abedc6666bed53332bece0000bec6ccccbebf999abeb86666beb13332beaa0000' +
  'bea2ccccbe9b999abe946666be8d3334be860000be7d999abe6f3334be60cccdbe526666be440000be359999be273333' +
  'be18cccdbe0a6666bdf80000bddb3334bdc9eb85bdc428f5bdbe6667bdb8a3d7bdb2e148bdad1eb8bda75c28bda1999a' +
  'bd9bd70abd96147bbd9051ebbd8a8f5dbd84cccdbd7e147abd728f5dbd670a3dbd5b851fbd500000bd447ae1bd38f5c3' +
  'bd2d70a3bd21eb85bd166667bd0ae147bcfeb852bce7ae13bcd0a3d7bcb9999abca28f5cbc8b851fbc68f5c3bc3ae148' +
  'bc1f3b64bc160418bc0ccccdbc039581bbf4bc6abbe24dd3bbcfdf3bbbbd70a4bbab020dbb989374bb8624ddbb676c8a' +
  'bb428f5cbb1db22dbaf1a9fcbaa7ef9dba7765ffba59e83eba3c6a80ba1eecc1ba016f01b9c7e283b98ce705b923d70b' +
  'b8ba1f4bb88aefb3b8378034b7b24206b70205ffb65a1a94b513a3b7000000003513a3b7365a1a94370205ff37b24206' +
  '38378034388aefb338ba1f4b3923d70b398ce70539c7e2833a016f013a1eecc13a3c6a803a59e83e3a7765ff3aa7ef9d' +
  '3af1a9fc3b1db22d3b428f5c3b676c8a3b8624dd3b9893743bab020d3bbd70a43bcfdf3b3be24dd33bf4bc6a3c039581' +
  '3c0ccccd3c1604183c1f3b643c3ae1483c68f5c33c8b851f3ca28f5c3cb9999a3cd0a3d73ce7ae133cfeb8523d0ae147' +
  '3d1666673d21eb853d2d70a33d38f5c33d447ae13d5000003d5b851f3d670a3d3d728f5d3d7e147a3d84cccd3d8a8f5d' +
  '3d9051eb3d96147b3d9bd70a3da1999a3da75c283dad1eb83db2e1483db8a3d73dbe66673dc428f53dc9eb853ddb3334' +
  '3df800003e0a66663e18cccd3e2733333e3599993e4400003e5266663e60cccd3e6f33343e7d999a3e8600003e8d3334' +
  '3e9466663e9b999a3ea2cccc3eaa00003eb133323eb866663ebf999a3ec6cccc3ece00003ed533323edc66663ee3999a' +
  '3eeacccc3ef200003ef933343f0033333f03cccd3f0766663f0b00003f0e999a3f1233343f15cccd3f1966663f1d0000' +
  '3f20999a3f2433333f27cccd3f2b66673f2f00003f32999a3f3633343f39cccd3f3d66673f4100003f44999a3f483333' +
  '3f4bcccc3f4f66663f5300003f5699993f5a33333f5dcccc3f6166663f6500003f68999a3f6c33333f6fcccc3f736666' +
  '3f7700003f7a99993f7e33333f800000';

/** The code's values, index 0…255. */
export const DYNAMIC_MAP: Float32Array = (() => {
  const bits = new Uint32Array(256);
  for (let i = 0; i < 256; i++) bits[i] = parseInt(HEX.slice(8 * i, 8 * i + 8), 16);
  return new Float32Array(bits.buffer);
})();
