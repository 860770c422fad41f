/** A model or tensor file given to the page (dropped on it, or opened with the installed app) opens in section 9. */
export async function openModelFile(file: File): Promise<void> {
  // The model's store and reader load with the first file (read in a worker; nothing is uploaded).
  const { openFile } = await import('../state/modelStore.ts');
  document.getElementById('model-title')?.scrollIntoView();
  await openFile(file);
}
