// Node module hook (see ./watHooks.mjs): a .wat file loads as its compiled bytes.
import { fileURLToPath } from 'node:url';
import { watModuleSource } from './wat.mjs';

export async function load(url, context, next) {
  if (!url.endsWith('.wat')) return next(url, context);
  return { format: 'module', source: await watModuleSource(fileURLToPath(url)), shortCircuit: true };
}
