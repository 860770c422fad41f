/**
 * The integer pipeline's code (the quantized product and the walkthrough's traces), loaded on
 * demand: the first paint shows the inputs and the parameters, which do without it. The panels
 * that show the product load it with their own code.
 */
import { lazyCode } from './lazyCode.ts';

const code = lazyCode(() => import('./derived/pipeline.ts'));

export const { get: pipelineCode, load: loadPipelineCode, subscribe: onPipelineCode } = code;

/** A module loaded on demand together with the pipeline's code (for a panel that shows the product). */
export async function withPipeline<T>(load: () => Promise<T>): Promise<T> {
  const [module] = await Promise.all([load(), loadPipelineCode()]);
  return module;
}
