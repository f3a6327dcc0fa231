/**
 * Map `xs` through `fn` with at most `limit` calls in flight, keeping the order of `xs` in the
 * result. Each outcome is settled (a failure of one item does not stop the others).
 */
export async function mapSettled<T, R>(xs: T[], limit: number, fn: (x: T, i: number) => Promise<R>): Promise<PromiseSettledResult<R>[]> {
  const out: PromiseSettledResult<R>[] = new Array(xs.length);
  let next = 0;
  const worker = async () => {
    while (next < xs.length) {
      const i = next++;
      try {
        out[i] = { status: 'fulfilled', value: await fn(xs[i], i) };
      } catch (reason) {
        out[i] = { status: 'rejected', reason };
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, xs.length) }, worker));
  return out;
}
