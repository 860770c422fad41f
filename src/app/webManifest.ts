/**
 * The web app manifest, in both languages (vite.config.ts writes manifest.webmanifest and
 * manifest.zh-CN.webmanifest; the page links the one of its language, see offline.ts). Installed,
 * the app opens standalone and opens model and tensor files double-clicked on the desktop
 * (Chromium's File Handling: the files arrive through `launchQueue`).
 */
import type { ManifestOptions } from 'vite-plugin-pwa';

/** The file types the installed app opens (section 9 reads each). */
export const OPENED_FILES = ['.tflite', '.onnx', '.gguf', '.npy', '.safetensors'] as const;

const ICONS: ManifestOptions['icons'] = [
  { src: 'icons/icon-192.png', sizes: '192x192', type: 'image/png', purpose: 'any' },
  { src: 'icons/icon-512.png', sizes: '512x512', type: 'image/png', purpose: 'any' },
  { src: 'icons/icon-maskable-512.png', sizes: '512x512', type: 'image/png', purpose: 'maskable' },
];

/** What differs between the languages. */
const WORDS = {
  en: {
    name: 'Quantization Explorer',
    short_name: 'Quantization',
    description:
      'See, bit-exactly, how float matrices become small integers and how an integer-only matrix multiply lands on the right answer (Jacob et al. 2018, gemmlowp, TFLite, PyTorch, ONNX Runtime).',
  },
  'zh-CN': {
    name: '量化探索器',
    short_name: '量化探索器',
    description:
      '逐位精确地看浮点矩阵如何变成小整数，以及只用整数的矩阵乘法如何得到正确的结果（Jacob 等 2018，gemmlowp、TFLite、PyTorch、ONNX Runtime）。',
  },
} as const;

export type ManifestLocale = keyof typeof WORDS;

/** The manifest in `locale`. */
export function webManifest(locale: ManifestLocale): Partial<ManifestOptions> {
  return {
    ...WORDS[locale],
    id: './',
    lang: locale,
    dir: 'ltr',
    start_url: './',
    scope: './',
    display: 'standalone',
    theme_color: '#1f4e79',
    background_color: '#f5f5f2',
    categories: ['education', 'developer'],
    icons: ICONS,
    file_handlers: [{ action: './', accept: { 'application/octet-stream': [...OPENED_FILES] } }],
    launch_handler: { client_mode: ['focus-existing', 'auto'] },
  };
}
