import assert from "node:assert/strict";
import { defaultDevice, type Device, listDevices } from "./devices.ts";

interface IpAddr {
  family: string;
  local: string;
  prefixlen: number;
  broadcast?: string;
  label?: string;
}
interface IpLink {
  ifindex: number;
  ifname: string;
  flags: string[];
  link_type: string;
  address?: string;
  addr_info: IpAddr[];
}

async function run(
  cmd: string,
  args: string[],
): Promise<{ ok: boolean; out: string; err: string }> {
  try {
    const o = await new Deno.Command(cmd, { args, stdout: "piped", stderr: "piped" }).output();
    const dec = new TextDecoder();
    return { ok: o.success, out: dec.decode(o.stdout), err: dec.decode(o.stderr) };
  } catch (e) {
    if (e instanceof Deno.errors.NotFound) return { ok: false, out: "", err: `${cmd} not found` };
    throw e;
  }
}

/** Netmask text → prefix length (count of leading one bits). */
function prefixLen(mask: string): number {
  if (mask.includes(".")) {
    return mask.split(".").reduce((n, x) => n + Number(x).toString(2).replace(/0/g, "").length, 0);
  }
  const [head = "", tail] = mask.split("::");
  const groups = head.split(":").filter((g) => g !== "");
  assert.ok(tail === undefined || tail === "", `netmask ${mask} has bits after ::`);
  return groups.reduce((n, g) => n + parseInt(g, 16).toString(2).replace(/0/g, "").length, 0);
}

/** Our view of one interface must say what `ip -j addr` says about it. */
function assertSameAsIp(d: Device, link: IpLink) {
  assert.equal(d.index, link.ifindex, `${d.name} index`);
  assert.equal(d.flags.up, link.flags.includes("UP"), `${d.name} up`);
  assert.equal(d.flags.loopback, link.flags.includes("LOOPBACK"), `${d.name} loopback`);
  if (link.link_type === "ether" || link.link_type === "loopback") {
    assert.equal(d.mac, link.address, `${d.name} mac`);
  }
  const ours = d.addresses.map((a) => `${a.family} ${a.address}/${prefixLen(a.netmask ?? "")}`)
    .sort();
  const theirs = link.addr_info.map((a) =>
    `${a.family === "inet" ? "ipv4" : "ipv6"} ${a.local}/${a.prefixlen}`
  )
    .sort();
  assert.deepEqual(ours, theirs, `${d.name} addresses`);
  for (const a of link.addr_info) {
    if (a.family !== "inet" || a.broadcast === undefined) continue;
    assert.equal(
      d.addresses.find((x) => x.address === a.local)?.broadcast,
      a.broadcast,
      `${d.name} broadcast`,
    );
  }
}

/** `tcpdump -D` lines: `3.lo [Up, Running, Loopback]`. */
function parseTcpdumpD(text: string): { name: string; description?: string; flags: string[] }[] {
  return text.trim().split("\n").map((line) => {
    const m = line.match(/^\d+\.(\S+)(?: \((.*)\))? \[(.*)\]$/);
    assert.ok(m, `unexpected tcpdump -D line: ${line}`);
    const entry: { name: string; description?: string; flags: string[] } = {
      name: m[1]!,
      flags: m[3]!.split(", "),
    };
    if (m[2] !== undefined) entry.description = m[2];
    return entry;
  });
}

/** Our list and tcpdump's must agree on order (for the names both list) and on flags. */
function assertSameAsTcpdump(devices: Device[], tcpdumpD: string, only?: Set<string>) {
  const theirs = parseTcpdumpD(tcpdumpD).filter((e) => devices.some((d) => d.name === e.name));
  const ours = devices.filter((d) =>
    theirs.some((e) => e.name === d.name) && (!only || only.has(d.name))
  );
  const theirsKept = theirs.filter((e) => ours.some((d) => d.name === e.name));
  assert.deepEqual(ours.map((d) => d.name), theirsKept.map((e) => e.name), "order");
  for (const d of ours) {
    const e = theirsKept.find((x) => x.name === d.name)!;
    assert.equal(e.flags.includes("Up"), d.flags.up, `${d.name} Up`);
    assert.equal(e.flags.includes("Running"), d.flags.running, `${d.name} Running`);
    assert.equal(e.flags.includes("Loopback"), d.flags.loopback, `${d.name} Loopback`);
    const link = e.flags.includes("Connected")
      ? "connected"
      : e.flags.includes("Disconnected")
      ? "disconnected"
      : undefined;
    assert.equal(d.connection, link, `${d.name} connection`);
    assert.equal(e.description, d.description, `${d.name} description`);
  }
}

/** Why a command cannot be run here, or undefined when it can. */
function cannotRun(cmd: string, args: string[]): string | undefined {
  try {
    const o = new Deno.Command(cmd, { args, stdout: "null", stderr: "piped" }).outputSync();
    return o.success
      ? undefined
      : `${cmd} ${args.join(" ")}: ${new TextDecoder().decode(o.stderr).trim()}`;
  } catch (e) {
    return `${cmd}: ${(e as Error).message}`;
  }
}
const NO_IP = cannotRun("ip", ["-j", "addr"]);
const NO_TCPDUMP_D = cannotRun("tcpdump", ["-D"]);
const NO_NETNS = cannotRun("unshare", ["--net", "ip", "-j", "link"]);
for (const why of [NO_IP, NO_TCPDUMP_D, NO_NETNS]) {
  if (why) console.log(`devices_test.ts: a test is ignored: ${why}`);
}

Deno.test({
  name: "listDevices() agrees with `ip -j addr` on names, indices, MACs and addresses",
  ignore: NO_IP !== undefined,
}, async () => {
  const before = await run("ip", ["-j", "addr"]);
  assert.ok(before.ok, before.err);
  const devices = listDevices();
  const after = await run("ip", ["-j", "addr"]);
  // Other tests may add or remove interfaces meanwhile: compare those ip saw unchanged.
  const links = (JSON.parse(before.out) as IpLink[]).filter((l) =>
    (JSON.parse(after.out) as IpLink[]).some((m) => JSON.stringify(m) === JSON.stringify(l))
  );
  assert.ok(links.some((l) => l.ifname === "lo"));
  for (const link of links) {
    const d = devices.find((x) => x.name === link.ifname);
    assert.ok(d, `${link.ifname} is listed`);
    assertSameAsIp(d, link);
  }
  const any = devices.filter((d) => d.name === "any");
  assert.deepEqual(any, [{
    name: "any",
    index: 0,
    description: "Pseudo-device that captures on all interfaces",
    flags: { up: true, running: true, loopback: false },
    addresses: [],
  }]);
  // Copies: changing the result changes nothing for the next call.
  devices[0]!.name = "changed";
  assert.ok(!listDevices().some((d) => d.name === "changed"));
});

Deno.test({
  name: "listDevices() orders and flags devices as tcpdump -D (pcap_findalldevs) does",
  ignore: NO_TCPDUMP_D !== undefined,
}, async () => {
  const a = listDevices();
  const td = await run("tcpdump", ["-D"]);
  assert.ok(td.ok, td.err);
  const b = listDevices();
  // Only the devices that did not change while tcpdump ran.
  const stable = new Set(
    a.filter((d) => JSON.stringify(b.find((x) => x.name === d.name)) === JSON.stringify(d)).map((
      d,
    ) => d.name),
  );
  assertSameAsTcpdump(a, td.out, stable);
});

Deno.test("defaultDevice() is the first listed device that is up, running and not loopback", () => {
  const first = listDevices().find((d) =>
    d.flags.up && d.flags.running && !d.flags.loopback && d.name !== "any"
  );
  if (first) assert.equal(defaultDevice(), first.name);
  else assert.throws(defaultDevice, /Cannot find a default device/);
});

Deno.test({
  name: "listDevices() in a namespace of our own: aliases, IPv6, down links, any and lo order",
  ignore: NO_NETNS !== undefined,
}, async () => {
  const script = new URL("./devices.ts", import.meta.url).href;
  const code = `import { listDevices, defaultDevice } from ${JSON.stringify(script)};
let def; try { def = defaultDevice(); } catch (e) { def = String(e.message); }
console.log(JSON.stringify({ devices: listDevices(), def }));`;
  const deno = Deno.execPath();
  const hasTcpdump = (await run("tcpdump", ["--version"])).ok;
  if (!hasTcpdump) console.log("tcpdump is not installed: order not compared with tcpdump -D");
  const tcpdumpD = hasTcpdump ? "tcpdump -D" : "true";
  const setup = [
    `ip link add tdv0 address 02:00:00:00:aa:01 type veth peer name tdv1 address 02:00:00:00:aa:02`,
    `ip link add tdx0 address 02:00:00:00:aa:03 type veth peer name tdx1`,
    // No link-local address appearing on its own while we compare with ip.
    `ip link set dev tdv0 addrgenmode none`,
    `ip link set dev tdv1 addrgenmode none`,
    `ip addr add 10.1.2.3/24 brd + dev tdv0`,
    `ip addr add 10.9.9.9/16 dev tdv0 label tdv0:7`,
    `ip -6 addr add 2001:db8::5/64 dev tdv0 nodad`,
    `ip -6 addr add 2001:db8:0:1:0:0:0:1/127 dev tdv0 nodad`,
    `ip link set tdv0 up`,
  ];
  const sh = `set -e
${setup.join("\n")}
echo "== lo down"; ${shellQuote(deno)} eval ${shellQuote(code)}; ${tcpdumpD}
ip link set tdv1 up
ip link set lo up
echo "== all up"; ip -j addr; ${shellQuote(deno)} eval ${shellQuote(code)}; ${tcpdumpD}`;
  const r = await run("unshare", ["--net", "sh", "-c", sh]);
  assert.ok(r.ok, r.err);
  const [, loDown = "", allUp = ""] = r.out.split(/^== .*$/m);

  const down = JSON.parse(loDown.trim().split("\n")[0]!) as { devices: Device[]; def: string };
  // tdv0 is up but its peer is not: up, not running (no carrier), after any. lo is down but
  // not "disconnected", so before the down veths. Nothing qualifies as default.
  assert.deepEqual(down.devices.slice(0, 3).map((d) => [d.name, d.flags.up, d.flags.running]), [
    ["any", true, true],
    ["tdv0", true, false],
    ["lo", false, false],
  ]);
  assert.deepEqual(down.devices.slice(3).map((d) => d.name).sort(), ["tdv1", "tdx0", "tdx1"]);
  // Equal merits keep the kernel's (ifindex) order, as libpcap's insertion does.
  const rest = down.devices.slice(3).map((d) => d.index);
  assert.deepEqual(rest, rest.toSorted((a, b) => a - b));
  assert.equal(
    down.def,
    "Cannot find a default device: no interface is up, running and not loopback",
  );
  if (hasTcpdump) assertSameAsTcpdump(down.devices, loDown.trim().split("\n").slice(1).join("\n"));

  const lines = allUp.trim().split("\n");
  const ip = JSON.parse(lines[0]!) as IpLink[];
  const up = JSON.parse(lines[1]!) as { devices: Device[]; def: string };
  assert.deepEqual(up.devices.slice(0, 2).map((d) => d.name).sort(), ["tdv0", "tdv1"]);
  assert.deepEqual(up.devices.slice(2, 4).map((d) => d.name), ["any", "lo"]);
  assert.deepEqual(up.devices.slice(4).map((d) => d.name).sort(), ["tdx0", "tdx1"]);
  assert.equal(up.def, up.devices[0]!.name);
  for (const link of ip) assertSameAsIp(up.devices.find((d) => d.name === link.ifname)!, link);
  const tdv0 = up.devices.find((d) => d.name === "tdv0")!;
  assert.equal(tdv0.mac, "02:00:00:00:aa:01");
  assert.deepEqual(tdv0.addresses.filter((a) => a.family === "ipv4"), [
    { family: "ipv4", address: "10.1.2.3", netmask: "255.255.255.0", broadcast: "10.1.2.255" },
    { family: "ipv4", address: "10.9.9.9", netmask: "255.255.0.0" },
  ]);
  assert.ok(
    tdv0.addresses.some((a) =>
      a.address === "2001:db8:0:1::1" && a.netmask === "ffff:ffff:ffff:ffff:ffff:ffff:ffff:fffe"
    ),
  );
  assert.deepEqual(up.devices[3], {
    name: "lo",
    index: 1,
    flags: { up: true, running: true, loopback: true },
    mac: "00:00:00:00:00:00",
    addresses: [
      { family: "ipv4", address: "127.0.0.1", netmask: "255.0.0.0" },
      { family: "ipv6", address: "::1", netmask: "ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff" },
    ],
  });
  if (hasTcpdump) assertSameAsTcpdump(up.devices, lines.slice(2).join("\n"));
});

function shellQuote(s: string): string {
  return `'${s.replaceAll("'", `'"'"'`)}'`;
}
