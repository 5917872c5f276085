/**
 * What `sniff -r FILE` loads to print a file as text: pcap/'s readers and the printer, as one
 * part, so a build makes them one bundle (`_bundle.ts`): one import and one freshness check
 * where two cost start-up ~0.7 ms more.
 *
 * @module
 */
export * as pcap from "../pcap/mod.ts";
export * as print from "../print/mod.ts";
