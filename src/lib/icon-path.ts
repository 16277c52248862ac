/** A Lucide icon's drawing, as the `lucide` package exports it: `import { Plus } from 'lucide'`. */
export type IconNode = [tag: string, attributes: Record<string, string | number | undefined>][];

/**
 * An icon as the data of one `<path>` (`d`), and one more for its filled shapes (`filled`, a
 * dot in a few icons): a filled dot in the first would come out as a ring, as one path has one
 * fill. Lucide draws strokes only, so one path with a sub-path per shape looks the same as
 * the separate elements, and costs one element to render instead of a handful: a page of 50
 * to-dos shows 50 icons. Each shape converts exactly (compared in Chromium pixel for pixel
 * with Lucide's own elements); where two shapes overlap, the one path paints the overlap once,
 * so a few edge pixels there are a little lighter than with separate elements.
 */
export interface IconDrawing {
  d: string;
  filled: string;
}

const drawn = new WeakMap<IconNode, IconDrawing>();

export function iconDrawing(icon: IconNode): IconDrawing {
  let drawing = drawn.get(icon);
  if (drawing === undefined) {
    const isFilled = ([, a]: IconNode[number]) => a.fill !== undefined && a.fill !== 'none';
    const join = (nodes: IconNode) => nodes.map(([tag, attributes]) => shapePath(tag, attributes)).join(' ');
    drawing = { d: join(icon.filter((node) => !isFilled(node))), filled: join(icon.filter(isFilled)) };
    drawn.set(icon, drawing);
  }
  return drawing;
}

/**
 * The shape's outline as path data starting with an absolute move. Every shape SVG has is
 * here, so an icon never fails to draw; a test draws every Lucide icon.
 */
function shapePath(tag: string, a: Record<string, string | number | undefined>): string {
  const n = (name: string) => Number(a[name] ?? 0);
  switch (tag) {
    case 'circle':
      return ellipse(n('cx'), n('cy'), n('r'), n('r'));
    case 'ellipse':
      return ellipse(n('cx'), n('cy'), n('rx'), n('ry'));
    case 'line':
      return `M${n('x1')} ${n('y1')}L${n('x2')} ${n('y2')}`;
    case 'polyline':
    case 'polygon':
      return `M${String(a.points).trim()}${tag === 'polygon' ? 'Z' : ''}`;
    case 'rect':
      return rect(n('x'), n('y'), n('width'), n('height'), a.rx ?? a.ry, a.ry ?? a.rx);
    default:
      return absoluteStart(String(a.d ?? ''));
  }
}

/** Two half arcs from the leftmost point: one arc cannot end where it starts. */
function ellipse(cx: number, cy: number, rx: number, ry: number): string {
  return `M${cx - rx} ${cy}a${rx} ${ry} 0 1 0 ${2 * rx} 0a${rx} ${ry} 0 1 0 ${-2 * rx} 0Z`;
}

/** A rectangle, its corners rounded as SVG rounds them (radii at most half a side). */
function rect(x: number, y: number, w: number, h: number, rxIn: unknown, ryIn: unknown): string {
  const rx = Math.min(Number(rxIn ?? 0), w / 2);
  const ry = Math.min(Number(ryIn ?? 0), h / 2);
  if (!rx || !ry) return `M${x} ${y}h${w}v${h}h${-w}Z`;
  const corner = (dx: number, dy: number) => `a${rx} ${ry} 0 0 1 ${dx} ${dy}`;
  return (
    `M${x + rx} ${y}h${w - 2 * rx}${corner(rx, ry)}v${h - 2 * ry}${corner(-rx, ry)}` +
    `h${-(w - 2 * rx)}${corner(-rx, -ry)}v${-(h - 2 * ry)}${corner(rx, -ry)}Z`
  );
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
