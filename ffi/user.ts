/**
 * Running as another user once the capture is open, as tcpdump's `-Z user` does (its
 * `droproot()`): the user looked up through the system's name service (`getpwnam`), then
 * `initgroups`, `setgid`, `setuid`, which glibc applies to every thread of the process. The
 * socket, ring and files already open stay usable; what is opened later (a rotated `-w` file)
 * is opened as the user.
 *
 * @module
 */
import { errnoText } from "./errno.ts";
import { loadLibc } from "./libc.ts";
import { cString } from "./linux.ts";

/** A user's name and ids, as `getpwnam` gives them. */
export interface User {
  /** The login name. */
  name: string;
  /** `pw_uid`. */
  uid: number;
  /** `pw_gid`, the user's primary group. */
  gid: number;
}

/** The user named `name`, or `undefined` when the system knows no such user. */
export function lookupUser(name: string): User | undefined {
  if (name === "" || name.includes("\0")) return undefined;
  const { c } = loadLibc();
  const pw = c.getpwnam(cString(name));
  if (pw === null) return undefined;
  // struct passwd on LP64 Linux: pw_name, pw_passwd (pointers), then pw_uid, pw_gid (u32).
  const view = new Deno.UnsafePointerView(pw);
  return { name, uid: view.getUint32(16), gid: view.getUint32(20) };
}

/** Whether the process runs as root (its effective user id is 0), as droproot() asks. */
export function isRoot(): boolean {
  return loadLibc().c.geteuid() === 0;
}

/**
 * Gives `path` to `user` (its owner and group), as tcpdump gives its `-w` file to the `-Z`
 * user; throws with the system's words when it cannot.
 */
export function giveFile(path: string, user: User): void {
  const { c, errno } = loadLibc();
  if (c.chown(cString(path), user.uid, user.gid) !== 0) {
    throw new Error(`Cannot give "${path}" to '${user.name}': ${errnoText(errno())}`);
  }
}

/**
 * Makes the process run as `user` from now on (groups, group, then user, the order that
 * leaves no way back); throws with tcpdump's words when a step fails.
 */
export function becomeUser(user: User): void {
  const { c, errno } = loadLibc();
  if (
    c.initgroups(cString(user.name), user.gid) !== 0 || c.setgid(user.gid) !== 0 ||
    c.setuid(user.uid) !== 0
  ) {
    throw new Error(
      `Couldn't change to '${user.name}' uid=${user.uid} gid=${user.gid}: ${errnoText(errno())}`,
    );
  }
}
