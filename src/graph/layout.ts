/**
 * A layered (Sugiyama-style) layout for call flows, written for them: the call reads top
 * down, a menu's branches stay side by side in keypress order, jumps back up and self-loops
 * are routed as such, and every edge starts and ends on its nodes inside the drawing.
 *
 * Every pass is iterative and linear in the size of the layered graph (nodes, edges and the
 * bend points of long edges), so deep nesting, wide siblings and long goto rings cannot
 * overflow the stack or go quadratic; the bend points are capped ({@link MAX_BEND_POINTS}) and
 * a plan that would need more is refused with a {@link LayoutLimitError}.
 *
 * @module
 */

/** A box to place: its size; the layout returns its centre. */
export interface LayoutNode {
  readonly id: string;
  readonly width: number;
  readonly height: number;
  /** Edges may leave from its left and right points (a decision's diamond). */
  readonly sides?: boolean;
}

/** A connection to route; `labelWidth`/`labelHeight` reserve room for its label. */
export interface LayoutEdge {
  readonly from: string;
  readonly to: string;
  readonly labelWidth: number;
  readonly labelHeight: number;
}

/** A point of the drawing. */
export interface Point {
  readonly x: number;
  readonly y: number;
}

/** A routed edge: its SVG path, where its label goes, and how it runs. */
export interface RoutedEdge {
  /** SVG path data, starting on the source's outline and ending on the target's. */
  readonly d: string;
  /** Every point the path passes through or is pulled towards (its bounds lie within them). */
  readonly points: readonly Point[];
  readonly label?: Point;
  /** `down` follows the call; `back` jumps up to an earlier step; `self` returns to its own step. */
  readonly direction: 'down' | 'back' | 'self';
}

/** The result: node centres, routed edges (in input order) and the drawing's size. */
export interface Layout {
  readonly nodes: ReadonlyMap<string, Point>;
  readonly edges: readonly RoutedEdge[];
  readonly width: number;
  readonly height: number;
}

/**
 * Most bend points (the hidden points long edges pass through) a drawing may have: beyond
 * this count a plan's long edges would make the layout quadratic in its size (many steps far
 * apart joining one step), so such a plan is refused, naming the limit.
 */
export const MAX_BEND_POINTS = 2_000_000;

/** A drawing too big to lay out; `limit` names the bound and its value. */
export class LayoutLimitError extends Error {
  override readonly name = 'LayoutLimitError';
  constructor(
    message: string,
    readonly limit: { readonly name: string; readonly value: number },
    /** The plan line where the limit was passed, when one step is to blame. */
    readonly line?: number,
  ) {
    super(message);
  }
}

const MARGIN = 16;
const NODE_GAP = 28;
const DUMMY_GAP = 10;
const LAYER_GAP = 20;
const SELF_LOOP = 30;

/** One vertex of the layered graph: a real node or a point a long edge passes through. */
interface Vertex {
  readonly width: number;
  readonly height: number;
  /** The real node index, or -1 for a bend point. */
  readonly node: number;
  layer: number;
  order: number;
  x: number;
  readonly up: number[];
  readonly down: number[];
}

/** Lays out a call-flow graph. Nodes are given in document order, the start first. */
export function layoutFlow(nodes: readonly LayoutNode[], edges: readonly LayoutEdge[]): Layout {
  const index = new Map(nodes.map((n, i) => [n.id, i]));
  const n = nodes.length;
  const ends = edges.map((e) => [index.get(e.from), index.get(e.to)] as const);
  for (const [i, [a, b]] of ends.entries()) {
    if (a === undefined || b === undefined) throw new Error(`layout: edge ${i} names a node the graph does not have`);
  }
  const from = (i: number) => ends[i]![0]!;
  const to = (i: number) => ends[i]![1]!;

  // 1. Edges that close a cycle (found by a depth-first search from the start, in edge order)
  // are laid out reversed, so the rest reads top down.
  const out: number[][] = Array.from({ length: n }, () => []);
  edges.forEach((_, i) => {
    if (from(i) !== to(i)) out[from(i)]!.push(i);
  });
  const reversed = new Uint8Array(edges.length);
  const state = new Uint8Array(n); // 0 new, 1 on the search path, 2 done
  const cursor = new Uint32Array(n);
  for (let root = 0; root < n; root++) {
    if (state[root] !== 0) continue;
    const stack = [root];
    state[root] = 1;
    while (stack.length > 0) {
      const v = stack[stack.length - 1]!;
      const list = out[v]!;
      if (cursor[v]! < list.length) {
        const e = list[cursor[v]!++]!;
        const w = to(e);
        if (state[w] === 1) reversed[e] = 1;
        else if (state[w] === 0) {
          state[w] = 1;
          stack.push(w);
        }
      } else {
        state[v] = 2;
        stack.pop();
      }
    }
  }
  const top = (i: number) => (reversed[i] ? to(i) : from(i));
  const bottom = (i: number) => (reversed[i] ? from(i) : to(i));

  // 2. Ranks: the longest path from a source (Kahn's order), so a step that several branches
  // reach sits below all of them. Layers are doubled: edge labels sit on the odd ones.
  const indegree = new Uint32Array(n);
  const dagOut: number[][] = Array.from({ length: n }, () => []);
  edges.forEach((_, i) => {
    if (from(i) === to(i)) return;
    dagOut[top(i)]!.push(i);
    indegree[bottom(i)]!++;
  });
  const rank = new Uint32Array(n);
  const queue: number[] = [];
  for (let v = 0; v < n; v++) if (indegree[v] === 0) queue.push(v);
  for (let head = 0; head < queue.length; head++) {
    const v = queue[head]!;
    for (const e of dagOut[v]!) {
      const w = bottom(e);
      rank[w] = Math.max(rank[w]!, rank[v]! + 1);
      if (--indegree[w]! === 0) queue.push(w);
    }
  }

  // 3. The layered graph: one vertex per node, one per layer a long edge crosses.
  let bends = 0;
  edges.forEach((_, i) => {
    if (from(i) !== to(i)) bends += 2 * (rank[bottom(i)]! - rank[top(i)]!) - 1;
  });
  if (bends > MAX_BEND_POINTS) {
    throw new LayoutLimitError(`the drawing would need ${bends} bend points for its long edges, more than the ${MAX_BEND_POINTS} a drawing may have`, {
      name: 'bend points',
      value: MAX_BEND_POINTS,
    });
  }
  const vertices: Vertex[] = nodes.map((node, i) => ({ width: node.width, height: node.height, node: i, layer: 2 * rank[i]!, order: 0, x: 0, up: [], down: [] }));
  /** Each edge's vertices, top to bottom. */
  const chains: number[][] = edges.map(() => []);
  /** The vertex holding each edge's label, if any. */
  const labelAt = new Int32Array(edges.length).fill(-1);
  const selfLoops = new Map<number, number[]>();
  edges.forEach((e, i) => {
    if (from(i) === to(i)) {
      const list = selfLoops.get(from(i)) ?? [];
      list.push(i);
      selfLoops.set(from(i), list);
      return;
    }
    const chain = [top(i)];
    const first = vertices[top(i)]!.layer;
    const last = vertices[bottom(i)]!.layer;
    // the label sits next to the step it leaves: the first bend of a forward edge, the last of a jump back
    const labelLayer = e.labelWidth > 0 ? (reversed[i] ? last - 1 : first + 1) : -1;
    for (let layer = first + 1; layer < last; layer++) {
      const isLabel = layer === labelLayer;
      labelAt[i] = isLabel ? vertices.length : labelAt[i]!;
      vertices.push({ width: isLabel ? e.labelWidth : 0, height: isLabel ? e.labelHeight : 0, node: -1, layer, order: 0, x: 0, up: [], down: [] });
      chain.push(vertices.length - 1);
    }
    chain.push(bottom(i));
    for (let k = 1; k < chain.length; k++) {
      vertices[chain[k - 1]!]!.down.push(chain[k]!);
      vertices[chain[k]!]!.up.push(chain[k - 1]!);
    }
    chains[i] = chain;
  });
  // a step with a loop to itself keeps room on its right for the loop and its label
  const loopRoom = new Float64Array(n);
  for (const [v, list] of selfLoops) loopRoom[v] = SELF_LOOP + Math.max(0, ...list.map((i) => edges[i]!.labelWidth));
  const widthOf = (v: Vertex) => v.width + (v.node >= 0 ? loopRoom[v.node]! : 0);

  // 4. Order within layers: first as a depth-first walk from the start meets them (so a
  // menu's branches stay together, in keypress order), then barycentre sweeps.
  const layerCount = vertices.reduce((m, v) => Math.max(m, v.layer + 1), 0);
  const layers: number[][] = Array.from({ length: layerCount }, () => []);
  const placed = new Uint8Array(vertices.length);
  for (let root = 0; root < vertices.length; root++) {
    if (placed[root] || vertices[root]!.up.length > 0) continue;
    const stack = [root];
    while (stack.length > 0) {
      const v = stack.pop()!;
      if (placed[v]) continue;
      placed[v] = 1;
      layers[vertices[v]!.layer]!.push(v);
      const down = vertices[v]!.down;
      for (let k = down.length - 1; k >= 0; k--) if (!placed[down[k]!]) stack.push(down[k]!);
    }
  }
  for (let v = 0; v < vertices.length; v++) if (!placed[v]) layers[vertices[v]!.layer]!.push(v); // on a cycle only (none after step 1)
  const setOrders = () => {
    for (const l of layers) l.forEach((v, k) => {
      vertices[v]!.order = k;
    });
  };
  setOrders();
  orderLayers(vertices, layers, vertices.length > 60_000 ? 2 : 12);

  // 5. Horizontal positions: alternately pull each vertex towards its neighbours above and
  // below, keeping the order and the gaps (a weighted isotonic fit per layer, linear).
  for (const layer of layers) {
    let x = 0;
    layer.forEach((v, k) => {
      const vx = vertices[v]!;
      if (k > 0) x += gapBetween(vertices[layer[k - 1]!]!, vx, widthOf);
      vx.x = x;
    });
  }
  const rounds = vertices.length > 60_000 ? 2 : 10;
  for (let r = 0; r < rounds; r++) {
    for (let l = 1; l < layers.length; l++) alignLayer(vertices, layers[l]!, 'up', widthOf);
    for (let l = layers.length - 2; l >= 0; l--) alignLayer(vertices, layers[l]!, 'down', widthOf);
  }
  for (let l = 1; l < layers.length; l++) alignLayer(vertices, layers[l]!, 'both', widthOf);

  // 6. Vertical positions: each layer as tall as its tallest vertex.
  const layerTop: number[] = [];
  const layerHeight: number[] = [];
  let y = 0;
  for (const layer of layers) {
    const h = layer.reduce((m, v) => Math.max(m, vertices[v]!.height), 0);
    layerTop.push(y);
    layerHeight.push(h);
    y += h + LAYER_GAP;
  }
  const centreY = (v: Vertex) => layerTop[v.layer]! + layerHeight[v.layer]! / 2;
  /** The drawn box's centre: a step with a self-loop is drawn left of its reserved room. */
  const centreX = (v: Vertex) => v.x - (v.node >= 0 ? loopRoom[v.node]! / 2 : 0);

  // 7. Routes. Edges meeting a node's bottom (or top) get ports spread along it in the order
  // of where they go, so a menu's branches fan out instead of leaving from one point.
  const xOf = (v: Vertex) => (v.node >= 0 ? centreX(v) : v.x);
  const sideways = (i: number, end: 'first' | 'last') => {
    const chain = chains[i]!;
    const v = vertices[chain[end === 'first' ? 0 : chain.length - 1]!]!;
    const next = vertices[chain[end === 'first' ? 1 : chain.length - 2]!]!;
    // a decision's branches may leave from its side points, and a jump back arrives on the side it comes from
    const allowed = end === 'first' && (reversed[i] === 1 || nodes[v.node]?.sides === true);
    return allowed && Math.abs(xOf(next) - xOf(v)) > v.width / 2 + 4;
  };
  const ports = new Map<string, number>();
  const portsOf: Array<{ bottom: Array<[number, number]>; top: Array<[number, number]> }> = nodes.map(() => ({ bottom: [], top: [] }));
  edges.forEach((_, i) => {
    if (from(i) === to(i)) return;
    const chain = chains[i]!;
    if (!sideways(i, 'first')) portsOf[chain[0]!]!.bottom.push([i, xOf(vertices[chain[1]!]!)]);
    portsOf[chain[chain.length - 1]!]!.top.push([i, xOf(vertices[chain[chain.length - 2]!]!)]);
  });
  portsOf.forEach((p, v) => {
    const vx = vertices[v]!;
    const inset = Math.min(nodes[v]?.sides ? 18 : 12, vx.width / 3);
    for (const [side, list] of [['bottom', p.bottom], ['top', p.top]] as const) {
      list.sort((a, b) => a[1] - b[1]);
      const span = Math.min(vx.width - 2 * inset, (list.length - 1) * 26);
      list.forEach(([i, toward], k) => {
        const x = list.length === 1 ? Math.min(centreX(vx) + vx.width / 2 - inset, Math.max(centreX(vx) - vx.width / 2 + inset, toward)) : centreX(vx) - span / 2 + (k * span) / (list.length - 1);
        ports.set(`${i}:${side}`, x);
      });
    }
  });
  const routed: Route[] = edges.map((_, i) => {
    if (from(i) === to(i)) return selfLoop(vertices[from(i)]!, centreX, centreY, edges[i]!.labelWidth);
    const chain = chains[i]!.map((v) => vertices[v]!);
    const pts: RoutePoint[] = [];
    const first = chain[0]!;
    const last = chain[chain.length - 1]!;
    if (sideways(i, 'first')) {
      const right = xOf(chain[1]!) > centreX(first);
      pts.push({ x: centreX(first) + ((right ? 1 : -1) * first.width) / 2, y: centreY(first), side: true });
    } else pts.push({ x: ports.get(`${i}:bottom`)!, y: centreY(first) + first.height / 2 });
    for (const b of chain.slice(1, -1)) {
      const half = b.height / 2;
      pts.push({ x: b.x, y: centreY(b) - half }, { x: b.x, y: centreY(b) + half });
    }
    pts.push({ x: ports.get(`${i}:top`)!, y: centreY(last) - last.height / 2 });
    const label = labelAt[i]! >= 0 ? { x: vertices[labelAt[i]!]!.x, y: centreY(vertices[labelAt[i]!]!) } : undefined;
    if (reversed[i]) pts.reverse();
    // a bend with no label has no height: its two points are one
    const points = pts.filter((p, k) => k === 0 || p.x !== pts[k - 1]!.x || p.y !== pts[k - 1]!.y);
    return { points, ...(label ? { label } : {}), direction: reversed[i] ? 'back' : 'down' };
  });

  // 8. Shift everything so the drawing starts at the margin and measure it from what is drawn.
  let minX = Infinity;
  let maxX = -Infinity;
  let maxY = 0;
  const grow = (x0: number, x1: number, y1: number) => {
    minX = Math.min(minX, x0);
    maxX = Math.max(maxX, x1);
    maxY = Math.max(maxY, y1);
  };
  for (const v of vertices) {
    const w = widthOf(v);
    grow(v.x - w / 2, v.x + w / 2, centreY(v) + v.height / 2);
  }
  for (const e of routed) for (const p of e.points) grow(p.x, p.x, p.y);
  if (!Number.isFinite(minX)) minX = maxX = 0;
  const dx = MARGIN - minX;
  const dy = MARGIN;
  const move = (p: RoutePoint): RoutePoint => ({ x: round(p.x + dx), y: round(p.y + dy), ...(p.side ? { side: true } : {}) });
  const positions = new Map<string, Point>();
  nodes.forEach((node, i) => {
    positions.set(node.id, move({ x: centreX(vertices[i]!), y: centreY(vertices[i]!) }));
  });
  const moved = routed.map((e): RoutedEdge => {
    const points = e.points.map(move);
    return {
      d: e.direction === 'self' ? selfLoopPath(points) : smoothPath(points),
      points: points.map((p) => ({ x: p.x, y: p.y })),
      ...(e.label ? { label: move(e.label) } : {}),
      direction: e.direction,
    };
  });
  return { nodes: positions, edges: moved, width: Math.ceil(maxX - minX + 2 * MARGIN), height: Math.ceil(maxY + 2 * MARGIN) };
}

/** A route's point; `side` marks an end on a node's left or right side (the path arrives level). */
interface RoutePoint extends Point {
  readonly side?: boolean;
}

/** A route before it is moved into place and written as a path. */
interface Route {
  readonly points: readonly RoutePoint[];
  readonly label?: Point;
  readonly direction: RoutedEdge['direction'];
}

const round = (v: number) => Math.round(v * 10) / 10;

function gapBetween(a: Vertex, b: Vertex, widthOf: (v: Vertex) => number): number {
  const gap = a.node >= 0 && b.node >= 0 ? NODE_GAP : DUMMY_GAP;
  return widthOf(a) / 2 + widthOf(b) / 2 + gap;
}

/** A loop out of a step's right side and back into it, inside the room kept for it. */
function selfLoop(v: Vertex, centreX: (v: Vertex) => number, centreY: (v: Vertex) => number, labelWidth: number): Route {
  const right = centreX(v) + v.width / 2;
  const y = centreY(v);
  const h = Math.min(10, v.height / 3);
  const points = [
    { x: right, y: y - h },
    { x: right + SELF_LOOP - 6, y: y - h },
    { x: right + SELF_LOOP - 6, y: y + h },
    { x: right, y: y + h },
  ];
  return { points, ...(labelWidth > 0 ? { label: { x: right + SELF_LOOP + labelWidth / 2 - 2, y } } : {}), direction: 'self' };
}

const f = (v: number) => String(round(v));

function selfLoopPath(p: readonly Point[]): string {
  const [a, b, c, d] = p as [Point, Point, Point, Point];
  return `M${f(a.x)},${f(a.y)} C${f(b.x)},${f(b.y)} ${f(c.x)},${f(c.y)} ${f(d.x)},${f(d.y)}`;
}

/**
 * A smooth path through the points: vertical runs stay straight, and between two points the
 * curve leaves and arrives vertically (a side attachment arrives horizontally), so it never
 * leaves the box the two points span.
 */
function smoothPath(p: readonly RoutePoint[]): string {
  let d = `M${f(p[0]!.x)},${f(p[0]!.y)}`;
  for (let k = 1; k < p.length; k++) {
    const a = p[k - 1]!;
    const b = p[k]!;
    if (a.x === b.x || a.y === b.y) {
      d += ` L${f(b.x)},${f(b.y)}`;
      continue;
    }
    const sideStart = k === 1 && a.side === true;
    const sideEnd = k === p.length - 1 && b.side === true;
    if (sideStart) d += ` Q${f(b.x)},${f(a.y)} ${f(b.x)},${f(b.y)}`;
    else if (sideEnd) d += ` Q${f(a.x)},${f(b.y)} ${f(b.x)},${f(b.y)}`;
    else {
      const my = (a.y + b.y) / 2;
      d += ` C${f(a.x)},${f(my)} ${f(b.x)},${f(my)} ${f(b.x)},${f(b.y)}`;
    }
  }
  return d;
}

/** Crossing reduction: barycentre sweeps down and up, keeping the order with fewest crossings. */
function orderLayers(vertices: Vertex[], layers: number[][], rounds: number): void {
  let best = layers.map((l) => [...l]);
  let bestCrossings = countCrossings(vertices, layers);
  for (let r = 0; r < rounds && bestCrossings > 0; r++) {
    const down = r % 2 === 0;
    if (down) for (let l = 1; l < layers.length; l++) sortByBarycentre(vertices, layers[l]!, 'up');
    else for (let l = layers.length - 2; l >= 0; l--) sortByBarycentre(vertices, layers[l]!, 'down');
    const c = countCrossings(vertices, layers);
    if (c < bestCrossings) {
      bestCrossings = c;
      best = layers.map((l) => [...l]);
    }
  }
  best.forEach((l, i) => {
    layers[i] = l;
  });
  for (const l of layers) l.forEach((v, k) => {
    vertices[v]!.order = k;
  });
}

function sortByBarycentre(vertices: Vertex[], layer: number[], side: 'up' | 'down'): void {
  const keyed = layer.map((v, k) => {
    const nb = vertices[v]![side];
    if (nb.length === 0) return { v, key: -1, k };
    let s = 0;
    for (const u of nb) s += vertices[u]!.order;
    return { v, key: s / nb.length, k };
  });
  // vertices with no neighbour on that side keep their slot; the others are sorted into the rest
  const movable = keyed.filter((e) => e.key >= 0).sort((a, b) => a.key - b.key || a.k - b.k);
  let m = 0;
  for (let k = 0; k < keyed.length; k++) if (keyed[k]!.key >= 0) layer[k] = movable[m++]!.v;
  layer.forEach((v, k) => {
    vertices[v]!.order = k;
  });
}

/** Edge crossings between adjacent layers, counted with a Fenwick tree (E log V per pair). */
function countCrossings(vertices: Vertex[], layers: number[][]): number {
  let total = 0;
  for (let l = 0; l + 1 < layers.length; l++) {
    const lower = layers[l + 1]!;
    const ends: Array<[number, number]> = [];
    for (const v of layers[l]!) for (const w of vertices[v]!.down) ends.push([vertices[v]!.order, vertices[w]!.order]);
    ends.sort((a, b) => a[0] - b[0] || a[1] - b[1]);
    const tree = new Uint32Array(lower.length + 1);
    let seen = 0;
    for (const [, b] of ends) {
      let le = 0;
      for (let i = b + 1; i > 0; i -= i & -i) le += tree[i]!;
      total += seen - le;
      for (let i = b + 1; i <= lower.length; i += i & -i) tree[i]!++;
      seen++;
    }
  }
  return total;
}

/**
 * Moves a layer's vertices towards the mean position of their neighbours (above, below or
 * both), keeping their order and gaps: the least-squares fit under those constraints, found
 * by pooling adjacent violators (linear). Long edges weigh more so they run straight.
 */
function alignLayer(vertices: Vertex[], layer: number[], side: 'up' | 'down' | 'both', widthOf: (v: Vertex) => number): void {
  if (layer.length === 0) return;
  const offsets: number[] = [0];
  for (let k = 1; k < layer.length; k++) offsets.push(offsets[k - 1]! + gapBetween(vertices[layer[k - 1]!]!, vertices[layer[k]!]!, widthOf));
  const target: number[] = [];
  const weight: number[] = [];
  layer.forEach((v, k) => {
    const vx = vertices[v]!;
    const nbs = side === 'both' ? [...vx.up, ...vx.down] : vx[side];
    let s = 0;
    let w = 0;
    for (const u of nbs) {
      const uw = vertices[u]!.node < 0 && vx.node < 0 ? 8 : vertices[u]!.node < 0 || vx.node < 0 ? 2 : 1;
      s += vertices[u]!.x * uw;
      w += uw;
    }
    target.push((w > 0 ? s / w : vx.x) - offsets[k]!);
    weight.push(w > 0 ? w : 0.05);
  });
  // pool adjacent violators: blocks of (weighted mean, weight, size), merged while decreasing
  const mean: number[] = [];
  const wsum: number[] = [];
  const size: number[] = [];
  for (let k = 0; k < target.length; k++) {
    mean.push(target[k]!);
    wsum.push(weight[k]!);
    size.push(1);
    while (mean.length > 1 && mean[mean.length - 2]! > mean[mean.length - 1]!) {
      const m2 = mean.pop()!;
      const w2 = wsum.pop()!;
      const s2 = size.pop()!;
      const j = mean.length - 1;
      mean[j] = (mean[j]! * wsum[j]! + m2 * w2) / (wsum[j]! + w2);
      wsum[j] = wsum[j]! + w2;
      size[j] = size[j]! + s2;
    }
  }
  let k = 0;
  for (let b = 0; b < mean.length; b++) {
    for (let s = 0; s < size[b]!; s++, k++) vertices[layer[k]!]!.x = mean[b]! + offsets[k]!;
  }
}
