import type { Block } from "./block.ts";
export function optimize(root: Block): Block {
  return root;
}
