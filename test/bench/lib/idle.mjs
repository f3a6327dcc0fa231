// An idle cluster: alarms fired and workerd CPU time while nobody calls, once everything settled.

/** Wait `seconds` with no requests; returns { alarms, cpuPerMinute } over that time. */
export async function measureIdle(c, seconds) {
  const cpu0 = c.cpu();
  const alarms0 = await c.alarmsFired();
  await new Promise((r) => setTimeout(r, seconds * 1000));
  const alarms = (await c.alarmsFired()) - alarms0;
  return { seconds, alarms, cpuPerMinute: ((c.cpu() - cpu0) * 60) / seconds };
}
