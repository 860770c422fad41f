export function watModuleSource(path: string): Promise<string>;
