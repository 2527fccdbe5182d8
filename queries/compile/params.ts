/**
 * Bound parameters. `bind` adds a positional value; `named` binds a context value once and
 * reuses its placeholder; `resolve` turns the `:name` placeholders in catalog fragments into
 * those placeholders (an unknown name is a programming error and throws). DuckDB rejects a
 * parameter a statement never references, so values are bound only on first use.
 */
export type ParamValue = string | number | boolean | null;

export class Params {
  readonly values: ParamValue[] = [];
  private readonly byName = new Map<string, string>();

  constructor(private readonly named: Record<string, ParamValue | (() => ParamValue)>) {}

  bind(value: ParamValue): string {
    this.values.push(value);
    return `$${this.values.length}`;
  }

  /** The placeholder for a named context value, bound on first use. */
  ref(name: string): string {
    const existing = this.byName.get(name);
    if (existing) return existing;
    if (!(name in this.named)) throw new Error(`No compile-context value named :${name}.`);
    const raw = this.named[name];
    const placeholder = this.bind(typeof raw === 'function' ? raw() : (raw as ParamValue));
    this.byName.set(name, placeholder);
    return placeholder;
  }

  /**
   * A named context value itself, unbound: for choosing between SQL shapes that give the same
   * answer (never for splicing: the value still reaches the statement only as a parameter).
   */
  peek(name: string): ParamValue | undefined {
    const raw = this.named[name];
    return typeof raw === 'function' ? raw() : raw;
  }

  /** Replaces `:name` placeholders (not `::` casts) in a catalog fragment; `extra` wins. */
  resolve(fragment: string, extra: Record<string, string> = {}): string {
    return fragment.replace(/(?<!:):([a-z][a-z0-9_]*)/g, (_, name: string) => extra[name] ?? this.ref(name));
  }
}
