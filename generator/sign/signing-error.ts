/** Every refusal of the sign stage: a stable code for callers and tests, a message that names the file. */
export type SigningErrorCode =
  | 'UnsupportedFileType'
  | 'AmbiguousEncoding'
  | 'InvalidText'
  | 'MalformedSignatureBlock'
  | 'BadPassword'
  | 'BadKeyFile'
  | 'KeyMismatch'
  | 'UnsuitableCertificate'
  | 'ExpiredCertificate'
  | 'TimestampFailed'
  /** Conflicting or missing options (exit code 3 in the CLI). */
  | 'Usage';

export class SigningError extends Error {
  constructor(
    readonly code: SigningErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'SigningError';
  }
}
