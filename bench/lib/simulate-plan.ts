/**
 * The simulator benchmark's plan and callers, shared by bench/simulate.ts (time) and
 * bench/process.ts (peak memory). In lib/ so `npm run bench` does not run it as a benchmark.
 *
 * @module
 */
function leaf(d: number, l: number): string {
  const name = `leaf_${d}_${l}`;
  return `
      <keypress pressed="${l}">
        <menu name="${name}" maxDigits="1" timeout="3500">
          <play type="tts">Topic ${d}.${l}. Press 1 if this helped, 2 if not.</play>
          <keypress pressed="1">
            <stash varname="helped_${d}_${l}">yes</stash>
            <setvar varname="Visits">\${Visits}+1</setvar>
            <if expr="\${Visits} &gt; 1"><play type="tts">Welcome back. You have been here \${Visits} times.</play></if>
            <hangup/>
          </keypress>
          <keypress pressed="2"><stash varname="helped_${d}_${l}">no</stash><goto>main</goto></keypress>
          <keypress pressed="default">
            <setvar varname="Retries">\${Retries}+1</setvar>
            <if expr="\${Retries} &lt; 3"><goto>${name}</goto></if>
            <hangup/>
          </keypress>
        </menu>
      </keypress>`;
}

/** The 100-menu plan as CallFire XML. */
export function benchPlan(): string {
  const departments: string[] = [];
  for (let d = 1; d <= 9; d++) {
    const leaves = Array.from({ length: 10 }, (_, l) => leaf(d, l)).join('');
    departments.push(`
    <keypress pressed="${d}">
      <menu name="dept_${d}" maxDigits="1" timeout="3500">
        <play type="tts">Department ${d}. Choose a topic from 0 to 9.</play>${leaves}
      </menu>
    </keypress>`);
  }
  return `<dialplan name="Root">
  <setvar varname="Visits">0</setvar>
  <setvar varname="Retries">0</setvar>
  <menu name="main" maxDigits="1" timeout="3500">
    <play type="tts">Main menu. Choose a department from 1 to 9.</play>${departments.join('')}
  </menu>
  <play type="tts">Goodbye.</play>
</dialplan>`;
}

/** A small seeded generator, so every run presses the same keys. */
function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

/** `n` calls' key presses, the same on every run. */
export function scripts(n: number): string[][] {
  const next = rng(42);
  const key = (max: number) => String(Math.floor(next() * (max + 1)));
  return Array.from({ length: n }, () => {
    const keys: string[] = [];
    for (let i = 0; i < 8; i++) keys.push(i % 3 === 0 ? String(1 + Math.floor(next() * 9)) : i % 3 === 1 ? key(9) : key(3));
    return keys;
  });
}

