// Test support: whether this machine can build the C programs in testdata/ against libpcap.

/** Why `cc … -lpcap` cannot build a program here, or undefined when it can. */
function whyNoLibpcap(): string | undefined {
  const dir = Deno.makeTempDirSync({ prefix: "tpacket-libpcap-probe-" });
  try {
    const src = `${dir}/probe.c`;
    Deno.writeTextFileSync(
      src,
      "#include <pcap/pcap.h>\nint main(void) { return pcap_lib_version() == 0; }\n",
    );
    const out = new Deno.Command("cc", {
      args: ["-o", `${dir}/probe`, src, "-lpcap"],
      stdout: "null",
      stderr: "piped",
    })
      .outputSync();
    if (out.success) return undefined;
    const first = new TextDecoder().decode(out.stderr).trim().split("\n")[0];
    return `cc cannot build against libpcap (${first})`;
  } catch (e) {
    return `cc cannot be run (${(e as Error).message})`;
  } finally {
    Deno.removeSync(dir, { recursive: true });
  }
}

/** Undefined when cc and libpcap's headers and library are here; otherwise the reason. */
export const NO_LIBPCAP: string | undefined = whyNoLibpcap();
