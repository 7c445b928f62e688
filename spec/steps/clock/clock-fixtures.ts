/** Shared fixtures of the clock rooms' specs: `w32tm /query /status` as Windows prints it, services, Date answers. */
import type { HttpDate, NativeCommand, Service } from '../../../generator/model/profile.ts';
import { W32TM_STATUS } from '../../../remediations/profiles/device-data.ts';

/** `w32tm /query /status` on an English Windows 11 synchronising with time.windows.com (the bundled profiles' text). */
export const W32TM_ENGLISH: readonly string[] = W32TM_STATUS.output ?? [];
/** The same on a German Windows: every label translated (so none is guessed), the date in German order. */
export const W32TM_GERMAN = [
  'Sprungindikator: 0(keine Warnung)',
  'Stratum: 4 (Sekund\u00e4rreferenz - synchr. \u00fcber (S)NTP)',
  'Pr\u00e4zision: -23 (119.209ns pro Tick)',
  'Stammverz\u00f6gerung: 0.0312500s',
  'Stammstreuung: 7.7688843s',
  'Referenz-ID: 0x14652E8F (Quell-IP:  20.101.57.9)',
  'Letzte erfolgreiche Synchronisierungszeit: 01.12.2026 07:58:12',
  'Quelle: time.windows.com,0x9',
  'Abrufintervall: 10 (1024s)',
  '',
];
/** W32Time stopped: w32tm says so and exits with 0x80070426. */
export const W32TM_STOPPED = ['The following error occurred: The service has not been started. (0x80070426)', ''];

export const status = (output: readonly string[], exitCode = 0): NativeCommand => ({ filePath: 'w32tm.exe', argumentList: ['/query', '/status'], exitCode, output });
export const stopped: NativeCommand = status(W32TM_STOPPED, -2147023830);
export const w32time = (state: Service['status'] = 'Running', startType: Service['startType'] = 'Automatic'): Service => ({ name: 'W32Time', status: state, startType });

export const URI = 'https://login.microsoftonline.com/';
export const dateOf = (date: string, ...then: string[]): HttpDate => ({ uri: URI, date, then: then.map((d) => ({ date: d })) });
