/**
 * The messages between the worker engine and its owner, and errors as plain
 * data so they cross `postMessage` and come back with their class.
 *
 * @module
 */

import { SyscallError } from "../ffi/errno.ts";
import type { SocketOption } from "./activate.ts";

/** An error as plain data, to cross `postMessage` and be rebuilt with its class. */
export interface ErrorData {
  name: string;
  message: string;
  stack?: string;
  step?: string;
  syscall?: string;
  errno?: number;
}

/** The `open` message. */
export interface OpenMessage {
  type: "open";
  device: string;
  options: Record<string, unknown>;
  efd: number;
  stats: SharedArrayBuffer;
  control: SharedArrayBuffer;
  handler: string | undefined;
  handlerOptions: unknown;
  afterBind: SocketOption[];
}

/** Plain data of any thrown value. */
export function errorData(e: unknown): ErrorData {
  if (e instanceof SyscallError) {
    return {
      name: e.name,
      message: e.message,
      ...(e.stack !== undefined ? { stack: e.stack } : {}),
      step: e.step,
      syscall: e.syscall,
      errno: e.errno,
    };
  }
  if (e instanceof Error) {
    return {
      name: e.name,
      message: e.message,
      ...(e.stack !== undefined ? { stack: e.stack } : {}),
    };
  }
  return { name: "Error", message: String(e) };
}

/** Rebuilds an error that crossed `postMessage`, with its class where it has one. */
export function rebuild(e: ErrorData): Error {
  let err: Error;
  if (e.name === "SyscallError") {
    err = new SyscallError(e.step ?? "", e.syscall ?? "", e.errno ?? 0, e.message);
  } else {
    const classes: Record<string, new (message: string) => Error> = {
      TypeError,
      RangeError,
      SyntaxError,
      BadResource: Deno.errors.BadResource,
      Busy: Deno.errors.Busy,
    };
    const Ctor = classes[e.name] ?? Error;
    err = new Ctor(e.message);
    if (err.name !== e.name) err.name = e.name;
  }
  if (e.stack !== undefined) err.stack = e.stack;
  return err;
}
