/** Environment variable read for the key password when neither --password-env nor --password-file is given. */
export const DEFAULT_PASSWORD_ENV = 'REMGEN_SIGNING_PASSWORD';
