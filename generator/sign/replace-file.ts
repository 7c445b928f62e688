import { rename, rm, writeFile } from 'node:fs/promises';

/** Writes `bytes` to a temporary file beside `path`, then renames it over `path`: no reader sees half a file. */
export async function replaceFile(path: string, bytes: Uint8Array, mode?: number): Promise<void> {
  const temporary = `${path}.${process.pid}.${Date.now()}.tmp`;
  try {
    await writeFile(temporary, bytes, mode !== undefined ? { mode } : {});
    await rename(temporary, path);
  } catch (error) {
    await rm(temporary, { force: true });
    throw error;
  }
}
