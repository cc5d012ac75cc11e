// The command-line tool as a whole process, beside its yardsticks in the same run: a one-line paste against
// `node -e 0` (the floor for any Node CLI), and a 50 MB resource-log export against a jq pipeline that only
// extracts time, code and device and sorts them (where jq is installed). Commands alternate, several rounds;
// the figure is the median ratio. Peak memory is each process's own maximum resident set (from /usr/bin/time
// where present). Nothing here is asserted: figures only.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { adversarial, jsonLinesOfSize } from './engine';

// What `iothub-triage` runs: the bundled command line with its code cache (scripts/bundleCli.ts).
const CLI = join(__dirname, '../dist/cli/run.js');
const TIME = '/usr/bin/time';

interface Run {
  ms: number;
  peakKb?: number;
}

// NODE_EXTRA_CA_CERTS makes every Node process read and parse that CA bundle before its first line (about
// 170 ms with Debian's whole bundle on the dev VMs), the tool and its yardstick alike: it would bury the
// difference being measured. Children run without it (no row here makes a TLS connection); the start-up it
// costs is printed beside the rows when it is set.
const CHILD_ENV = { ...process.env, NODE_EXTRA_CA_CERTS: undefined };

function run(cmd: string, args: string[], input?: string, env: NodeJS.ProcessEnv = CHILD_ENV): Run {
  const timed = existsSync(TIME);
  const t = process.hrtime.bigint();
  const opts = { input, encoding: 'utf8' as const, maxBuffer: 1 << 30, env };
  const res = timed ? spawnSync(TIME, ['-f', '%M', cmd, ...args], opts) : spawnSync(cmd, args, opts);
  const ms = Number(process.hrtime.bigint() - t) / 1e6;
  const peak = timed ? Number(res.stderr.trim().split('\n').pop()) : undefined;
  return { ms, peakKb: Number.isFinite(peak) ? peak : undefined };
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[s.length >> 1] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
}

function paired(a: () => Run, b: () => Run, rounds: number): { a: Run[]; b: Run[]; ratio: number } {
  const ra: Run[] = [];
  const rb: Run[] = [];
  a();
  b();
  for (let i = 0; i < rounds; i++) {
    ra.push(a());
    rb.push(b());
  }
  return { a: ra, b: rb, ratio: median(ra.map((r, i) => r.ms / rb[i].ms)) };
}

const fmt = (xs: Run[]) => `${median(xs.map((r) => r.ms)).toFixed(0)} ms${xs[0].peakKb ? `, ${(median(xs.map((r) => r.peakKb ?? 0)) / 1024).toFixed(0)} MB peak` : ''}`;

export function benchCli(rounds = Number(process.env.BENCH_CLI_ROUNDS ?? 7)): void {
  // The CLI runs from dist/: build it first (npm run build), or the figures would be of whatever was built last.
  const build = spawnSync('npm', ['run', '-s', 'build'], { encoding: 'utf8', cwd: join(__dirname, '..') });
  if (build.status !== 0 || !existsSync(CLI)) {
    console.log(`\nCLI: the build (npm run build) failed; skipped.\n${build.stdout}${build.stderr}`);
    return;
  }
  const dir = mkdtempSync(join(tmpdir(), 'iothub-triage-bench-'));
  try {
    const one = join(dir, 'one.txt');
    writeFileSync(one, '2026-11-29T10:00:00Z 401003 IoTHubUnauthorized device=pump-7\n');
    const big = join(dir, 'big.jsonl');
    const text = jsonLinesOfSize(50 * 1024 * 1024);
    writeFileSync(big, text);
    const now = ['--now', '2026-11-30T00:00:00Z'];

    console.log(`\nCommand-line tool, whole process (median of ${rounds} alternating rounds)`);
    console.log('| what | iothub-triage | yardstick | ratio |');
    console.log('|---|---:|---:|---:|');
    // Short runs: three times the rounds, as a single round moves by a third on this machine.
    const small = paired(() => run(process.execPath, [CLI, ...now, one]), () => run(process.execPath, ['-e', '0']), rounds * 3);
    console.log(`| one-line paste | ${fmt(small.a)} | node -e 0: ${fmt(small.b)} | ${small.ratio.toFixed(2)}x (aim: at most 120 ms) |`);
    if (process.env.NODE_EXTRA_CA_CERTS) {
      const withCa = paired(() => run(process.execPath, ['-e', '0'], undefined, process.env), () => run(process.execPath, ['-e', '0']), rounds);
      console.log(`(NODE_EXTRA_CA_CERTS is set here: with it, node -e 0 takes ${fmt(withCa.a)}, ${withCa.ratio.toFixed(1)}x; the rows run without it)`);
    }
    const bigRounds = Math.max(3, Math.floor(rounds / 2));
    const triageBig = () => run(process.execPath, [CLI, '--json', ...now, big]);
    // The floor for any tool that reads every record: a process that only JSON.parses each line.
    const parseOnly = () => run(process.execPath, ['-e', `require('fs').readFileSync(${JSON.stringify(big)}, 'utf8').split('\\n').forEach((l) => l && JSON.parse(l))`]);
    const p = paired(triageBig, parseOnly, bigRounds);
    console.log(`| 50 MB resource-log JSON lines | ${fmt(p.a)} | JSON.parse per line: ${fmt(p.b)} | ${p.ratio.toFixed(2)}x (aim <= 3x) |`);
    if (spawnSync('jq', ['--version']).status === 0) {
      // What jq does is less than triage: pull out three fields per record and sort them.
      const jq = () => run('sh', ['-c', `jq -c '[.time, .resultType, (.properties | fromjson? // . | .deviceId)]' ${big} | sort > /dev/null`]);
      const r = paired(triageBig, jq, bigRounds);
      console.log(`| 50 MB resource-log JSON lines | ${fmt(r.a)} | jq + sort: ${fmt(r.b)} | ${r.ratio.toFixed(2)}x (aim < 1x) |`);
    }
    const peak = median(p.a.map((r) => r.peakKb ?? 0)) * 1024;
    if (peak) console.log(`Peak memory on the 50 MB export: ${(peak / text.length).toFixed(1)}x the file (aim <= 3x).`);
    console.log(`(the 50 MB file is ${(text.length / 1024 / 1024).toFixed(0)} MB; peak memory is the process's maximum resident set)`);

    // Regex-hostile text: each 1 MB input against a process that only reads the same file.
    console.log(`\nRegex-hostile text, 1 MB each, whole process (median of ${bigRounds} alternating rounds; aim <= 5x a bare read)`);
    console.log('| input | iothub-triage | bare read | ratio |');
    console.log('|---|---:|---:|---:|');
    let worst = 0;
    for (const [k, hostile] of adversarial(1024 * 1024).entries()) {
      const file = join(dir, `hostile-${k}.txt`);
      writeFileSync(file, hostile);
      const r = paired(() => run(process.execPath, [CLI, ...now, file]), () => run(process.execPath, ['-e', `require('fs').readFileSync(${JSON.stringify(file)}, 'utf8')`]), bigRounds);
      worst = Math.max(worst, r.ratio);
      console.log(`| ${JSON.stringify(hostile.slice(0, 24))}… | ${fmt(r.a)} | ${fmt(r.b)} | ${r.ratio.toFixed(2)}x |`);
    }
    console.log(`Worst hostile input: ${worst.toFixed(2)}x a bare read.`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
