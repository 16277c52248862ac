/** A Lucide icon's drawing, as the `lucide` package exports it: `import { Plus } from 'lucide'`. */
export type IconNode = [tag: string, attributes: Record<string, string | number | undefined>][];

const drawn = new WeakMap<IconNode, string>();

/**
 * An icon's shapes as the data of one `<path>`. Lucide draws strokes only (no fill), so one
 * path with a sub-path per shape looks the same as the separate elements, and costs one
 * element to render instead of a handful: a page of 50 to-dos shows 50 icons.
 */
export function iconPath(icon: IconNode): string {
  let d = drawn.get(icon);
  if (d === undefined) {
    d = icon.map(([tag, attributes]) => shapePath(tag, attributes)).join(' ');
    drawn.set(icon, d);
  }
  return d;
}

function shapePath(tag: string, a: Record<string, string | number | undefined>): string {
  // The shapes Tend's icons use (a test draws every icon imported from lucide), unfilled: a
  // filled dot would come out as a ring, as one path has one fill.
  const filled = a.fill !== undefined && a.fill !== 'none';
  if (tag === 'path' && !filled) return absoluteStart(String(a.d));
  if (tag === 'circle' && !filled) {
    const [cx, cy, r] = [a.cx, a.cy, a.r].map(Number) as [number, number, number];
    // Two half arcs: one arc cannot end where it starts.
    return `M${cx - r} ${cy}a${r} ${r} 0 1 0 ${2 * r} 0a${r} ${r} 0 1 0 ${-2 * r} 0Z`;
  }
  throw new Error(`Icons cannot draw <${tag}>${filled ? ' filled' : ''}`);
}

const NUMBER = String.raw`[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?`;
const RELATIVE_START = new RegExp(String.raw`^\s*m\s*(${NUMBER})[\s,]*(${NUMBER})[\s,]*(.*)$`, 's');

/**
 * A path that opens with a relative move (`m7 10 5 5`) starts from the origin on its own, but
 * from where the previous shape ended once joined: make that first move absolute. The pairs
 * after it stay relative lines, as they were.
 */
function absoluteStart(d: string): string {
  const match = RELATIVE_START.exec(d);
  if (!match) return d;
  const [, x, y, rest = ''] = match;
  return `M${x} ${y}${/^[+\-.\d]/.test(rest) ? 'l' : ''}${rest}`;
}
