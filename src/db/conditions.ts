/** WHERE conditions with numbered parameters, built one filter at a time. */
export class Conditions {
  private readonly parts: string[] = [];
  readonly params: unknown[] = [];

  /** Adds `sql`, binding each `?` in it to the next of `values`. */
  add(sql: string, ...values: unknown[]): this {
    let text = sql;
    for (const value of values) text = text.replace('?', this.bind(value));
    this.parts.push(text);
    return this;
  }

  /** Binds one more parameter and returns its placeholder (`$n`). */
  bind(value: unknown): string {
    this.params.push(value);
    return `$${this.params.length}`;
  }

  /** `WHERE a AND b`, or nothing. */
  get where(): string {
    return this.parts.length ? `WHERE ${this.parts.join(' AND ')}` : '';
  }

  /** The conditions as they stand, e.g. to count the filtered set before a cursor is added. */
  snapshot(): { where: string; params: unknown[] } {
    return { where: this.where, params: [...this.params] };
  }
}
