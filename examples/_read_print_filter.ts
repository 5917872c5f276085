/**
 * What `sniff -r FILE EXPRESSION` loads to print the packets a filter takes: pcap/'s readers,
 * the printer and the filter compiler, as one part, so a build makes them one bundle
 * (`_bundle.ts`): one import and one freshness check where two cost start-up ~1.5 ms more.
 *
 * @module
 */
export * as pcap from "../pcap/mod.ts";
export * as print from "../print/mod.ts";
export * as filter from "../filter/mod.ts";
