/**
 * A set of field paths, as structured-merge-diff's fieldpath.Set, in the FieldsV1 shape that
 * managedFields carry. A path is a list of elements written as FieldsV1 keys:
 *   `f:name`            a field of a struct, or a key of a map;
 *   `k:{"name":"web"}`  the element of a keyed list with these key fields (sorted, compact JSON);
 *   `v:"x"`             the element of a set with this value;
 *   `i:3`               the element of a list at an index (lists of lists).
 * A node is a member when the path to it is in the set; in FieldsV1 a member that also has
 * members below it carries `".": {}`.
 */
export class FieldSet {
  /** Children by path element; `member` marks the child path itself as in the set. */
  readonly children = new Map<string, { member: boolean; set: FieldSet }>();

  /** Whether nothing is in the set. */
  isEmpty(): boolean {
    return this.children.size === 0;
  }

  /** Add a path (and the nodes leading to it, as non-members). */
  insert(path: readonly string[]): void {
    if (!path.length) return;
    let node: FieldSet = this;
    for (let i = 0; i < path.length; i++) {
      let child = node.children.get(path[i]);
      if (!child) {
        child = { member: false, set: new FieldSet() };
        node.children.set(path[i], child);
      }
      if (i === path.length - 1) child.member = true;
      node = child.set;
    }
  }

  /** Whether a path is a member. */
  has(path: readonly string[]): boolean {
    let node: FieldSet = this;
    for (let i = 0; i < path.length; i++) {
      const child = node.children.get(path[i]);
      if (!child) return false;
      if (i === path.length - 1) return child.member;
      node = child.set;
    }
    return false;
  }

  /** Whether the set has the path itself or anything below it. */
  hasPrefix(path: readonly string[]): boolean {
    let node: FieldSet = this;
    for (const el of path) {
      const child = node.children.get(el);
      if (!child) return false;
      node = child.set;
    }
    return true;
  }

  /** Every member path, depth first. */
  paths(prefix: string[] = []): string[][] {
    const out: string[][] = [];
    for (const [el, child] of this.children) {
      const p = [...prefix, el];
      if (child.member) out.push(p);
      out.push(...child.set.paths(p));
    }
    return out;
  }

  /** A new set with the members of both. */
  union(other: FieldSet): FieldSet {
    const out = this.clone();
    for (const p of other.paths()) out.insert(p);
    return out;
  }

  /** A new set with the members of this set that `other` lacks. */
  difference(other: FieldSet): FieldSet {
    const out = new FieldSet();
    for (const p of this.paths()) if (!other.has(p)) out.insert(p);
    return out;
  }

  /** A new set with the members both sets have. */
  intersection(other: FieldSet): FieldSet {
    const out = new FieldSet();
    for (const p of this.paths()) if (other.has(p)) out.insert(p);
    return out;
  }

  /** A copy. */
  clone(): FieldSet {
    const out = new FieldSet();
    for (const p of this.paths()) out.insert(p);
    return out;
  }

  /** Whether both sets have exactly the same members. */
  equals(other: FieldSet): boolean {
    const a = this.paths();
    return a.length === other.paths().length && a.every((p) => other.has(p));
  }

  /** The FieldsV1 object of this set. */
  toFieldsV1(): Record<string, unknown> {
    const out: Record<string, unknown> = {};
    for (const [el, child] of [...this.children].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
      const below = child.set.toFieldsV1();
      out[el] = child.member && !child.set.isEmpty() ? { '.': {}, ...below } : below;
    }
    return out;
  }

  /** Read a FieldsV1 object (an invalid one gives undefined). */
  static fromFieldsV1(v: unknown): FieldSet | undefined {
    if (typeof v !== 'object' || v === null || Array.isArray(v)) return undefined;
    const out = new FieldSet();
    const walk = (obj: Record<string, unknown>, prefix: string[]): boolean => {
      for (const [el, sub] of Object.entries(obj)) {
        if (el === '.') continue;
        if (!/^[fkvi]:/.test(el) || typeof sub !== 'object' || sub === null || Array.isArray(sub)) return false;
        const p = [...prefix, el];
        const children = Object.keys(sub).filter((k) => k !== '.');
        if ('.' in sub || children.length === 0) out.insert(p);
        if (!walk(sub as Record<string, unknown>, p)) return false;
      }
      return true;
    };
    return walk(v as Record<string, unknown>, []) ? out : undefined;
  }
}

/** The path element of a struct field or map key. */
export function fieldElement(name: string): string {
  return `f:${name}`;
}

/** The path element of a keyed list's item: its key fields, sorted, as compact JSON. */
export function keyElement(keys: Record<string, unknown>): string {
  const sorted = Object.fromEntries(Object.keys(keys).sort().map((k) => [k, keys[k]]));
  return `k:${JSON.stringify(sorted)}`;
}

/** The path element of a set's item. */
export function valueElement(v: unknown): string {
  return `v:${JSON.stringify(v)}`;
}

/**
 * A path as fieldpath.Path.String() prints it in conflict messages:
 * `.spec.template.spec.containers[name="web"].image`, `[="x"]` for set items.
 */
export function pathString(path: readonly string[]): string {
  let s = '';
  for (const el of path) {
    const body = el.slice(2);
    if (el.startsWith('f:')) s += `.${body}`;
    else if (el.startsWith('k:')) {
      const keys = JSON.parse(body) as Record<string, unknown>;
      s += `[${Object.entries(keys).map(([k, v]) => `${k}=${JSON.stringify(v)}`).join(',')}]`;
    } else if (el.startsWith('v:')) s += `[=${body}]`;
    else s += `[${body}]`;
  }
  return s;
}
