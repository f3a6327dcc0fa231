/**
 * Where Go's encoding/base64 StdEncoding (what decodes `[]byte` fields such as Secret data)
 * would refuse a string: the byte offset of its "illegal base64 data at input byte N" error,
 * or undefined when the string decodes.
 */
export function base64ErrorOffset(s: string): number | undefined {
  const alphabet = /[A-Za-z0-9+/]/;
  // Go skips \r and \n; count offsets in the original string.
  let quantum = 0;
  let padding = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s[i];
    if (c === '\r' || c === '\n') continue;
    if (padding) {
      if (c !== '=' || quantum + padding >= 4) return i;
      padding++;
      continue;
    }
    if (c === '=') {
      if (quantum < 2) return i;
      padding = 1;
      continue;
    }
    if (!alphabet.test(c)) return i;
    quantum = (quantum + 1) % 4;
  }
  if (padding && quantum + padding !== 4) return s.length;
  if (!padding && quantum !== 0) return s.length;
  return undefined;
}
