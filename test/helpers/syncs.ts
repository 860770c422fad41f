/** The link syncs started by tests; test/setup.ts stops them after each test, before clearing the page. */
export const stopSyncs: (() => void)[] = [];
