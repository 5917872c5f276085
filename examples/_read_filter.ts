/**
 * What `sniff -r FILE EXPRESSION` loads when it does not print text (`--count`, `-w`,
 * `--json`): pcap/'s readers and the filter compiler, as one part, so a build makes them one
 * bundle (`_bundle.ts`): one import and one freshness check where two cost start-up more.
 *
 * @module
 */
export * as pcap from "../pcap/mod.ts";
export * as filter from "../filter/mod.ts";
