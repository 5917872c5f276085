/**
 * What the flows tests that make their own network namespace share: whether `ip` is there,
 * `ip` itself (a failure is one line with its stderr), and a tag that makes the namespace's
 * and interfaces' names unique to this process and test (tests run with `--parallel`).
 *
 * @module
 */

/** `ip` (iproute2) runs here. */
export const HAS_IP = (() => {
  try {
    return new Deno.Command("ip", { args: ["-V"], stdout: "null", stderr: "null" }).outputSync()
      .success;
  } catch {
    return false;
  }
})();

/** Runs `ip ...args`; throws with its stderr when it fails. */
export function ip(...args: string[]): void {
  const out = new Deno.Command("ip", { args, stdout: "null", stderr: "piped" }).outputSync();
  if (!out.success) {
    throw new Error(`ip ${args.join(" ")}: ${new TextDecoder().decode(out.stderr).trim()}`);
  }
}

/**
 * Up to 5 characters of base 36, from the process id and a random number: short enough for an
 * interface name of 15 characters with a prefix of 4 and a suffix of 1.
 */
export function uniqueTag(): string {
  return `${(Deno.pid % 46656).toString(36)}${Math.floor(Math.random() * 1296).toString(36)}`;
}
