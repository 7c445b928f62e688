/** Node's system error codes in plain words, for messages a user reads (never `ENOENT`). */
const WORDS: Readonly<Record<string, string>> = {
  EACCES: 'permission denied',
  EPERM: 'operation not permitted',
  ENOENT: 'no such file or folder',
  ENOTDIR: 'part of the path is not a folder',
  EISDIR: 'it is a folder, not a file',
  EEXIST: 'it already exists',
  ENOTEMPTY: 'the folder is not empty',
  ENOSPC: 'no space left on the device',
  EDQUOT: 'disk quota exceeded',
  EROFS: 'the file system is read-only',
  EBUSY: 'it is in use',
  EMFILE: 'too many open files',
  ENAMETOOLONG: 'the name is too long',
  ELOOP: 'too many levels of symbolic links',
  EXDEV: 'it is on another file system',
  EIO: 'input/output error',
  ECONNREFUSED: 'connection refused',
  ECONNRESET: 'the connection was reset',
  ETIMEDOUT: 'timed out',
  ENOTFOUND: 'no such host',
  EAI_AGAIN: 'the host name could not be looked up (try again)',
  EHOSTUNREACH: 'the host is unreachable',
  ENETUNREACH: 'the network is unreachable',
};

/** Why a file operation failed, in words: `permission denied`; the error's own message for anything else. */
export function systemErrorWords(error: unknown): string {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  if (code !== undefined && WORDS[code]) return WORDS[code];
  const message = error instanceof Error ? error.message : String(error);
  // `EXYZ: some text, open '/path'` -> `some text`
  return message.replace(/^E[A-Z]+: /, '').replace(/, \w+ '.*'$/, '');
}
