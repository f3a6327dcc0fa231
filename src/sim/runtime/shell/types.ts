/** Shapes the shell and its programs share: IO sinks, the host services, control-flow signals. */
import type { Shell } from './interp';

/** Where a command reads and writes. */
export interface IO {
  stdin: string;
  out(s: string): void;
  err(s: string): void;
}

/** What the shell can ask of the world outside the container's filesystem. */
export interface ShellHost {
  /** Wait (real time, scaled by the caller); rejects or resolves early when the session ends. */
  sleep(ms: number): Promise<void>;
  /** A signal sent to a PID (1 = the container's main process). Returns false when no such process. */
  kill(pid: number, signal: string): boolean;
  /** HTTP GET from this pod; see network.ts. */
  http?(url: string, timeoutMs: number): Promise<HttpResult>;
  /** DNS: name → addresses (empty when unknown); `fqdn` is the name that matched. */
  resolve?(name: string): { fqdn: string; addresses: string[] } | undefined;
  /** The cluster DNS server address. */
  dnsServer?: string;
  now(): Date;
}

/** The answer of an HTTP request made from inside the cluster. */
export type HttpResult =
  | { ok: true; status: number; reason: string; headers: [string, string][]; body: string; host: string }
  | { ok: false; error: 'resolve' | 'refused' | 'timeout' | 'reset'; host: string; ip?: string; port?: number };

/** `exit N` unwinds the interpreter. */
export class ExitSignal {
  constructor(readonly code: number) {}
}

/** The session ended (client gone, or the container was killed). */
export class AbortSignal {
  constructor(readonly code = 137) {}
}

/** A program's implementation: argv[0] is its name. Returns the exit status. */
export type Program = (argv: string[], io: IO, sh: Shell) => number | Promise<number>;

