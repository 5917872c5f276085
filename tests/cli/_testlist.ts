/** The CLI cases of `TESTLIST`: one `sniff -r` run each, compared with tcpdump. */

/** One line of TESTLIST. */
export interface TestCase {
  name: string;
  input: string;
  args: string[];
}

/** Folder of the capture files the cases read. */
export const TESTDATA = new URL("../testdata/print/", import.meta.url);

/** Splits an option line like a shell would for these simple cases: words, filter words last. */
function splitArgs(text: string): string[] {
  return text.trim().split(/\s+/);
}

/** Reads TESTLIST: `name input options...`; lines starting with `#` are comments. */
export async function readTestList(): Promise<TestCase[]> {
  const text = await Deno.readTextFile(new URL("TESTLIST", import.meta.url));
  return text.split("\n")
    .map((line) => line.trim())
    .filter((line) => line.length > 0 && !line.startsWith("#"))
    .map((line) => {
      const [name, input, ...rest] = splitArgs(line);
      return { name: name!, input: input!, args: splitArgs(rest.join(" ")) };
    });
}

/**
 * Splits a case's words into options and the filter expression: the expression starts at the
 * first word that is neither an option nor the value of one.
 */
export function optionsAndFilter(args: readonly string[]): [string[], string] {
  const withValue = new Set(["-c", "-s", "-y", "-Q"]);
  const options: string[] = [];
  let i = 0;
  for (; i < args.length; i++) {
    const word = args[i]!;
    if (!word.startsWith("-") || word === "-") break;
    options.push(word);
    if (withValue.has(word)) options.push(args[++i]!);
  }
  return [options, args.slice(i).join(" ")];
}

/** Runs a command with TZ=UTC and returns its standard output (stderr ignored). */
export async function run(
  cmd: string,
  args: string[],
): Promise<{ code: number; stdout: string; stderr: string }> {
  const out = await new Deno.Command(cmd, {
    args,
    env: { TZ: "UTC" },
    stdout: "piped",
    stderr: "piped",
  })
    .output();
  const decoder = new TextDecoder();
  return { code: out.code, stdout: decoder.decode(out.stdout), stderr: decoder.decode(out.stderr) };
}

/** What tcpdump prints for a case. */
export async function tcpdumpOutput(testCase: TestCase): Promise<string> {
  const [options, filter] = optionsAndFilter(testCase.args);
  const file = new URL(testCase.input, TESTDATA).pathname;
  const out = await run("tcpdump", [...options, "-r", file, ...(filter ? [filter] : [])]);
  if (out.code !== 0) throw new Error(`tcpdump failed on ${testCase.name}: ${out.stderr}`);
  return out.stdout;
}
