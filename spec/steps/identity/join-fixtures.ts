/**
 * `dsregcmd /status` outputs for the join rooms' specs: the bundled profiles' data
 * (remediations/profiles/device-data.ts), in the shape of docs/reference/intune-configmgr.md 3.1.
 */
import { DSREG, dsregcmd, dsregStatus } from '../../../remediations/profiles/device-data.ts';

export { dsregStatus };

/** The states of issue 10, step kind 5. */
export const ENTRA = DSREG.entra;
export const HYBRID = DSREG.hybrid;
export const DOMAIN_ONLY = DSREG.domainOnly;
export const REGISTERED = DSREG.registered;
export const AUTH_FAILED = DSREG.authFailed;
export const PRT_MISSING = DSREG.prtMissing;
/** Before 21H1 dsregcmd prints no DeviceAuthStatus. */
export const HYBRID_OLD = DSREG.hybridOld;

/** `dsregcmd /status`, answering `first`, then each of `then` on later calls in the run (the device changed). */
export const status = dsregcmd;
