/** Small list helpers the domain and the application share. */

/** Appends `value` to the list kept under `key`, grown in place (copying it at each append made grouping quadratic). */
export function pushTo<K, T>(lists: Map<K, T[]>, key: K, value: T): void {
  const list = lists.get(key);
  if (list) list.push(value);
  else lists.set(key, [value]);
}
