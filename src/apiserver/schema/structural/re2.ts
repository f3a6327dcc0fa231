/**
 * Regular expressions written for Go's RE2 (CRD `pattern`s and CEL's matches/find), run with
 * JavaScript's RegExp, which reads the common syntax alike.
 */

const patterns = new Map<string, RegExp | string>();

/**
 * A Go (RE2) pattern as a JS RegExp, or the reason it does not compile: flags set at the start
 * (`(?i)…`, also after a leading `^`: `^(?i)…`) become RegExp flags; `\z` is the end.
 */
export function compilePattern(pattern: string): RegExp | string {
  let cached = patterns.get(pattern);
  if (cached !== undefined) return cached;
  let body = pattern;
  let flags = 'u';
  const m = /^(\^?)\(\?([ism]+)\)/.exec(body);
  if (m) {
    body = m[1] + body.slice(m[0].length);
    flags += m[2];
  }
  const source = body.replace(/\\z/g, '$');
  try {
    cached = new RegExp(source, flags);
  } catch (err) {
    // RE2 escapes any punctuation (`\-`), which the unicode mode refuses outside a class.
    try {
      cached = new RegExp(source, flags.replace('u', ''));
    } catch {
      cached = (err as Error).message.replace(/^Invalid regular expression: /, '');
    }
  }
  if (patterns.size > 1000) patterns.clear();
  patterns.set(pattern, cached);
  return cached;
}
