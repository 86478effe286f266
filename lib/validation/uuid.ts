const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** An id as PostgreSQL's uuid type takes it: checked before a query, so a bad one matches nothing instead of failing. */
export const isUuid = (s: string) => UUID.test(s);
