/** Every simulated program, by name (what `Shell.exec` runs once PATH says the image has it). */
import type { Program } from './shell/interp';
import { FILE_PROGRAMS } from './shell/commands-fs';
import { SYS_PROGRAMS } from './shell/commands-sys';
import { NET_PROGRAMS } from './shell/commands-net';
import { TAR_PROGRAMS } from './shell/commands-tar';

/** The programs table. */
export const PROGRAMS: Record<string, Program> = { ...FILE_PROGRAMS, ...SYS_PROGRAMS, ...NET_PROGRAMS, ...TAR_PROGRAMS };
