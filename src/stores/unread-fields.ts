/**
 * A prototype for rows read narrowly (a fits page that shows only rankings and names reads
 * neither the score rows' history columns nor the accounts' attributes): its `fields` throw when
 * read. Reading one is a defect of the read's lookahead, and a masked, logged error beats an
 * answer built from undefined. Assigning one makes it a plain property, as on a full row.
 */
export function unreadFields(what: string, fields: readonly string[]): object {
  return Object.freeze(
    Object.create(
      Object.prototype,
      Object.fromEntries(
        fields.map((field) => [
          field,
          {
            get(): never {
              throw new Error(`${what}.${field} was not read by this statement (a narrow read: its lookahead missed a field)`);
            },
            set(this: object, value: unknown) {
              Object.defineProperty(this, field, { value, enumerable: true, configurable: true, writable: true });
            },
          },
        ]),
      ),
    ) as object,
  );
}
